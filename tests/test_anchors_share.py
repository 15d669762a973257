"""Issue 15 items 5 and 6 (reader-b): heading anchors, the old anchors kept, share metadata."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from playwright.sync_api import Browser
from playwright.sync_api import Page as Tab

from explainer.engine.anchors import slugify
from explainer.tools.pageweight import serve

DATA = Path(__file__).parent / "data"


def test_slug_keeps_every_script() -> None:
    assert slugify("Негізгі ереже", "-") == "негізгі-ереже"
    assert slugify("Ата Заң — 2026 жыл", "-") == "ата-заң-2026-жыл"
    assert slugify("Судебная власть (1995)", "-") == "судебная-власть-1995"
    assert slugify("The rule", "-") == "the-rule"


class Page(HTMLParser):
    """A built page's ids, its headings (id, old ids inside) and its share metadata."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.headings: list[tuple[str, list[str]]] = []
        self.meta: dict[str, list[str]] = {}
        self._in_heading = False
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"] or "")
        if re.fullmatch(r"h[1-3]", tag) and a.get("id"):
            self.headings.append((a["id"] or "", []))
            self._in_heading = True
        elif tag == "span" and self._in_heading and a.get("class") == "az-anchor-alias":
            self.headings[-1][1].append(a["id"] or "")
        elif tag == "meta":
            key = a.get("property") or a.get("name") or ""
            if key.startswith(("og:", "twitter:")):
                self.meta.setdefault(key, []).append(a.get("content") or "")

    def handle_endtag(self, tag: str) -> None:
        if re.fullmatch(r"h[1-6]", tag):
            self._in_heading = False


def ids(page: Path) -> set[str]:
    return Page(page).ids


def headings(page: Path) -> list[tuple[str, list[str]]]:
    return Page(page).headings


@pytest.mark.parametrize(
    ("rel", "expected"),
    [
        ("topics/courts/index.html", [("соттар", ["_1"]), ("негізгі-ереже", ["_2"])]),
        ("ru/topics/courts/index.html", [("суды", ["_1"]), ("главное", ["_2"])]),
        ("en/topics/courts/index.html", [("courts", []), ("the-rule", [])]),
    ],
)
def test_headings_get_words_and_keep_the_old_id(
    built_basic: Path, rel: str, expected: list[tuple[str, list[str]]]
) -> None:
    got = headings(built_basic / "site" / rel)
    assert got[: len(expected)] == expected
    # the keyed ids stay as they were
    assert ("sources", []) in got


def meta(page: Path) -> dict[str, list[str]]:
    return Page(page).meta


def test_share_metadata_per_page(built_basic: Path) -> None:
    site = built_basic / "site"
    assert meta(site / "ru/topics/courts/index.html") == {
        "og:type": ["article"],
        "og:site_name": ["Тестовый сайт"],
        "og:title": ["Суды"],
        "og:description": ["Правосудие осуществляет только суд."],
        "og:locale": ["ru_RU"],
        "og:locale:alternate": ["kk_KZ", "en_US"],
        "og:url": ["https://example.org/test/ru/topics/courts/"],
        "twitter:card": ["summary"],
        "twitter:title": ["Суды"],
        "twitter:description": ["Правосудие осуществляет только суд."],
    }
    kk = meta(site / "topics/courts/index.html")
    assert kk["og:locale"] == ["kk_KZ"] and kk["og:title"] == ["Соттар"]
    assert meta(site / "index.html")["og:type"] == ["website"]


