"""The link checker, on small trees and on the built flagship (hosted and offline)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from explainer.tools.linkcheck import check_tree

from .conftest import run_cli

PAGES = {
    "index.html": '<a href="topics/">t</a><a href="topics/a.html#x">x</a><a href="#top">'
    '</a><p id="top"></p><a href="https://example.org/">e</a>'
    '<link rel="canonical" href="https://example.org/">',
    "topics/index.html": '<a href="../index.html#top">up</a><img src="../img/a.png">',
    "topics/a.html": '<h2 id="x">x</h2><a href="../missing.html">m</a><a href="#y">y</a>'
    '<script src="/abs.js"></script><a href="../../out.html">o</a>'
    '<a href="javascript:alert(1)">j</a>',
    "404.html": '<a href="/topics/">t</a>',
}


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    for rel, text in PAGES.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    return tmp_path


def test_hosted_mode(tree: Path) -> None:
    r = check_tree(tree)
    assert r.broken == [
        "topics/a.html:1: ../missing.html — no such file",
        "topics/a.html:1: #y — no element with id 'y' in topics/a.html",
        "topics/a.html:1: /abs.js — absolute path: breaks under a sub-path and from file://",
        "topics/a.html:1: ../../out.html — leads outside the site",
        "topics/a.html:1: javascript:alert(1) — unexpected link scheme 'javascript'",
        "topics/index.html:1: ../img/a.png — no such file",
    ]
    assert r.external == {"https://example.org/"}
    assert r.pages == 4


def test_offline_mode_rejects_folder_links(tree: Path) -> None:
    broken = check_tree(tree, offline=True).broken
    assert (
        "index.html:1: topics/ — a folder: from file:// this opens a file listing, not a "
        "page" in broken
    )
    assert (
        "404.html:1: /topics/ — absolute path: breaks under a sub-path and from file://" in broken
    )


def test_cli_exit_codes(tree: Path) -> None:
    r = run_cli(tree, "links", str(tree))
    assert r.code == 1
    assert r.out.strip() == "4 pages, 12 links, 6 broken, 1 links to other sites (not fetched)"
    assert r.err.splitlines()[0] == "topics/a.html:1: ../missing.html — no such file"


def test_flagship_site_has_no_broken_link(built_flagship: Path) -> None:
    r = check_tree(built_flagship / "site")
    assert r.broken == []
    assert r.pages > 100 and r.links > 5000
    for lang in ("ru", "en"):  # every language is checked, anchors included
        assert (built_flagship / "site" / lang / "index.html").is_file()


def test_flagship_offline_bundle_has_no_broken_link(built_flagship: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(built_flagship / "dist" / "ata-zan-offline.zip") as zf:
        zf.extractall(tmp_path)
    r = check_tree(tmp_path / "ata-zan-offline", offline=True)
    assert r.broken == []
    assert r.pages > 100
