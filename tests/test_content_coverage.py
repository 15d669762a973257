"""Issue 14, what must hold — checked on the flagship's checked model (no build, a few seconds):
every article 1–98 in kk, ru, en with numbered paragraphs, a dated and sourced history over
every edition it lived through, and where its rule went in 2026; the preamble and nine
sections; the glossary's size and tooltip-sized definitions; the Kazakh ordinals with their
hyphen. The pages themselves (anchors, dates, the amendment pages) are checked on the built
site at the end of this file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from explainer.pipeline import Project, check

from .conftest import ROOT

LANGS = ("kk", "ru", "en")
EDITIONS = [
    "1998-10-07",
    "2007-05-21",
    "2011-02-02",
    "2017-03-10",
    "2019-03-23",
    "2022-06-08",
    "2022-09-17",
]


@pytest.fixture(scope="module")
def linked():  # noqa: ANN201 - the linked flagship model
    return check(Project.at(ROOT), strict=True).linked


@pytest.fixture(scope="module")
def articles(linked) -> dict[str, object]:  # noqa: ANN001
    return {a.key: a for a in linked.content.articles}


@pytest.mark.build  # a check of the whole flagship model (tooling guard)
def test_every_article_1_to_98_is_there(articles) -> None:  # noqa: ANN001
    assert {str(n) for n in range(1, 99)} <= set(articles)
    # the articles inserted by later editions, under their own numbers
    assert {"83-1", "94-1", "94-2"} <= set(articles)


@pytest.mark.build  # a check of the whole flagship model (tooling guard)
def test_every_article_has_numbered_paragraphs_in_three_languages(articles) -> None:  # noqa: ANN001
    for key, a in articles.items():
        for lang in LANGS:
            assert a.title[lang].strip() and a.summary[lang].strip(), (key, lang)
        if a.repealed:  # a repealed article says so and when (checked below)
            continue
        assert a.paragraphs, key
        for p in a.paragraphs:
            assert re.fullmatch(r"\d+(-\d+)?", p.n), (key, p.n)
            for lang in LANGS:
                assert p.text[lang].strip(), (key, p.n, lang)


KNOWN_GAPS: list[tuple[str, str]] = [("84", "1998-10-07")]
"""(article, edition) where no source we found says whether that edition changed the article:
Article 84 (excluded in 2007) — its wording before 2007 is not in any source we found, so
whether the 1998 law touched it is not known; its page says the wording is not described."""


@pytest.mark.build  # a check of the whole flagship model (tooling guard)
def test_every_edition_an_article_lived_through_is_accounted_for(articles) -> None:  # noqa: ANN001
    """Each edition after the article came in and before it went is either a dated, sourced
    history entry or listed as 'unchanged'; every history entry has a source."""
    gaps = []
    for key, a in articles.items():
        dates = {h.date.iso for h in a.history}
        assert a.history[0].kind == "adopted" or a.history[0].kind == "amended", key
        assert a.history[-1].date.iso in {"2026-07-01"} or a.repealed, key
        for h in a.history:
            assert h.sources, (key, h.date.iso)
            for lang in LANGS:
                assert h.text[lang].strip(), (key, h.date.iso, lang)
        start = a.history[0].date.iso
        end = a.repealed.iso if a.repealed else "2026-07-01"
        unchanged = {d.iso for d in a.unchanged}
        for ed in EDITIONS:
            if start < ed < end and ed not in dates | unchanged:
                gaps.append((key, ed))
    assert gaps == KNOWN_GAPS


@pytest.mark.build  # a check of the whole flagship model (tooling guard)
def test_every_article_says_where_its_rule_went_in_2026(articles) -> None:  # noqa: ANN001
    for key, a in articles.items():
        s = a.successor
        assert s is not None, key
        assert s.status in {"carried", "not-carried"}, key
        assert s.sources, key
        if s.status == "carried":
            assert s.articles, key
        for lang in LANGS:
            assert s.text[lang].strip(), (key, lang)


@pytest.mark.build  # a check of the whole flagship model (tooling guard)
def test_preamble_and_nine_sections(linked) -> None:  # noqa: ANN001
    doc = linked.content.document
    assert doc.preamble and all(doc.preamble[lang].strip() for lang in LANGS)
    assert [s.number for s in doc.sections] == list(range(1, 10))
    for s in doc.sections:
        assert all(s.title[lang].strip() for lang in LANGS), s.number
        assert s.summary and all(s.summary[lang].strip() for lang in LANGS), s.number
    assert [e.date.iso for e in doc.editions] == ["1995-08-30", *EDITIONS]
    assert all(e.sources for e in doc.editions)


WORD_RE = re.compile(r"\w[\w'’.,%-]*")


@pytest.mark.build  # a check of the whole flagship model (tooling guard)
def test_glossary_has_80_terms_with_tooltip_sized_definitions(linked) -> None:  # noqa: ANN001
    from explainer.link import Linker
    from explainer.problems import Problems

    linker = Linker(linked.content, Problems())
    terms = linked.content.terms
    assert len(terms) >= 80
    long, several = [], []
    for t in terms:
        for lang in LANGS:
            d = linker.plain_definition(t.id, lang)
            if len(WORD_RE.findall(d)) > 30:
                long.append((t.id, lang))
            # one sentence: no sentence end followed by a capital inside it
            if re.search(r"[.!?]\s+[«\"(]?[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]", d.rstrip(".")):
                several.append((t.id, lang))
    assert long == [] and several == []


def test_the_sentence_check_can_fail() -> None:
    d = "A court. It decides cases."
    assert re.search(r"[.!?]\s+[«\"(]?[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]", d.rstrip("."))


UNHYPHENATED = re.compile(
    r"(?<![\d.,-])\b\d+(?:-\d+)?\s+(?:баб(?:ы|ын|ына|ында|ынан|ының)|тармағ(?:ы|ын|ына|ында|ынан|ының)"
    r"|тармақша(?:сы|сын|сына|сында|сынан|сының)|бөлім(?:і|ін|іне|інде|інен|інің))\b",
    re.IGNORECASE,
)
"""«76 бабының», «3 тармағы»: a Kazakh ordinal needs its hyphen («76-бабының 3-тармағы»)."""


def kazakh_texts(root: Path) -> list[tuple[str, int, str]]:
    """Every Kazakh line of the content: kk.md files and ``kk:`` values of the YAML files.
    Source titles are left out: they are quoted as published."""
    out = []
    for p in sorted(root.rglob("*")):
        rel = str(p.relative_to(root))
        if p.name == "kk.md":
            out += [(rel, i, s) for i, s in enumerate(p.read_text("utf-8").splitlines(), 1)]
        elif p.suffix == ".yml":
            lines = p.read_text("utf-8").splitlines()
            in_kk = False
            for i, s in enumerate(lines, 1):
                m = re.match(r"^(\s*)kk:\s*(.*)$", s)
                if m:
                    in_kk, indent = True, len(m.group(1))
                    out.append((rel, i, m.group(2)))
                elif in_kk and (not s.strip() or len(s) - len(s.lstrip()) > indent):
                    out.append((rel, i, s))
                else:
                    in_kk = False
    return [(rel, i, s) for rel, i, s in out if "title:" not in s]


def test_no_kazakh_ordinal_without_its_hyphen() -> None:
    found = [
        f"content/{rel}:{i}: {m.group(0)}"
        for rel, i, s in kazakh_texts(ROOT / "content")
        for m in UNHYPHENATED.finditer(s)
    ]
    assert found == []


def test_no_latin_look_alike_inside_a_cyrillic_word_anywhere_in_content() -> None:
    """Every line of every file under content/ (texts, titles, source titles, handouts,
    settings): no word mixes Latin and Cyrillic letters («Республикасi» with a Latin i). The
    check of the pipeline reads the texts a reader sees; this one reads the files whole."""
    from explainer.validate.textcheck import mixed_script_words

    found = [
        f"{p.relative_to(ROOT)}:{i}: {w}"
        for p in sorted((ROOT / "content").rglob("*"))
        if p.is_file() and p.suffix in {".yml", ".md"}
        for i, line in enumerate(p.read_text("utf-8").splitlines(), 1)
        for w in mixed_script_words(line)
    ]
    assert found == []


@pytest.mark.parametrize(
    ("text", "bad"),
    [
        ("76 бабының 3 тармағы", ["76 бабының", "3 тармағы"]),
        ("енді ол 22 тармақшадан тұрады", []),  # a count, not an ordinal
        ("76-бабының 3-тармағы", []),
        ("Конституцияның 83-1-бабы", []),
        ("2022 жылғы 8 маусымдағы", []),
    ],
)
def test_the_ordinal_check(text: str, bad: list[str]) -> None:
    assert [m.group(0) for m in UNHYPHENATED.finditer(text)] == bad


@pytest.mark.build  # a check of the whole flagship model (tooling guard)
def test_open_data_texts_are_plain(linked) -> None:  # noqa: ANN001
    """The JSON export carries the words a reader sees, not the content's markup
    (``[[term:…|…]]``, ``{2026: …}``, ``*emphasis*``); the links are in the id lists."""
    import json

    from explainer.outputs import opendata

    for lang in LANGS:
        out = json.dumps(opendata.export(linked, lang), ensure_ascii=False)
        assert not re.findall(r"\[\[[a-z]+:[^\]]*\]\]", out), lang
        assert not re.findall(r"\{\d{4}:", out), lang
    ru = opendata.export(linked, "ru")
    a76 = next(a for a in ru["articles"] if a["number"] == 76)
    assert a76["summary"].startswith("Статья 76 определяла, от чьего имени и для чего")
    assert "судебная власть" in a76["summary"] and "judicial-power" in a76["terms"]


# -- the built site ----------------------------------------------------------------------------

AS_OF = {
    "kk": "Мәліметтер күні: ",
    "ru": "Сведения по состоянию на ",
    "en": "Information as of ",
}


def page(site: Path, lang: str, rel: str) -> str:
    root = site if lang == "kk" else site / lang
    return (root / rel).read_text(encoding="utf-8")


def dated_pages(site: Path) -> list[str]:
    """The pages issue 14 item 6 names: glossary, indexes, a section page for each section,
    the preamble, the 1995 → 2026 page, the editions, the side-by-side pages, the 404 page."""
    rels = [
        "glossary/index.html",
        "articles/index.html",
        "topics/index.html",
        "editions/index.html",
        "preamble/index.html",
        "to-2026/index.html",
        "404.html",
        *(f"sections/{n}/index.html" for n in range(1, 10)),
    ]
    parallel = sorted(p.relative_to(site).as_posix() for p in (site / "parallel").rglob("*.html"))
    assert parallel, "no side-by-side pages"
    return rels + parallel


@pytest.mark.parametrize("lang", LANGS)
def test_every_listed_page_is_dated(built_flagship: Path, lang: str) -> None:
    site = built_flagship / "site"
    undated = [rel for rel in dated_pages(site) if AS_OF[lang] not in page(site, lang, rel)]
    assert undated == []


@pytest.mark.parametrize("lang", LANGS)
def test_article_pages_have_paragraph_anchors_and_the_2026_counterpart(
    built_flagship: Path,
    linked,
    lang: str,  # noqa: ANN001
) -> None:
    site = built_flagship / "site"
    for a in linked.content.articles:
        html = page(site, lang, f"articles/{a.key}/index.html")
        for p in a.paragraphs:
            assert f'id="p{p.n}"' in html, (a.key, p.n)
        assert 'id="successor"' in html and f'data-status="{a.successor.status}"' in html, a.key
    to_2026 = page(site, lang, "to-2026/index.html")
    for a in linked.content.articles:
        assert f"articles/{a.key}/" in to_2026, a.key


@pytest.mark.parametrize("lang", LANGS)
def test_each_amendment_page_lists_every_article_it_changed(
    built_flagship: Path,
    linked,
    lang: str,  # noqa: ANN001
) -> None:
    """A page per edition lists the articles whose history has an entry that day, and the
    timeline's amendment events link to it."""
    site = built_flagship / "site"
    for ed in EDITIONS:
        html = page(site, lang, f"editions/{ed}/index.html")
        changed = [
            a.key
            for a in linked.content.articles
            if any(h.date.iso == ed and h.kind == "amended" for h in a.history)
        ]
        assert changed, ed
        listed = set(re.findall(r'href="(?:\.\./)+articles/([0-9-]+)/', html))
        assert set(changed) <= listed, (ed, sorted(set(changed) - listed))
    timeline = page(site, lang, "timeline/index.html")
    linked_editions = set(re.findall(r'href="\.\./editions/(\d{4}-\d{2}-\d{2})/', timeline))
    assert set(EDITIONS) <= linked_editions, sorted(set(EDITIONS) - linked_editions)
