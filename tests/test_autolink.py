"""The auto-linker of natural article citations: a table per language of Markdown in, Markdown
out (exact), then how link.py uses it (own page, articles without a page, paragraph anchors,
backlinks, line numbers of errors) and the glossary tooltips on the first use of a term."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest

from explainer import layout, pipeline
from explainer.link import Ref
from explainer.text import autolink
from explainer.validate.textcheck import language_lines

from .conftest import CASES, ROOT, run_cli

PAGES = {1, 2, 7, 12, 13, 14, 16, 40, 41, 42, 44, 49, 72, 75, 76, 77, 79, 81, 91}
"""Articles that have a page in these tables (as in the flagship): 33 and 80 do not."""


def href(number: int, para: str | None) -> str | None:
    if number not in PAGES:
        return None
    return f"A{number}" + (f"#p{para}" if para else "")


def link(text: str, lang: str) -> str:
    return autolink.autolink(text, lang, href)


KK = [
    # The forms of the issue and the essay.
    (
        "ҚР Конституциясының 75 бабының талаптарына",
        "ҚР Конституциясының [75 бабының](A75) талаптарына",
    ),
    ("75-бабының талаптары", "[75-бабының](A75) талаптары"),
    ("76 бабының 1 тармағы бойынша", "[76 бабының 1 тармағы](A76#p1) бойынша"),
    ("77-бап", "[77-бап](A77)"),
    ("41-бабына сәйкес", "[41-бабына](A41) сәйкес"),
    ("Конституциясының 75 бабы", "Конституциясының [75 бабы](A75)"),
    ("75-бабы", "[75-бабы](A75)"),
    # Paragraphs: hyphen or not, any case of "тармақ"; a sub-paragraph stays outside.
    ("75-бабының 4-тармағына сәйкес", "[75-бабының 4-тармағына](A75#p4) сәйкес"),
    ("41 бабының 2 тармағын", "[41 бабының 2 тармағын](A41#p2)"),
    ("77-бабы 3-тармағының 1) тармақшасы", "[77-бабы 3-тармағының](A77#p3) 1) тармақшасы"),
    ("2 бабының 3-1 тармағы", "[2 бабының 3-1 тармағы](A2#p3-1)"),
    ("44-баптың 10-1 тармақшасында", "[44-баптың](A44) 10-1 тармақшасында"),
    # "41-бапқа 3-1 тармақ қосты": the paragraph is not "of" the article (dative).
    ("41-бапқа 3-1 тармақ қосты", "[41-бапқа](A41) 3-1 тармақ қосты"),
    # The written standard: ordinals with their hyphen («76-бабының 3-тармағы»); the forms
    # without it, and mixtures of both, stay recognised.
    ("76-бабының 3-тармағы бойынша", "[76-бабының 3-тармағы](A76#p3) бойынша"),
    ("75-баптың 2-тармағы", "[75-баптың 2-тармағы](A75#p2)"),
    ("2-бабының 3-1-тармағы", "[2-бабының 3-1-тармағы](A2#p3-1)"),
    ("41-бабының 2-тармағын", "[41-бабының 2-тармағын](A41#p2)"),
    ("76-бабының 3 тармағы", "[76-бабының 3 тармағы](A76#p3)"),
    ("76 бабының 3-тармағы", "[76 бабының 3-тармағы](A76#p3)"),
    ("41-бапқа 3-1-тармақ қосты", "[41-бапқа](A41) 3-1-тармақ қосты"),
    ("44-баптың 10-1-тармақшасында", "[44-баптың](A44) 10-1-тармақшасында"),
    ("ал\n76-бабының\n1-тармағы", "ал\n[76-бабының\n1-тармағы](A76#p1)"),
    ("Сол баптың 4-тармағы", "Сол баптың 4-тармағы"),
    # Lists and ranges: each number its own link.
    ("75 және 76-баптары", "[75](A75) және [76-баптары](A76)"),
    ("75–77-баптар", "[75](A75)–[77-баптар](A77)"),
    ("75, 79, 80, 82-баптар", "[75](A75), [79](A79), 80, 82-баптар"),
    ("77 мен 79-баптарда", "[77](A77) мен [79-баптарда](A79)"),
    # A citation may wrap onto the next line, never into the next paragraph.
    ("ал\n76 бабының 1\nтармағы", "ал\n[76 бабының 1\nтармағы](A76#p1)"),
    ("75\n\nжәне 76-бап", "75\n\nжәне [76-бап](A76)"),
    # An article without a page stays plain text.
    ("33-бап", "33-бап"),
    ("33-бабының 2 тармағы", "33-бабының 2 тармағы"),
]
KK_CASES = [
    "бап",
    "бабы",
    "бабының",
    "бабына",
    "бабында",
    "бабын",
    "бабынан",
    "бабымен",
    "бабындағы",
    "баптың",
    "бапқа",
    "бапта",
    "баптан",
    "бапты",
    "баппен",
    "баптағы",
    "баптар",
    "баптары",
    "баптарын",
    "баптардың",
]
KK_PLAIN = [
    "1995 жылы",
    "1995 жылғы 30 тамызда",
    "75 жыл",
    "30 тамыз",
    "2 500 теңге",
    "Конституция 98 баптан тұрды",  # a count: no hyphen, not possessive
    "75 бап",
    "бапкер 5",
    "1575-бап",
    "3,75-бап",
    "75-бапкер",
    "## 75-бап туралы",
    "### Сот (75-бап)",
    "Кодтағы `75-бап` сілтеме емес",
    "``75-бап ` 76-бап``",
    "```\n75-бап\n```",
    "~~~md\n76 бабының 1 тармағы\n~~~",
    "[[art:75|75-бап]]",
    "[75-бап](../articles/75.md)",
    '[сот](x.md "75-бап")',
    "{2026: 43-бап}",
    '<span class="cite-other" data-doc="2026">43-бап</span>',
    '<a href="x">75-бап</a>',
    '<abbr title="75-бап">ҚР</abbr>',
    "https://example.kz/75-бап",
]
RU = [
    ("статья 75", "[статья 75](A75)"),
    ("Статья 75 гласила", "[Статья 75](A75) гласила"),
    ("статьи 76", "[статьи 76](A76)"),
    ("по статье 77", "по [статье 77](A77)"),
    ("статью 41", "[статью 41](A41)"),
    ("статьёй 40", "[статьёй 40](A40)"),
    ("ст. 77", "[ст. 77](A77)"),
    ("ст.77", "[ст.77](A77)"),
    ("п. 1 ст. 76", "[п. 1 ст. 76](A76#p1)"),
    ("П. 2 ст. 1 добавлял", "[П. 2 ст. 1](A1#p2) добавлял"),
    ("пункт 1 статьи 76", "[пункт 1 статьи 76](A76#p1)"),
    ("по пункту 3 статьи 76", "по [пункту 3 статьи 76](A76#p3)"),
    ("ч. 2 ст. 75", "[ч. 2 ст. 75](A75#p2)"),
    ("ст. 76 п. 1", "[ст. 76 п. 1](A76#p1)"),
    ("статья 76, пункт 1", "[статья 76, пункт 1](A76#p1)"),
    ("подпункт 1 пункта 3 статьи 77", "подпункт 1 [пункта 3 статьи 77](A77#p3)"),
    ("п. 3-1 ст. 2", "[п. 3-1 ст. 2](A2#p3-1)"),
    ("(ст. 75, п. 2 ст. 76)", "([ст. 75](A75), [п. 2 ст. 76](A76#p2))"),
    ("(п. 1 ст. 41, п. 5 ст. 42)", "([п. 1 ст. 41](A41#p1), [п. 5 ст. 42](A42#p5))"),
    ("Согласно п. 3\nст. 76, решения", "Согласно [п. 3\nст. 76](A76#p3), решения"),
    # Lists and ranges after a plural word.
    ("статьи 75–77", "[статьи 75](A75)–[77](A77)"),
    ("статьи 75 и 76", "[статьи 75](A75) и [76](A76)"),
    ("ст. 75 и 81", "[ст. 75](A75) и [81](A81)"),
    ("статьями 12–14", "[статьями 12](A12)–[14](A14)"),
    ("статей 14, 16 и 40", "[статей 14](A14), [16](A16) и [40](A40)"),
    # After a singular word, a number that follows is not listed: "7 кандидатов".
    ("согласно статье 41, 7 кандидатов", "согласно [статье 41](A41), 7 кандидатов"),
    ("ст. 33", "ст. 33"),
    ("п. 2 ст. 33", "п. 2 ст. 33"),
]
RU_PLAIN = [
    "в 1995 году",
    "98 статей",
    "Конституция из 98 статей",
    "в статье 2015 года",
    "статья 5 мая",
    "ей 30 лет",
    "2 500 тенге",
    "## Статья 75",
    "`статья 75`",
    "{2026: статья 43}",
    "{2026: п. 1 ст. 43}",
    "[[art:75|статья 75]]",
    "Пункт 2 той же статьи",
    "постатейно 75",
]
EN = [
    ("Article 75", "[Article 75](A75)"),
    ("under article 75", "under [article 75](A75)"),
    ("Art. 76(1)", "[Art. 76(1)](A76#p1)"),
    ("Article 77(3), which", "[Article 77(3)](A77#p3), which"),
    ("Article 76, paragraph 1", "[Article 76, paragraph 1](A76#p1)"),
    ("Article 41 para 2", "[Article 41 para 2](A41#p2)"),
    ("paragraph 1 of Article 76", "[paragraph 1 of Article 76](A76#p1)"),
    ("subparagraph 10-1 of Article 44", "subparagraph 10-1 of [Article 44](A44)"),
    ("Articles 75–77", "[Articles 75](A75)–[77](A77)"),
    ("Arts. 14 and 16", "[Arts. 14](A14) and [16](A16)"),
    ("Articles 14, 16 and 40", "[Articles 14](A14), [16](A16) and [40](A40)"),
    ("Articles 12–13)", "[Articles 12](A12)–[13](A13))"),
    ("Article 41, 7 candidates", "[Article 41](A41), 7 candidates"),
    ("Article 33", "Article 33"),
    ("Article 33(2)", "Article 33(2)"),
]
EN_PLAIN = [
    "in 1995",
    "98 articles",
    "30 years",
    "2,500 tenge",
    "on 30 August",
    "### Article 75",
    "`Article 75`",
    "{2026: Article 43}",
    "[[art:75|Article 75]]",
    "the article 1995",
]


@pytest.mark.parametrize(("text", "expected"), KK)
def test_kazakh(text: str, expected: str) -> None:
    assert link(text, "kk") == expected


@pytest.mark.parametrize("ending", KK_CASES)
def test_kazakh_case_endings(ending: str) -> None:
    assert link(f"Бұл 75-{ending} туралы.", "kk") == f"Бұл [75-{ending}](A75) туралы."


@pytest.mark.parametrize(("text", "expected"), RU)
def test_russian(text: str, expected: str) -> None:
    assert link(text, "ru") == expected


@pytest.mark.parametrize(("text", "expected"), EN)
def test_english(text: str, expected: str) -> None:
    assert link(text, "en") == expected


@pytest.mark.parametrize(
    ("lang", "text"),
    [("kk", t) for t in KK_PLAIN] + [("ru", t) for t in RU_PLAIN] + [("en", t) for t in EN_PLAIN],
)
def test_not_a_citation_stays_plain(lang: str, text: str) -> None:
    assert link(text, lang) == text


def test_other_languages_forms_are_not_linked() -> None:
    """Patterns are per language: a Russian citation on a Kazakh page is left alone, and a
    language without patterns gets no links at all."""
    assert link("статья 75 и Article 76", "kk") == "статья 75 и Article 76"
    assert link("75-бап", "en") == "75-бап"
    assert link("75-бап, статья 75, Article 75", "de") == "75-бап, статья 75, Article 75"
    assert autolink.find("Article 75", "de") == []


def test_range_reports_the_articles_in_between() -> None:
    seen: list[tuple[int, str | None]] = []

    def record(n: int, p: str | None) -> str | None:
        seen.append((n, p))
        return href(n, p)

    assert (
        autolink.autolink("75–77-баптар, 76 бабының 1 тармағы", "kk", record)
        == "[75](A75)–[77-баптар](A77), [76 бабының 1 тармағы](A76#p1)"
    )
    assert seen == [(75, None), (76, None), (77, None), (76, "1")]
    seen.clear()
    link_text = autolink.autolink("ст. 1–200", "ru", record)
    assert link_text == "[ст. 1](A1)–200"  # too wide for a range: two numbers
    assert seen == [(1, None), (200, None)]


def test_linear_time_on_hostile_input() -> None:
    """Long runs that almost match are scanned once: a quadratic scan takes minutes here."""
    texts = [
        "75, " * 40000 + "x",
        "<span>a " * 40000,
        "``a `" * 40000,
        "статьи " + "75, " * 40000,
        "[a " * 40000,
        "75-бап " * 40000,
    ]
    start = time.perf_counter()
    for t in texts:
        autolink.autolink(t, "kk", href)
        autolink.autolink(t, "ru", href)
    assert time.perf_counter() - start < 20


# --- In the generator: link.py ----------------------------------------------------------


@pytest.fixture(scope="module")
def basic_linked() -> pipeline.Result:
    return pipeline.check(
        pipeline.Project.at(CASES / "basic", CASES / "basic" / "content"), strict=True
    )


def placed(result: pipeline.Result, kind: str, id: str, lang: str, page: str) -> str:
    """A text with its page references made links of ``page`` (as render places it)."""
    return layout.place(result.linked.bodies[(kind, id, lang)], page, lang)


def test_own_page_and_missing_page_stay_plain(basic_linked: pipeline.Result) -> None:
    r = basic_linked
    assert placed(r, "article", "76", "kk", "articles/76.md").endswith(
        "\n\n76-бап [75-баптан](75.md) кейін тұр.\n"
    )
    assert placed(r, "article", "76", "ru", "articles/76.md").endswith(
        "\n\nСтатья 76 идёт после [статьи 75](75.md).\n"
    )
    en = placed(r, "topic", "courts", "en", "topics/courts.md")
    assert "Article 33 has no page here." in en
    assert "[Art. 76(1)](../articles/76.md#p1)" in en


def test_texts_hold_page_references(basic_linked: pipeline.Result) -> None:
    """What the link stage writes does not depend on the page nor on the output."""
    body = basic_linked.linked.bodies[("topic", "courts", "en")]
    assert "[Art. 76(1)](explainer:en/articles/76.md#p1)" in body
    assert "](../" not in body


def test_auto_links_are_backlinks(basic_linked: pipeline.Result) -> None:
    cited = basic_linked.linked.article_cited_by
    assert cited[75] == [
        Ref("topic", "courts"),
        Ref("event", "referendum-1995"),
        Ref("term", "justice"),
        Ref("article", "76"),
    ]
    # Article 76: the topic cites it in running text, the note of an event and the
    # definition of a term too; its own summary does not count.
    assert cited[76] == [
        Ref("topic", "courts"),
        Ref("topic", "elections"),
        Ref("event", "in-force-1995"),
        Ref("term", "court"),
    ]


def test_plain_texts_get_links_and_2026_marks(basic_linked: pipeline.Result) -> None:
    r = basic_linked
    assert (
        placed(r, "event-note", "in-force-1995", "ru", "timeline.md")
        == "Дата спорна ([статья 76](articles/76.md))."
    )
    assert (
        placed(r, "term", "court", "en", "glossary.md")
        == "A body that administers justice ([Article 76](articles/76.md))."
    )
    assert (
        placed(r, "term-in-topic", "court", "en", "topics/courts.md")
        == "A body that administers justice ([Article 76](../articles/76.md))."
    )
    kk = r.linked.bodies[("topic", "courts", "kk")]
    assert '<span class="cite-other" data-doc="2026">43-бап</span>' in kk
    assert "[[" not in kk


def test_paragraph_anchor_only_where_the_page_has_it(basic: Path) -> None:
    """A paragraph lands on its anchor; "3-1" on paragraph 3 (it was inserted after it); a
    paragraph the article page does not number gets the article without an anchor."""
    kk = basic / "content/topics/courts/kk.md"
    kk.write_text(
        kk.read_text(encoding="utf-8") + "\n75-бабының 2-тармағы, 75-бабының "
        "2-1-тармағы, 75-бабының 3-тармағы.\n",
        encoding="utf-8",
    )
    result = pipeline.check(pipeline.Project.at(basic), strict=True)
    body = placed(result, "topic", "courts", "kk", "topics/courts.md")
    assert body.endswith(
        "[75-бабының 2-тармағы](../articles/75.md#p2), [75-бабының "
        "2-1-тармағы](../articles/75.md#p2), [75-бабының 3-тармағы]"
        "(../articles/75.md).\n"
    )


def test_errors_keep_their_line_after_auto_links(tmp_path: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(CASES / "basic" / "content", root / "content")
    kk = root / "content/topics/courts/kk.md"
    lines = kk.read_text(encoding="utf-8").splitlines()
    lines.append("75-бап, 76-бап, 75 және 76-баптары [[art:175]].")
    kk.write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = run_cli(root, "check")
    assert r.code == 1
    assert (
        r.err.splitlines()[0]
        == f"content/topics/courts/kk.md:{len(lines)}: unknown article 175 in [[art:175]]"
    ), r.err


# --- Glossary tooltips ------------------------------------------------------------------


def test_first_use_of_a_term_carries_its_definition(basic_linked: pipeline.Result) -> None:
    body = placed(basic_linked, "topic", "courts", "ru", "topics/courts.md")
    first = '[правосудие](../glossary.md#justice "Рассмотрение дел судом."){ .az-term }'
    assert body.count(first) == 1
    assert body.index(first) < body.index("Снова [правосудие](../glossary.md#justice).")
    assert body.count("glossary.md#justice") == 2
    # On another page, the first use is the first again.
    kk = placed(basic_linked, "topic", "courts", "kk", "topics/courts.md")
    assert '[сот төрелігі](../glossary.md#justice "Соттың істерді қарауы."){ .az-term }' in kk


def test_tooltip_text_is_escaped_for_material() -> None:
    from explainer.link import tooltip_text

    # Material puts the title into the tooltip as HTML: & < > are escaped twice.
    assert (
        tooltip_text('A "court" & <b>x</b> \\ y')
        == "A &quot;court&quot; &amp;amp; &amp;lt;b&amp;gt;x&amp;lt;/b&amp;gt; &#92; y"
    )


def test_tooltips_in_the_built_site(built_basic: Path) -> None:
    html = (built_basic / "site/ru/topics/courts/index.html").read_text(encoding="utf-8")
    assert (
        '<a class="az-term" href="../../glossary/#justice" '
        'title="Рассмотрение дел судом.">правосудие</a>'
    ) in html
    assert '<a href="../../glossary/#justice">правосудие</a>' in html
    assert '<a href="../../articles/76/#p1">п. 1 ст. 76</a>' in html


def test_untranslated_text_is_linked_in_its_own_language(basic: Path) -> None:
    """A missing translation shows the Kazakh text on the Russian page: its Kazakh citations
    are linked (to the Russian article pages)."""
    (basic / "content/topics/courts/ru.md").unlink()
    result = pipeline.check(pipeline.Project.at(basic), strict=False)
    body = placed(result, "topic", "courts", "ru", "topics/courts.md")
    assert "[76 бабының 1 тармағы](../articles/76.md#p1)" in body


UNHYPHENATED = re.compile(
    r"(?<![\d-])\d{1,3}(?:-\d{1,2})?[^\S\n]+(?:бабы|баптың|тармағ|тармақ(?!ша))"
)


def test_flagship_kazakh_ordinals_have_their_hyphen() -> None:
    """Outside the articles (their writers follow the same rule), Kazakh text writes an
    ordinal with its hyphen: «76-бабының 3-тармағы», not «76 бабының 3 тармағы»."""
    content = ROOT / "content"
    found = []
    for path in sorted(content.rglob("*")):
        rel = path.relative_to(content).as_posix()
        if rel.startswith("articles/") or path.suffix not in (".md", ".yml"):
            continue
        if path.suffix == ".md" and path.name != "kk.md":
            continue
        text = path.read_text(encoding="utf-8")
        lines = (
            [(n, line) for _, n, line in language_lines(rel, text, ("kk",))]
            if path.suffix == ".yml"
            else list(enumerate(text.split("\n"), 1))
        )
        found += [
            f"{rel}:{n}: {m.group(0)!r}" for n, line in lines for m in UNHYPHENATED.finditer(line)
        ]
    assert found == []