# Each page type's summary, from its content (issue 15 item 6): not the site's description.
SUMMARIES = {
    "en/index.html": "A test site.",
    "en/topics/index.html": "Courts · Elections & <b>votes</b>",
    "en/topics/courts/index.html": "Only courts administer justice.",
    "en/articles/index.html": (
        "In force 1995–2026; replaced on 1 July 2026, when the new Constitution took effect."
    ),
    # a numbered list: its items one after the other, without the numbers
    "en/articles/75/index.html": (
        "Only courts administer justice. The forms of proceedings are set by law."
    ),
    "en/glossary/index.html": "court · justice",
    "en/timeline/index.html": "1995: adoption & <force>",
    "en/parallel/articles/75/index.html": (
        "Only courts administer justice. The forms of proceedings are set by law."
    ),
    "ru/articles/75/index.html": "Правосудие осуществляет только суд. "
    "Формы судопроизводства устанавливает закон.",
    "articles/75/index.html": "Сот төрелігін тек сот жүзеге асырады. "
    "Сот ісін жүргізудің нысандары заңмен белгіленеді.",
}


def test_every_page_type_shares_its_own_summary(built_basic: Path) -> None:
    site = built_basic / "site"
    got = {}
    for rel in SUMMARIES:
        m = meta(site / rel)
        assert m["og:description"] == m["twitter:description"], rel
        got[rel] = m["og:description"][0]
        # the meta description says the same
        assert f'<meta name="description" content="{html.escape(got[rel])}">' in (
            site / rel
        ).read_text(encoding="utf-8"), rel
    assert got == SUMMARIES
    locales = {rel: meta(site / rel)["og:locale"] for rel in SUMMARIES}
    assert locales["articles/75/index.html"] == ["kk_KZ"]
    assert locales["ru/articles/75/index.html"] == ["ru_RU"]
    assert {locales[r][0] for r in SUMMARIES if r.startswith("en/")} == {"en_US"}


def test_summary_shortens_to_whole_sentences() -> None:
    from explainer.render import listing, shorten

    one, two = "A" + "a" * 120 + ".", "B" + "b" * 90 + "."
    assert shorten(f"{one} {two}") == one
    # what whole sentences would keep is under half the limit: whole words and "…"
    words = "Short. " + "word " * 60
    assert shorten(words) == ("Short. " + "word " * 38).rstrip() + "…"
    assert len(shorten(words)) <= 200
    assert listing(*["name"] * 60) == " · ".join(["name"] * 28) + " …"
    assert listing("a", "b") == "a · b"


def test_no_og_url_without_base_url_and_content_escaped(tmp_path: Path) -> None:
    from .conftest import CASES, make_project, run_cli

    root = make_project(tmp_path / "p", CASES / "basic" / "content")
    site_yml = root / "content/site.yml"
    text = site_yml.read_text(encoding="utf-8")
    assert re.search(r"^base_url: .*\n", text, flags=re.M)
    site_yml.write_text(re.sub(r"^base_url: .*\n", "", text, flags=re.M), encoding="utf-8")
    # content is data: a summary with markup and quotes reaches every attribute as text
    bad = """Say "<script>alert('x')</script>" & 'go'."""
    topic = root / "content/topics/courts/en.md"
    topic.write_text(
        topic.read_text(encoding="utf-8").replace(
            "summary: Only courts administer justice.",
            f"summary: '{bad.replace(chr(39), 2 * chr(39))}'",
        ),
        encoding="utf-8",
    )
    r = run_cli(root, "build", "--strict", "--no-offline")
    assert r.code == 0, r.err
    page = root / "site/en/topics/courts/index.html"
    got = meta(page)
    assert "og:url" not in got and got["og:title"] == ["Courts"]
    assert got["og:description"] == got["twitter:description"] == [bad]
    source = page.read_text(encoding="utf-8")
    assert "<script>alert" not in source
    assert (
        '<meta property="og:description" content="Say &#34;&lt;script&gt;alert(&#39;x&#39;)'
        '&lt;/script&gt;&#34; &amp; &#39;go&#39;.">'
    ) in source


def test_every_published_anchor_still_resolves(built_flagship: Path) -> None:
    """tests/data/published-anchors.json: the ids of main's build before the new slug."""
    published = json.loads((DATA / "published-anchors.json").read_text(encoding="utf-8"))
    missing = []
    for rel, old in sorted(published.items()):
        have = ids(built_flagship / "site" / rel)
        missing += [f"{rel}#{i}" for i in old if i not in have]
    assert missing == []


