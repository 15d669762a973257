"""Errors a newcomer can act on: a file that does not parse comes first, with a hint for
the common YAML mistakes; what follows only from it not loading is not listed (one line says
how much was not checked); an empty or non-mapping site.yml gets a real message."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import run_cli


def test_a_yaml_typo_is_listed_first_with_a_hint_and_nothing_it_causes(basic: Path) -> None:
    terms = basic / "content/glossary/terms.yml"
    terms.write_text(
        terms.read_text(encoding="utf-8")
        .replace("en: The hearing of cases by courts.}", "en: Justice: the hearing of cases.}")
        .replace(
            "definition: {kk: Соттың", "definition:\n    en: Justice: hearing\n    kk: Соттың", 1
        ),
        encoding="utf-8",
    )
    r = run_cli(basic, "check", "--strict")
    assert r.code == 1
    lines = r.err.splitlines()
    assert lines[0] == (
        "content/glossary/terms.yml:4: malformed YAML: mapping values are not allowed here; a "
        "value that holds ': ' must be in quotes (title: \"Article 1: …\") or written as a "
        "block (key: >- and the text on the next lines, indented)"
    )
    assert lines[1].startswith("content/glossary/terms.yml:4: ")
    assert lines[1].endswith(
        " reference(s) to articles, topics, terms or events were not checked, because "
        "content/glossary/terms.yml could not be read: fix it and check again"
    )
    assert int(lines[1].split(": ")[1].split()[0]) >= 5  # the [[term:…]] of the topics
    assert not [x for x in lines if "unknown term" in x]
    assert lines[-1].startswith("explainer: 2 error(s)")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "# nothing yet\n",
            "the site settings file is empty: it needs at least 'languages:' (the first is "
            "the default) and 'as_of:' (see CONTENT.md, site.yml)",
        ),
        (
            "- kk\n- ru\n",
            "site.yml must be a mapping, not a list: settings as 'key: value' lines "
            "('languages:', 'as_of:', …; see CONTENT.md)",
        ),
    ],
)
def test_an_empty_or_list_site_yml(basic: Path, text: str, message: str) -> None:
    (basic / "content/site.yml").write_text(text, encoding="utf-8")
    r = run_cli(basic, "check")
    assert r.code == 1
    assert r.err.splitlines()[0] == f"content/site.yml:1: {message}"
    assert "0 error(s)" not in r.err


def test_a_tab_gets_a_hint(basic: Path) -> None:
    doc = basic / "content/document.yml"
    doc.write_text(doc.read_text(encoding="utf-8").replace("  kk: ҚР", "\tkk: ҚР", 1), "utf-8")
    r = run_cli(basic, "check")
    assert r.code == 1
    first = r.err.splitlines()[0]
    assert first.startswith("content/document.yml:3: malformed YAML: ") and first.endswith(
        "; indent with spaces, not tabs"
    ), first
