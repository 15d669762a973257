"""Issue 14 item 3 (point in time) and item 4 (the topics link the articles they discuss).

Item 3: every article can be read as of each edition it lived through. The article page's
"The text at each edition" block (``#wordings``) has one tab per period between the editions
that changed the article (or that no source says left it alone); each tab names the editions
in it with their dates and what they did, and lists the paragraphs then in force, a wording
no source shows for the period marked as such. An article that never changed says so in one
line with the dates of every edition. The page is a pure function of the checked model, so
the model's Markdown pages are checked here (fast); the built site is checked at the end.

Item 4: each topic lists, in all three languages, the same articles, and every mention of an
article in its running text («76-бабы», «статья 76», "Article 76") is a link to that article.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from explainer.pipeline import Project, check
from explainer.render import PageContext, render

from .conftest import ROOT
from .test_citations import CITE

LANGS = ("kk", "ru", "en")
LAPSE = "2026-07-01"


@pytest.fixture(scope="module")
def linked() -> Any:
    return check(Project.at(ROOT), strict=True).linked


@pytest.fixture(scope="module")
def pages(linked: Any) -> dict[str, dict[str, str]]:
    return {lang: render(linked, lang) for lang in LANGS}


def sources_section(md: str) -> str:
    return md[md.index("{#sources}") :]


def period_blocks(md: str) -> list[tuple[str, str]]:
    """The tabs of the ``#wordings`` block: (label, the tab's Markdown); or the one line of an
    article that never changed, under the label ``""``."""
    one = re.search(r'<p class="az-wording__same" markdown>(.*)</p>', md)
    if one:
        return [("", one.group(1))]
    if "{#wordings}" not in md:
        return []
    block = md[md.index("{#wordings}") :]
    block = block[: block.index("\n## ")]
    parts = re.split(r'^=== "(.*)"$', block, flags=re.M)
    return list(zip(parts[1::2], parts[2::2], strict=True))


def editions_line(tab: str) -> str:
    # a paragraph with its class in an attribute list (an HTML block indented in a tab was
    # read as inline HTML inside a paragraph: <p><p markdown>…</p></p>)
    line = re.search(r"^    (.*)\n    \{: \.az-wording__editions \}$", tab, flags=re.M)
    return line.group(1) if line else ""


def paragraph_items(tab: str) -> dict[str, str]:
    """The paragraphs a tab lists: number → its text (all its lines)."""
    items = re.split(r"^    - \*\*([0-9-]+)\.\*\* ", tab, flags=re.M)
    return dict(zip(items[1::2], items[2::2], strict=True))


def in_force(article: Any, iso: str, first: str) -> list[str]:
    """The paragraph numbers whose wording was in force at an edition (its own reading of
    ``since``/``until``, not the renderer's)."""
    out = []
    for p in article.paragraphs:
        since = p.since.iso if p.since else first
        if since <= iso and (p.until is None or iso < p.until.iso):
            out.append(p.n)
    return sorted(set(out), key=lambda n: [int(x) for x in n.split("-")])


@pytest.mark.build  # a check of the whole flagship model (tooling guard)
@pytest.mark.parametrize("lang", LANGS)
def test_every_article_reads_as_of_each_edition_it_lived_through(
    linked: Any, pages: dict[str, dict[str, str]], lang: str
) -> None:
    ctx = PageContext(linked, lang)
    ui = ctx.ui
    first = linked.content.document.editions[0].date.iso
    problems = []
    for a in linked.content.articles:
        md = pages[lang][f"articles/{a.key}.md"]
        blocks = period_blocks(md)
        rows = [r for r in ctx.edition_rows(a) if r["in_text"]]
        assert rows and blocks, a.key
        changes = [r["edition"].date.iso for r in rows if r["state"] in ("amended", "unknown")]
        sources = sources_section(md)
        for r in rows:
            ed = r["edition"]
            shown = ctx.date(ed.date)
            # the view of this edition: the tab whose list of editions names it (or the
            # one line of an article that never changed)
            views = [
                (label, text)
                for label, text in blocks
                if (not label and shown in text) or f"{shown} — " in editions_line(text)
            ]
            if len(views) != 1:
                problems.append((a.key, ed.date.iso, f"{len(views)} views"))
                continue
            label, text = views[0]
            if label and f'=== "{label}"' not in md:
                problems.append((a.key, ed.date.iso, "no dated tab"))
            state = ui["state_" + r["state"]]
            if label and f"{shown} — {state}" not in text:
                problems.append((a.key, ed.date.iso, "the edition's state is not shown"))
            # a source of what this edition did: its history entry's, or (left alone) the
            # article's own sources, which name the amending laws of each article
            said = a.history[r["entry"]].sources if r["entry"] is not None else a.sources
            if not any(s.url and s.url in sources for s in said):
                problems.append((a.key, ed.date.iso, "no source on the page"))
            if not label:  # an article that never changed: the paragraphs above hold
                if changes:
                    problems.append((a.key, ed.date.iso, "said unchanged but it changed"))
                continue
            items = paragraph_items(text)
            numbers = sorted(items, key=lambda n: [int(x) for x in n.split("-")])
            if numbers != in_force(a, ed.date.iso, first):
                problems.append((a.key, ed.date.iso, f"paragraphs {numbers}"))
            # never guess: a paragraph known in one wording only, before a later change or
            # an edition no source describes, is marked as not shown for that period
            later = [c for c in changes if c > ed.date.iso]
            for n, body in items.items():
                undated = all(not (p.since or p.until) for p in a.paragraphs if p.n == n)
                if undated and later and ui["wording_not_known"] not in body:
                    problems.append((a.key, ed.date.iso, f"paragraph {n} not marked"))
    assert problems == []


def test_the_period_reader_finds_the_tabs() -> None:
    md = (
        '## T {#wordings}\n\n=== "1995 — 2007"\n\n    <p>x: 1995 — Adopted</p>\n\n'
        '    - **1.** a\n\n=== "2007 — 2026"\n\n    - **1.** b\n\n## Next {#successor}\n'
    )
    assert [label for label, _ in period_blocks(md)] == ["1995 — 2007", "2007 — 2026"]
    assert "b" not in period_blocks(md)[0][1] and "Next" not in period_blocks(md)[1][1]
    one = '## T {#wordings}\n\n<p class="az-wording__same" markdown>Unchanged (1995 — 2026).</p>'
    assert period_blocks(one) == [("", "Unchanged (1995 — 2026).")]


# -- item 4: the topics ------------------------------------------------------------------------

ARTICLE_LINK = re.compile(r"\]\(\.\./articles/([0-9-]+)\.md(?:#[^)]*)?\)")
MD_LINK = re.compile(r"\[([^\]]*)\]\(([^)]*)\)")

TOPIC_ARTICLES: dict[str, list[str]] = {
    "administrative-justice": ["13", "14", "75", "76", "77", "78"],
    "adoption-1995": ["1", "90", "91", "92", "94", "95", "96", "97", "98"],
    "anniversaries": ["1", "40", "41", "42", "75", "76", "77", "90"],
    "constitution-2026": ["1", "7", "41", "42", "49", "50", "64", "71", "91"],
    "judicial-power": ["3", "13", "71", "74", "75", "76", "77", "78", "79", "80", "81", "82"],
    "judicial-reform": ["75", "76", "77", "79", "81", "82", "84", "98", "99"],
    "ladder-of-appeal": ["75", "76", "81", "82"],
    "president-role": [
        *("3", "40", "41", "42", "43", "44", "45", "46", "47", "48"),
        *("49", "64", "71", "74", "75"),
    ],
    "presidential-election": ["33", "41", "42", "47", "48", "91", "94", "94-1", "94-2"],
    "presumption-of-innocence": ["13", "14", "16", "17", "75", "77"],
    "rights-in-court": [
        *("1", "12", "13", "14", "16", "17", "25", "39", "72"),
        *("75", "76", "77", "78", "83", "83-1"),
    ],
    "state-values": [
        *("1", "2", "3", "4", "5", "6", "7", "8", "9", "12", "13", "14", "22", "39"),
    ],
}
"""The 1995 articles each topic discusses in its running text, the same in kk, ru and en."""


def topic_body(md: str) -> str:
    """A topic page's own text: after the front matter, before the generated lists."""
    body = md.split("\n---\n", 1)[1]
    ends = [body.find(h) for h in ("{#related-articles}", "{#related-terms}", "{#sources}")]
    end = min([e for e in ends if e > 0], default=len(body))
    return body[: body.rfind("\n## ", 0, end)]


def unlinked_mentions(body: str, lang: str) -> list[str]:
    """Mentions of an article left as plain text in running text (links, marked citations of
    the 2026 text and headings, which are never linked, taken out)."""
    text = re.sub(r'<span class="cite-other"[^>]*>.*?</span>', " ", body)
    text = MD_LINK.sub(" ", text)
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"^#.*$", " ", text, flags=re.M)
    return [m.group(0) for m in CITE[lang].finditer(text)]