# -- copy citation (item 6) -------------------------------------------------------------------


@pytest.fixture(scope="module")
def built_editions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The editions fixture (articles with paragraphs), built once with its offline zip."""
    from .conftest import CASES, make_project, run_cli

    root = make_project(tmp_path_factory.mktemp("cite") / "p", CASES / "editions" / "content")
    r = run_cli(root, "build", "--strict")
    assert r.code == 0, r.err
    return root


class Cites(HTMLParser):
    def __init__(self, path: Path) -> None:
        super().__init__()
        self.cites: list[tuple[str, str]] = []
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "button" and "data-az-cite" in a:
            self.cites.append((a.get("aria-label") or "", a["data-az-cite"] or ""))


@pytest.mark.parametrize(
    ("lang", "label", "text"),
    [
        (
            "kk",
            "2-тармаққа сілтемені көшіру",
            "ҚР 1995 жылғы Конституциясы, 75-баптың 2-тармағы. Сынақ сайты. "
            "https://example.org/test/articles/75/#p2. Мәліметтер күні: 2026 жылғы 25 қараша.",
        ),
        (
            "ru",
            "Копировать ссылку на пункт 2",
            "Конституция РК 1995 года, пункт 2 статьи 75. Тестовый сайт. "
            "https://example.org/test/ru/articles/75/#p2. "
            "Сведения по состоянию на 25 ноября 2026 г.",
        ),
        (
            "en",
            "Copy a citation of paragraph 2",
            "Constitution of the Republic of Kazakhstan (1995), Article 75(2). Test site. "
            "https://example.org/test/en/articles/75/#p2. Information as of 25 November 2026.",
        ),
    ],
)
def test_paragraph_citation_text(built_editions: Path, lang: str, label: str, text: str) -> None:
    root = built_editions / "site" / ("" if lang == "kk" else lang)
    cites = Cites(root / "articles/75/index.html").cites
    assert (label, text) in cites
    # the article's own button first, then one per paragraph
    assert cites[0][0] == "" and "#p" not in cites[0][1] and len(cites) >= 3


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_buttons_stay_out_of_the_search_index(built_basic: Path, lang: str) -> None:
    """The "copy citation" button's words were the search snippet of every article."""
    from explainer.load import load_ui

    root = built_basic / "site" / ("" if lang == "kk" else lang)
    page = (root / "articles/75/index.html").read_text(encoding="utf-8")
    label = load_ui()[lang]["cite"]
    assert f"{label}</button>" in page  # the button is on the page
    docs = json.loads((root / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    texts = [d["text"] for d in docs if d["location"].startswith("articles/75/")]
    assert texts and all(label not in t for t in texts)


# -- the offline bundle's start page (item 6) --------------------------------------------------


def test_offline_zip_opens_with_a_start_page_in_every_language(built_editions: Path) -> None:
    import zipfile

    (zip_path,) = (built_editions / "dist").glob("*.zip")
    with zipfile.ZipFile(zip_path) as zf:
        names = zf.namelist()
        top = names[0].split("/")[0]
        assert f"{top}/README.html" in names
        page = zf.read(f"{top}/README.html").decode("utf-8")
        # what it points at is in the bundle
        for index in ("index.html", "ru/index.html", "en/index.html"):
            assert f"{top}/{index}" in names
    assert re.findall(r'<section lang="(\w+)">', page) == ["kk", "ru", "en"]
    assert '<a href="index.html">Қазақша нұсқасын ашу: index.html</a>' in page
    assert '<a href="ru/index.html">Открыть русскую версию: ru/index.html</a>' in page
    assert '<a href="en/index.html">Open the English version: en/index.html</a>' in page
    assert "<p>Мәліметтер күні: 2026 жылғы 25 қараша</p>" in page
    assert "<p>Сведения по состоянию на 25 ноября 2026 г.</p>" in page
    assert "<p>Information as of 25 November 2026</p>" in page
    assert "<script" not in page and "http" not in page


def test_start_page_escapes_content() -> None:
    """Security: the site's titles reach the start page's HTML as text (row: README.html)."""
    from explainer.load import load_ui
    from explainer.model import Date, Language, Site
    from explainer.outputs.offline_start import start_page
    from explainer.problems import Loc

    bad = '<img src=x onerror=alert(1)> "q"'
    lang = Language(code="en", name="English", title=bad, description="d")
    site = Site(
        languages=(lang,),
        as_of=Date(2026, 11, 25),
        base_url=None,
        repo_url=None,
        home={},
        loc=Loc("content/site.yml", 1),
    )
    page = start_page(site, load_ui())
    assert "<img" not in page
    assert "&lt;img src=x onerror=alert(1)&gt; &quot;q&quot;" in page


# -- in a browser: the language switch keeps the section; copying a citation ----------------


def switch(page: Tab, lang: str) -> None:
    page.locator(".md-header__option .md-select").hover()
    page.locator(f'.md-select__link[hreflang="{lang}"]').click()
    page.wait_for_load_state("load")


def test_language_switch_keeps_the_anchor(built_basic: Path, browser: Browser) -> None:
    with serve(built_basic / "site") as origin:
        page = browser.new_page()
        # a heading: its id differs per language, the section is the same by position
        page.goto(f"{origin}/topics/courts/#негізгі-ереже")
        switch(page, "ru")
        assert page.url == f"{origin}/ru/topics/courts/#%D0%B3%D0%BB%D0%B0%D0%B2%D0%BD%D0%BE%D0%B5"
        switch(page, "en")
        assert page.url == f"{origin}/en/topics/courts/#the-rule"
        # an old id still lands on its heading
        page.goto(f"{origin}/ru/topics/courts/#_2")
        assert page.evaluate("document.getElementById('_2').closest('h2').id") == "главное"
        # a key (the same id in every language) is carried as it is
        page.goto(f"{origin}/timeline/#in-force-1995")
        switch(page, "en")
        assert page.url == f"{origin}/en/timeline/#in-force-1995"
        page.close()


def test_copy_citation_puts_the_text_on_the_clipboard(
    built_editions: Path, browser: Browser
) -> None:
    want = (
        "Конституция РК 1995 года, пункт 2 статьи 75. Тестовый сайт. "
        "https://example.org/test/ru/articles/75/#p2. Сведения по состоянию на 25 ноября 2026 г."
    )
    with serve(built_editions / "site") as origin:
        context = browser.new_context()
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
        page = context.new_page()
        page.goto(f"{origin}/ru/articles/75/")
        page.locator("#p2 button.az-cite").click()
        page.locator("#p2 .az-cite-status").get_by_text("Ссылка скопирована").wait_for()
        assert page.evaluate("navigator.clipboard.readText()") == want
        context.close()


def test_copy_citation_offline_shows_the_text_selected(
    built_editions: Path, browser: Browser
) -> None:
    """From file:// (the offline bundle) there is no clipboard API: the text is shown."""
    page = browser.new_page()
    page.goto((built_editions / "site/en/articles/75/index.html").as_uri())
    page.locator("p.az-cite-line button.az-cite").click()
    field = page.locator(".az-cite-box textarea")
    field.wait_for()
    assert field.input_value() == (
        "Constitution of the Republic of Kazakhstan (1995), Article 75. Test site. "
        "https://example.org/test/en/articles/75/. Information as of 25 November 2026."
    )
    selected = page.evaluate(
        "(() => { const t = document.activeElement;"
        " return t.value.slice(t.selectionStart, t.selectionEnd); })()"
    )
    assert selected == field.input_value()
    page.keyboard.press("Escape")
    assert page.locator(".az-cite-box").count() == 0
    page.close()
