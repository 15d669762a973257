"""Across the built flagship, every article citation in running text is a link to the right
article (and paragraph). The citations are found in the HTML by patterns of this test, broader
than the auto-linker's and independent of it, so a form the linker misses shows up here.

Run directly (`python -m tests.test_citations site/`) to list every finding of a built site."""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

LANGS = {"kk": "", "ru": "ru/", "en": "en/"}

# A citation: the cited number is group "n". Deliberately broad: any number next to the
# article word, whatever the case ending ("75 баптан" included).
CITE = {
    "kk": re.compile(r"(?<![\d.,-])(?P<n>\d{1,3}(?:-\d{1,2})?)(?:-|\s+)(?:бап|баб)"),
    "ru": re.compile(
        r"(?<!\w)(?:[Сс]тат(?:ь[а-яё]*|ей)|[Сс]т\.)\s*(?P<n>\d{1,3}(?:-\d{1,2}(?!\d))?)(?!\d)"
    ),
    "en": re.compile(
        r"(?<!\w)(?:[Aa]rticles?|[Aa]rts?\.)\s*(?P<n>\d{1,3}(?:-\d{1,2}(?!\d))?)(?!\d)"
    ),
}
# A paragraph inside a citation link's text: group "p".
PARA = {
    "kk": re.compile(r"(?<![\d.,])(?P<p>\d{1,3})(?:-\d+)?(?:-|\s+)тарма(?:ғ|қ(?!ша))"),
    "ru": re.compile(r"(?<!\w)(?:[Пп]\.|[Пп]ункт[а-я]*|[Чч]\.|[Чч]аст[а-я]*)\s*(?P<p>\d{1,3})"),
    "en": re.compile(r"\((?P<p>\d{1,3})\)|(?<!\w)[Pp]ara(?:graph|\.)?\s+(?P<p2>\d{1,3})"),
}
ARTICLE_URL = re.compile(r"/articles/(\d+(?:-\d+)?)/$")
"""An article page (``/articles/41/``, an inserted article ``/articles/83-1/``), matched on
the path of a link: its fragment (``#p2``) is compared apart."""


def number(cited: str) -> str:
    """The article a cited number stands for: "83-1" is an inserted article, but in
    "75-77" (a range written with a hyphen) the word goes with the last number."""
    first, _, second = cited.partition("-")
    return cited if second and int(second) < int(first) else (second or first)