@pytest.mark.build  # a check of the whole flagship model (tooling guard)
@pytest.mark.parametrize("lang", LANGS)
def test_each_topic_links_every_article_it_discusses(
    linked: Any, pages: dict[str, dict[str, str]], lang: str
) -> None:
    topics = {t.id: t for t in linked.content.topics}
    assert set(topics) == set(TOPIC_ARTICLES)
    for tid, expected in TOPIC_ARTICLES.items():
        md = pages[lang][f"topics/{tid}.md"]
        body = topic_body(md)
        assert unlinked_mentions(body, lang) == [], tid
        found = sorted(
            set(ARTICLE_LINK.findall(body)), key=lambda n: [int(x) for x in n.split("-")]
        )
        assert found == expected, tid
        # the topic's own list of articles names every article its text discusses
        listed = {str(n) for n in topics[tid].articles}
        assert set(expected) <= listed, (tid, sorted(set(expected) - listed))
        # an article named in a heading or the title (never linked there) is linked below it
        heads = "\n".join(re.findall(r"^#.*$", md.split("\n---\n", 1)[1], flags=re.M))
        for m in CITE[lang].finditer(heads):
            assert m.group("n") in found, (tid, m.group(0))


@pytest.mark.parametrize(
    ("lang", "body", "left"),
    [
        ("kk", "[76-бабы](../articles/76.md) және 77-бап", ["77-бап"]),
        ("ru", "по [статье 76](../articles/76.md); ст. 77", ["ст. 77"]),
        ("en", 'under <span class="cite-other" data-doc="2026">Article 77</span>', []),
        ("en", "## Article 77, briefly\n\nText.", []),
    ],
)
def test_the_unlinked_mention_check(lang: str, body: str, left: list[str]) -> None:
    assert unlinked_mentions(body, lang) == left


