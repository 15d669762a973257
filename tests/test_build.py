"""End-to-end builds in a temp dir: pages, languages, open data, reproducibility."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from explainer import layout
from explainer.text.markdown import md_text
from explainer.validate import parse_date

from .conftest import ROOT, make_project, run_cli, snapshot

LANGS = ("kk", "ru", "en")


def pages(site: Path, lang: str) -> set[str]:
    root = site if lang == "kk" else site / lang
    out = set()
    for p in root.rglob("index.html"):
        rel = str(p.relative_to(root))
        if lang == "kk" and rel.split("/")[0] in {"ru", "en"}:
            continue
        out.add(rel)
    return out


@pytest.mark.parametrize("project", ["built_basic", "built_flagship"])
def test_every_language_has_the_same_pages(project: str, request: pytest.FixtureRequest) -> None:
    site = request.getfixturevalue(project) / "site"
    kk = pages(site, "kk")
    assert len(kk) > 5
    assert pages(site, "ru") == kk
    assert pages(site, "en") == kk


def test_flagship_article_pages_exist(built_flagship: Path) -> None:
    site = built_flagship / "site"
    for n in (1, 41, 75, 76, 77):
        for prefix in ("", "ru/", "en/"):
            assert (site / f"{prefix}articles/{n}/index.html").is_file()
    for page in ("timeline", "glossary", "topics", "articles"):
        assert (site / page / "index.html").is_file()


@pytest.mark.parametrize("lang", LANGS)
def test_html_lang_and_language_switch_on_every_page(built_basic: Path, lang: str) -> None:
    site = built_basic / "site"
    root = site if lang == "kk" else site / lang
    for rel in sorted(pages(site, lang)):
        html = (root / rel).read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in html, rel
        # no <link rel="alternate">: Material would fetch <page>/sitemap.xml for each (404s);
        # the hreflang alternates are in sitemap.xml (test_base_url.py)
        assert '<link rel="alternate" href' not in html, rel
        alternates = dict(
            re.findall(
                r'<a href="([^"]*)" hreflang="(\w+)" lang="\w+" class="md-select__link">', html
            )
        )
        assert sorted(alternates.values()) == sorted(LANGS), rel
        # each alternate resolves to the same page in that language
        for href, alt in alternates.items():
            target = (root / rel).parent / href
            if href.endswith("/"):
                target = target / "index.html"
            assert target.resolve().is_file(), (rel, href)
            alt_root = site if alt == "kk" else site / alt
            assert str(target.resolve().relative_to(alt_root.resolve())) == rel


def test_kazakh_ui_has_no_english_or_russian_strings(built_basic: Path) -> None:
    html = (built_basic / "site/articles/75/index.html").read_text(encoding="utf-8")
    for foreign in (
        "Search",
        "Поиск",
        "Table of contents",
        "Содержание",
        "Back to top",
        "Select language",
        "Выберите язык",
    ):
        assert foreign not in html
    assert "Іздеу" in html and "Тілді таңдаңыз" in html


def test_kazakh_ui_translates_every_material_key() -> None:
    import material

    root = Path(material.__file__).parent / "templates/partials/languages"
    key = re.compile(r'^  "([a-z.]+)":', re.M)
    en = set(key.findall((root / "en.html").read_text(encoding="utf-8")))
    kk = set(key.findall(Path("overrides/partials/languages/kk.html").read_text(encoding="utf-8")))
    assert en <= kk


def test_no_request_to_a_cdn_or_google_fonts(built_basic: Path) -> None:
    for p in (built_basic / "site").rglob("*.html"):
        html = p.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, p
        loaded = (
            re.findall(r'<script[^>]+src="(https?:[^"]+)"', html)
            + re.findall(
                r'<link[^>]+rel="(?:stylesheet|preconnect|preload|icon|manifest)"[^>]+href="(https?:[^"]+)"',
                html,
            )
            + re.findall(r'<img[^>]+src="(https?:[^"]+)"', html)
        )
        assert loaded == [], p


def test_open_data_export(built_basic: Path) -> None:
    for lang in LANGS:
        data = json.loads((built_basic / f"site/data/{lang}.json").read_text(encoding="utf-8"))
        assert data["lang"] == lang
        assert [t["id"] for t in data["topics"]] == ["courts", "elections"]
        assert [a["number"] for a in data["articles"]] == [75, 76]
        assert [(e["id"], e["date"], e["precision"]) for e in data["events"]] == [
            ("referendum-1995", "1995-08-30", "day"),
            ("in-force-1995", "1995-09", "month"),
        ]
        assert all(e["sources"] for e in data["events"])
        assert [t["id"] for t in data["terms"]] == ["court", "justice"]
        assert [
            (m["id"], m["from"], m["to"], m["events"], m["url"]) for m in data["milestones"]
        ] == [
            (
                "adoption",
                "1995-09",
                "1995-12",
                ["referendum-1995", "in-force-1995"],
                "https://example.org/test/"
                + ("" if lang == "kk" else f"{lang}/")
                + "timeline/adoption/",
            )
        ]
    ru = json.loads((built_basic / "site/data/ru.json").read_text(encoding="utf-8"))
    assert ru["topics"][0]["title"] == "Суды"
    assert ru["milestones"][0]["title"] == "1995: принятие"
    # Article 76's summary cites "статьи 75" in running text: the auto-link counts.
    assert ru["articles"][0]["cited_by"] == [
        {"kind": "topic", "id": "courts"},
        {"kind": "event", "id": "referendum-1995"},
        {"kind": "term", "id": "justice"},
        # its history entry cites [[art:75]]
        {"kind": "article", "id": "76"},
    ]


def test_content_text_is_escaped_in_html(built_basic: Path) -> None:
    html = (built_basic / "site/en/topics/elections/index.html").read_text(encoding="utf-8")
    assert "<b>votes</b>" not in html
    assert "Elections &amp; &lt;b&gt;votes&lt;/b&gt;" in html
    # a milestone title: in its page, the navigation and the drawing
    html = (built_basic / "site/en/timeline/adoption/index.html").read_text(encoding="utf-8")
    assert "<force>" not in html
    assert html.count("1995: adoption &amp; &lt;force&gt;") >= 4


def test_links_resolve_in_every_language(built_basic: Path) -> None:
    html = (built_basic / "site/ru/topics/courts/index.html").read_text(encoding="utf-8")
    assert '<a href="../../articles/75/">статья 75</a>' in html
    assert '<a href="../../articles/76/#p1">пункт 1 статьи 76</a>' in html
    art = (built_basic / "site/ru/articles/76/index.html").read_text(encoding="utf-8")
    assert 'id="p1"' in art
    kk = (built_basic / "site/topics/courts/index.html").read_text(encoding="utf-8")
    assert '<a href="../../articles/75/">75-бап</a>' in kk
    assert '<span class="cite-other" data-doc="2026">43-бап</span>' in kk


def test_two_builds_are_byte_identical(built_basic: Path, tmp_path: Path) -> None:
    other = make_project(tmp_path / "again", built_basic / "content")
    r = run_cli(other, "build", "--strict")
    assert r.code == 0, r.err
    assert snapshot(other / "docs") == snapshot(built_basic / "docs")
    assert snapshot(other / "site") == snapshot(built_basic / "site")
    # and a rebuild in place changes nothing
    before = snapshot(other / "site")
    assert run_cli(other, "build", "--strict").code == 0
    assert snapshot(other / "site") == before


def test_refuses_to_replace_a_site_folder_it_did_not_build(basic: Path) -> None:
    (basic / "site").mkdir()
    (basic / "site" / "mine.txt").write_text("mine\n", encoding="utf-8")
    r = run_cli(basic, "build")
    assert r.code == 1
    assert r.err.splitlines()[0] == (
        "site:1: exists and was not built by explainer; refusing to replace it"
    )
    assert (basic / "site" / "mine.txt").read_text(encoding="utf-8") == "mine\n"


def test_check_status_and_new(basic: Path) -> None:
    r = run_cli(basic, "check", "--strict")
    assert (r.code, r.out) == (0, "ok: 2 topics, 2 articles, 2 events, 2 terms in 3 languages\n")
    st = run_cli(basic, "status")
    assert st.code == 0 and "no missing translation" in st.out
    new = run_cli(basic, "new", "topic", "voting-rights")
    assert new.code == 0
    assert new.out.splitlines() == [
        f"created content/topics/voting-rights/{f}"
        for f in ("topic.yml", "kk.md", "ru.md", "en.md")
    ]
    # The scaffold is checked like any content, but its placeholders stop a strict check.
    assert run_cli(basic, "check").code == 0
    strict = run_cli(basic, "check", "--strict")
    assert strict.code == 1
    assert (
        "content/topics/voting-rights/en.md:2: warning: placeholder 'TODO' left from "
        "'explainer new': write the real text or source here"
    ) in strict.err.splitlines()
    assert (
        "content/topics/voting-rights/topic.yml:7: warning: placeholder "
        "'https://example.org/TODO' left from 'explainer new': write the real text or source here"
    ) in strict.err.splitlines()
    bad = run_cli(basic, "new", "topic", "../escape")
    assert bad.code == 1 and "invalid id '../escape'" in bad.err
    assert not (basic / "content/escape").exists()
    again = run_cli(basic, "new", "topic", "voting-rights")
    assert again.code == 1 and "already exists" in again.err


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1995-08-30", "1995-08-30"),
        ("1995-08", "1995-08"),
        ("1995", "1995"),
        ("1995-02-30", "invalid date '1995-02-30': day is out of range for month"),
        ("1995-13", "invalid date '1995-13': month must be in 1..12"),
        ("30.08.1995", "invalid date '30.08.1995': write YYYY-MM-DD, YYYY-MM or YYYY"),
    ],
)
def test_parse_date(text: str, expected: str) -> None:
    got = parse_date(text)
    assert (got if isinstance(got, str) else got.iso) == expected


@pytest.mark.parametrize(
    ("src", "dst", "expected"),
    [
        ("topics/courts.md", "articles/75.md", "../articles/75.md"),
        ("topics/courts.md", "topics/elections.md", "elections.md"),
        ("index.md", "glossary.md#justice", "glossary.md#justice"),
        ("articles/75.md", "articles/75.md#p1", "#p1"),
    ],
)
def test_relative_links(src: str, dst: str, expected: str) -> None:
    assert layout.rel(src, dst) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a <script>x</script>", "a &lt;script&gt;x&lt;/script&gt;"),
        ("[x](javascript:alert(1))", "\\[x\\](javascript:alert(1))"),
        ("Қазақстан & Co", "Қазақстан &amp; Co"),
    ],
)
def test_md_text_escapes(text: str, expected: str) -> None:
    assert md_text(text) == expected


def test_plain_mkdocs_build_strict_has_no_warning(built_basic: Path, tmp_path: Path) -> None:
    """After `explainer build`, plain `mkdocs build --strict` works too (all languages)."""
    import subprocess
    import sys

    proj = tmp_path / "m"
    shutil.copytree(built_basic, proj, symlinks=True)
    r = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "out")],
        cwd=proj,
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stderr
    assert re.findall(r"^(?:WARNING|ERROR).*", r.stderr, re.M) == []
    assert (tmp_path / "out/ru/articles/75/index.html").is_file()


@pytest.mark.parametrize("config", ["mkdocs.yml", "mkdocs.offline.yml"])
def test_mkdocs_config_has_no_duplicate_key(config: str) -> None:
    """YAML keeps the last of two equal keys silently (two `extra_javascript:` lost a
    script once): every mapping in the config must have distinct keys."""
    import yaml

    def walk(node: yaml.Node) -> None:
        if isinstance(node, yaml.MappingNode):
            keys = [k.value for k, _ in node.value]
            assert len(keys) == len(set(keys)), f"{config}: duplicate key in {keys}"
            for _, v in node.value:
                walk(v)
        elif isinstance(node, yaml.SequenceNode):
            for v in node.value:
                walk(v)

    walk(yaml.compose((ROOT / config).read_text(encoding="utf-8"), Loader=yaml.SafeLoader))


def test_css_and_javascript_are_kept_once(built_basic: Path) -> None:
    """Every language uses the root's copy of Material's and our assets (issue 17)."""
    site = built_basic / "site"
    for lang in ("ru", "en"):
        assert not (site / lang / "assets").exists()
        html = (site / lang / "topics/courts/index.html").read_text(encoding="utf-8")
        refs = re.findall(r'(?:href|src)="((?:\.\./)+assets/[^"?#]+)', html)
        assert any(r.endswith(".css") for r in refs) and any(r.endswith(".js") for r in refs)
        for ref in refs:
            assert (site / lang / "topics/courts" / ref).resolve().is_file(), ref