SKIP_TAGS = {"code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "th", "script", "style", "small"}
"""Not running text: code, headings (of sections and of table columns), and (in the
timeline) the sources line."""


@dataclass
class Segment:
    text: str
    href: str | None
    """The link the text is in, if any."""


VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


class ContentText(HTMLParser):
    """The text of the page's article (`.md-content`), outside code, headings, `.cite-other`
    and the sources list, cut into runs inside and outside links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # open elements inside <article class="md-content__inner">
        self.skip_at: int | None = None  # depth of the element whose text does not count
        self.href: str | None = None
        self.segments: list[Segment] = []
        self.after_sources = False
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"] or "")
        cls = (a.get("class") or "").split()
        if not self.depth:
            if tag == "article" and "md-content__inner" in cls:
                self.depth = 1
            return
        if tag in VOID:
            return
        if tag in ("h2", "h3"):
            self.after_sources = a.get("id") == "sources"
        if self.skip_at is None and (
            tag in SKIP_TAGS
            or "cite-other" in cls
            or "az-par__title" in cls  # a title, side by side
            or "az-successor" in cls  # the 2026 article numbers: not links to 1995 ones
            or "headerlink" in cls
            or (self.after_sources and tag == "ul")
        ):
            self.skip_at = self.depth
        self.depth += 1
        if tag == "a":
            self.href = a.get("href") or ""

    def handle_endtag(self, tag: str) -> None:
        if not self.depth or tag in VOID:
            return
        self.depth -= 1
        if tag == "a":
            self.href = None
        if self.skip_at == self.depth:
            self.skip_at = None

    def handle_data(self, data: str) -> None:
        if self.depth and self.skip_at is None:
            if self.segments and self.segments[-1].href == self.href:
                self.segments[-1].text += data
            else:
                self.segments.append(Segment(data, self.href))


@dataclass
class Report:
    linked: int = 0
    unlinked: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    no_page: list[str] = field(default_factory=list)
    own_page: int = 0
    by_lang: Counter[str] = field(default_factory=Counter)


def parse(path: Path) -> ContentText:
    p = ContentText()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def scan(site: Path) -> Report:
    r = Report()
    root = "http://x/"
    ids: dict[str, set[str]] = {}
    pages: dict[str, tuple[str, ContentText]] = {}
    for lang, prefix in LANGS.items():
        for f in sorted((site / prefix).rglob("index.html")):
            rel = f.relative_to(site).as_posix()
            if lang == "kk" and rel.split("/")[0] in ("ru", "en"):
                continue
            url = root + rel[: -len("index.html")]
            parsed = parse(f)
            pages[url] = (lang, parsed)
            ids[url] = parsed.ids
    articles = {m.group(1) for u in ids if (m := ARTICLE_URL.search(urlparse(u).path))}
    for url, (lang, parsed) in pages.items():
        own = ARTICLE_URL.search(urlparse(url).path)
        own_n = own.group(1) if own else None
        where = url[len(root) :] or "/"
        for seg in parsed.segments:
            text = " ".join(seg.text.split())
            if seg.href is None:
                for m in CITE[lang].finditer(text):
                    n = number(m.group("n"))
                    what = f"{where}: «{text[max(0, m.start() - 30) : m.end() + 15]}»"
                    if n == own_n:
                        r.own_page += 1
                    elif n not in articles:
                        r.no_page.append(what)
                    else:
                        r.unlinked.append(what)
                continue
            target = urljoin(url, seg.href)
            t = ARTICLE_URL.search(urlparse(target).path)
            if not t:
                continue  # a link to something else (a topic titled "Article 41 …")
            got = t.group(1)
            cited = [number(m.group("n")) for m in CITE[lang].finditer(text)]
            if not cited and text.strip().isdigit():
                cited = [text.strip()]  # "75" of "75 және 76-баптары", "77" of "75–77"
            if not cited:
                continue  # a link with its own words ([[art:75|this article]])
            r.by_lang[lang] += 1
            r.linked += 1
            anchor = urlparse(target).fragment
            pm = PARA[lang].search(text)
            para = (pm.group("p") or pm.groupdict().get("p2")) if pm else None
            page = target.split("#")[0]
            want = f"p{para}" if para and f"p{para}" in ids.get(page, set()) else ""
            # The path names the article; the fragment matters only as a paragraph: a
            # paragraph cited must be its anchor, and a paragraph anchor must be cited (a
            # link to another part of the page, such as #successor, is fine).
            para_anchor = re.fullmatch(r"p\d+(?:-\d+)?", anchor) is not None
            if cited[0] != got or (want and anchor != want) or (not want and para_anchor):
                r.wrong.append(
                    f"{where}: «{text}» -> {target[len(root) :]} "
                    f"(expected article {cited[0]}{' #' + want if want else ''})"
                )
    return r


@pytest.fixture(scope="module")
def report(built_flagship: Path) -> Report:
    return scan(built_flagship / "site")


def test_every_citation_is_linked_to_the_right_article(report: Report) -> None:
    print(
        f"\ncitation links checked: {report.linked} {dict(report.by_lang)}; "
        f"unlinked: {len(report.unlinked)}; wrong target: {len(report.wrong)}; "
        f"article without a page: {len(report.no_page)}; on its own page: {report.own_page}"
    )
    assert report.unlinked == []
    assert report.wrong == []
    # The flagship cites a lot: a scan that finds nothing is broken, not clean.
    assert all(report.by_lang[lang] > 100 for lang in LANGS), report.by_lang
    assert report.own_page > 0


if __name__ == "__main__":
    rep = scan(Path(sys.argv[1] if len(sys.argv) > 1 else "site"))
    for kind in ("unlinked", "wrong", "no_page"):
        for line in getattr(rep, kind):
            print(f"{kind}: {line}")
    print(f"linked {rep.linked} {dict(rep.by_lang)}, own page {rep.own_page}")
