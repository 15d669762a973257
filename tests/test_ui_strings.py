"""Every reader-facing string comes from the language's UI strings: the heading links'
title, the 404 page; a missing one is a --strict error that names the key and the file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from explainer.load import load, load_ui
from explainer.pipeline import Project
from explainer.problems import Problems
from explainer.validate import validate

from .conftest import run_cli

UI = load_ui()


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_heading_links_are_titled_in_the_page_language(built_basic: Path, lang: str) -> None:
    root = built_basic / "site" / ("" if lang == "kk" else lang)
    html = (root / "topics/courts/index.html").read_text(encoding="utf-8")
    titles = set(re.findall(r'<a class="headerlink" href="#[^"]*" title="([^"]*)"', html))
    assert titles == {UI[lang]["permalink"]}


@pytest.mark.parametrize(("lang", "home"), [("kk", "/"), ("ru", "/ru/"), ("en", "/en/")])
def test_404_page_in_the_build_language(built_basic: Path, lang: str, home: str) -> None:
    root = built_basic / "site" / ("" if lang == "kk" else lang)
    html = (root / "404.html").read_text(encoding="utf-8")
    ui = UI[lang]
    assert f"<title>{ui['not_found_title']} - " in html
    assert f"<h1>{ui['not_found_title']}</h1>" in html
    assert f"<p>{ui['not_found_text']}</p>" in html
    # from the server's root: the 404 page is served at any depth (base_url: …/test/)
    base = "/test" + home
    assert f'<a href="{base}">{ui["not_found_home"]}</a>' in html
    assert f'<a href="{base}?q=">{ui["not_found_search"]}</a>' in html  # opens the search
    assert "Not found" not in html and "Permanent link" not in html


def _problems(root: Path, ui: dict) -> list[str]:
    problems = Problems()
    project = Project.at(root)
    raw = load(project.content, problems, base=project.root)
    validate(raw, raw.texts, problems, ui)
    return [str(p) for p in problems.sorted()]


def test_a_missing_ui_string_is_a_strict_error_naming_key_and_file(basic: Path) -> None:
    ui = {lang: dict(strings) for lang, strings in UI.items()}
    del ui["ru"]["not_found_title"]
    assert _problems(basic, ui) == [
        "content/site.yml:1: warning: missing interface string 'not_found_title' for "
        "language 'ru': add it under 'ui: ru:' in content/site.yml (the generator's own "
        "strings are in src/explainer/ui.yml)"
    ]


def test_ui_strings_in_site_yml(basic: Path) -> None:
    site = basic / "content" / "site.yml"
    text = site.read_text(encoding="utf-8")
    n = text.count("\n")  # the lines before "ui:"
    site.write_text(
        text + "ui:\n  ru:\n    not_found_title: Нет такой страницы\n    nonsense: x\n  de:\n"
        "    home: Start\n",
        encoding="utf-8",
    )
    r = run_cli(basic, "check", "--strict")
    assert r.code == 1
    assert r.err.splitlines()[:2] == [
        f"content/site.yml:{n + 4}: unknown interface string 'nonsense' in 'ui: ru:' (the "
        "keys are those of src/explainer/ui.yml)",
        f"content/site.yml:{n + 6}: unknown language 'de' in 'ui' (site languages: kk, ru, en)",
    ]
    site.write_text(
        "\n".join(site.read_text(encoding="utf-8").split("\n")[: n + 3]) + "\n", encoding="utf-8"
    )
    r = run_cli(basic, "build", "--strict", "--no-offline")
    assert r.code == 0, r.err
    html = (basic / "site/ru/404.html").read_text(encoding="utf-8")
    assert "<h1>Нет такой страницы</h1>" in html