# -- the built site ----------------------------------------------------------------------------


def built(site: Path, lang: str, rel: str) -> str:
    return ((site if lang == "kk" else site / lang) / rel).read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", LANGS)
def test_built_article_pages_show_each_edition(
    built_flagship: Path, linked: Any, lang: str
) -> None:
    """On the built site every article page has the ``#wordings`` view, a tab per period
    (Material's content tabs), and names the date of every edition the article lived through."""
    site = built_flagship / "site"
    ctx = PageContext(linked, lang)
    missing = []
    for a in linked.content.articles:
        html = built(site, lang, f"articles/{a.key}/index.html")
        periods = ctx.wordings(a)
        if 'id="wordings"' not in html:
            missing.append((a.key, "#wordings"))
        if len(periods) > 1 and html.count('class="tabbed-set') < 1:
            missing.append((a.key, "tabs"))
        for r in ctx.edition_rows(a):
            if r["in_text"] and ctx.date(r["edition"].date) not in html:
                missing.append((a.key, r["edition"].date.iso))
    assert missing == []


@pytest.mark.parametrize("lang", LANGS)
def test_built_topics_link_the_articles_they_discuss(built_flagship: Path, lang: str) -> None:
    site = built_flagship / "site"
    for tid, expected in TOPIC_ARTICLES.items():
        html = built(site, lang, f"topics/{tid}/index.html")
        hrefs = set(re.findall(r'href="\.\./\.\./articles/([0-9-]+)/', html))
        assert set(expected) <= hrefs, (tid, sorted(set(expected) - hrefs))
