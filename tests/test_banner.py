"""The status notice (``banner:`` in content/document.yml): on every page but the topic it
links to, in each language, and on no page when the document leaves it out."""

from __future__ import annotations

from pathlib import Path

import pytest

from explainer import pipeline

from .conftest import ROOT, run_cli

MARK = '<div class="az-banner" role="note" markdown>'
TARGET = ("topics/constitution-2026.md", "parallel/topics/constitution-2026.md")


def pages(root: Path) -> dict[str, str]:
    files = pipeline.check(pipeline.Project.at(root), strict=True).files
    return {k: v.decode("utf-8") for k, v in files.items() if k.endswith(".md")}


@pytest.mark.build  # the whole flagship, checked
def test_every_flagship_page_but_the_target_says_the_text_lost_force() -> None:
    texts = pages(ROOT)
    for lang in ("kk", "ru", "en"):
        mine = {k.split("/", 1)[1]: v for k, v in texts.items() if k.startswith(lang + "/")}
        assert len(mine) > 100
        for page, text in mine.items():
            assert text.count(MARK) == (0 if page in TARGET else 1), f"{lang}/{page}"
    article = texts["kk/articles/41.md"]
    # Right under the title, before the "as of" line, linking to what replaced the text.
    head = article.split("\n# ", 1)[1]
    assert head.index(MARK) < head.index('class="az-asof"')
    assert "2026 жылғы 1 шілдеде күшін жойды" in article
    assert "[Оның орнына келген 2026 жылғы Конституция туралы](../topics/constitution-2026.md)" in (
        article
    )
    assert "утратила силу 1 июля 2026 года" in texts["ru/glossary.md"]
    assert "](constitution-2026.md)" in texts["en/topics/ladder-of-appeal.md"].split(MARK)[1]
    assert "](../../topics/constitution-2026.md)" in texts["ru/parallel/articles/41.md"]


def test_a_document_without_banner_has_none(basic: Path) -> None:
    assert not any(MARK in text for text in pages(basic).values())


def test_bad_banner_is_reported_with_its_line(basic: Path) -> None:
    doc = basic / "content" / "document.yml"
    first = doc.read_text(encoding="utf-8").count("\n") + 1  # the line of "banner:"
    doc.write_text(
        doc.read_text(encoding="utf-8")
        + "banner:\n  text: {kk: а, ru: б, en: c}\n  replaced_by: new-text\n  colour: red\n",
        encoding="utf-8",
    )
    r = run_cli(basic, "check", "--strict")
    assert r.code == 1
    lines = r.err.strip().splitlines()
    assert lines[:-1] == [
        f"content/document.yml:{first + 1}: missing required field 'link' in the banner",
        f"content/document.yml:{first + 3}: unknown field 'colour' in the banner "
        "(expected one of: text, replaced_by, link)",
    ]
    doc.write_text(
        doc.read_text(encoding="utf-8").replace(
            "  colour: red\n", "  link: {kk: а, ru: б, en: c}\n"
        ),
        encoding="utf-8",
    )
    r = run_cli(basic, "check", "--strict")
    assert r.code == 1
    assert r.err.strip().splitlines()[:-1] == [
        f"content/document.yml:{first + 2}: unknown topic 'new-text' in the banner's 'replaced_by'"
    ]
