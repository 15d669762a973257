"""Pieces of the build benchmark (scripts/bench.py) that can be checked without running it."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from .conftest import ROOT

_spec = importlib.util.spec_from_file_location("bench", ROOT / "scripts" / "bench.py")
assert _spec and _spec.loader
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)


def test_only_the_build_section_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / "BENCHMARKS.md"
    path.write_text(
        "# Benchmarks\n\nIntro.\n\n## Build benchmark\n\nold numbers\n\n"
        "## Search\n\nsearch numbers, owned by another script\n",
        encoding="utf-8",
    )
    bench.write_benchmarks(path, "## Build benchmark\n\nnew numbers\n")
    assert path.read_text(encoding="utf-8") == (
        "# Benchmarks\n\nIntro.\n\n## Build benchmark\n\nnew numbers\n\n"
        "## Search\n\nsearch numbers, owned by another script\n"
    )


def test_the_build_section_is_added_after_the_others(tmp_path: Path) -> None:
    path = tmp_path / "BENCHMARKS.md"
    path.write_text("# Benchmarks\n\n## Search\n\nsearch numbers\n", encoding="utf-8")
    bench.write_benchmarks(path, "## Build benchmark\n\nnumbers\n")
    assert path.read_text(encoding="utf-8") == (
        "# Benchmarks\n\n## Search\n\nsearch numbers\n\n## Build benchmark\n\nnumbers\n"
    )
    fresh = tmp_path / "new.md"
    bench.write_benchmarks(fresh, "## Build benchmark\n\nnumbers\n")
    assert fresh.read_text(encoding="utf-8").endswith("\n\n## Build benchmark\n\nnumbers\n")


def test_page_weight_counts_the_css_and_js_a_page_loads(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "a.css").write_bytes(b"x" * 100)
    (tmp_path / "assets" / "b.js").write_bytes(b"y" * 10)
    (tmp_path / "topics").mkdir()
    page = (
        '<link rel="stylesheet" href="../assets/a.css"><script src="../assets/b.js">'
        '</script><script src="https://example.org/x.js"></script>'
    )
    (tmp_path / "topics" / "index.html").write_text(page, encoding="utf-8")
    (tmp_path / "404.html").write_text("not counted", encoding="utf-8")
    assert bench.page_weights(tmp_path) == [len(page) + 110]


def test_hugo_gets_the_same_markdown_with_section_pages(tmp_path: Path) -> None:
    for lang in bench.LANGS:
        (tmp_path / "docs" / lang / "topics").mkdir(parents=True)
        (tmp_path / "docs" / lang / "index.md").write_text("# Home\n", encoding="utf-8")
        (tmp_path / "docs" / lang / "topics" / "index.md").write_text("# T\n", encoding="utf-8")
        (tmp_path / "docs" / lang / "topics" / "a.md").write_text("# A\n", encoding="utf-8")
    h = bench.hugo_setup(tmp_path)
    assert sorted(
        p.relative_to(h / "content" / "ru").as_posix() for p in (h / "content" / "ru").rglob("*.md")
    ) == ["_index.md", "topics/_index.md", "topics/a.md"]
    assert "contentDir: content/en" in (h / "hugo.yaml").read_text(encoding="utf-8")
