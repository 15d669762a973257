"""Pieces of the build benchmark (scripts/bench/) that can be checked without running it."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from bench import common, measure, peers, report  # noqa: E402


def test_only_the_build_section_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / "BENCHMARKS.md"
    path.write_text(
        "# Benchmarks\n\nIntro.\n\n## Build benchmark\n\nold numbers\n\n"
        "## Search\n\nsearch numbers, owned by another script\n",
        encoding="utf-8",
    )
    report.write_benchmarks(path, "## Build benchmark\n\nnew numbers\n")
    assert path.read_text(encoding="utf-8") == (
        "# Benchmarks\n\nIntro.\n\n## Build benchmark\n\nnew numbers\n\n"
        "## Search\n\nsearch numbers, owned by another script\n"
    )


def test_the_build_section_is_added_after_the_others(tmp_path: Path) -> None:
    path = tmp_path / "BENCHMARKS.md"
    path.write_text("# Benchmarks\n\n## Search\n\nsearch numbers\n", encoding="utf-8")
    report.write_benchmarks(path, "## Build benchmark\n\nnumbers\n")
    assert path.read_text(encoding="utf-8") == (
        "# Benchmarks\n\n## Search\n\nsearch numbers\n\n## Build benchmark\n\nnumbers\n"
    )
    fresh = tmp_path / "new.md"
    report.write_benchmarks(fresh, "## Build benchmark\n\nnumbers\n")
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
    assert measure.page_weights(tmp_path) == [len(page) + 110]


def test_hugo_gets_the_same_markdown_with_section_pages(tmp_path: Path) -> None:
    for lang in common.LANGS:
        (tmp_path / "docs" / lang / "topics").mkdir(parents=True)
        (tmp_path / "docs" / lang / "index.md").write_text("# Home\n", encoding="utf-8")
        (tmp_path / "docs" / lang / "topics" / "index.md").write_text("# T\n", encoding="utf-8")
        (tmp_path / "docs" / lang / "topics" / "a.md").write_text("# A\n", encoding="utf-8")
    h = peers.hugo_setup(tmp_path)
    assert sorted(
        p.relative_to(h / "content" / "ru").as_posix() for p in (h / "content" / "ru").rglob("*.md")
    ) == ["_index.md", "topics/_index.md", "topics/a.md"]
    assert "contentDir: content/en" in (h / "hugo.yaml").read_text(encoding="utf-8")


def test_the_report_puts_each_peer_beside_the_generator_share_of_the_same_build() -> None:
    stage = {"seconds": 1.0, "cpu": 0.5}
    measured = {
        "argv": ["--reps", "1"],
        "measure_seconds": 60.0,
        "flagship": {"cold": {n: stage for n in common.GENERATOR_STAGES + ["mkdocs"]}},
        "scale_site": [{"scale": 10, "generator_seconds": 30.0, "generator_cpu": 20.0}],
    }
    compared = {
        "argv": ["--reps", "1", "--peer-reps", "2"],
        "peers_seconds": 30.0,
        "peer_reps": 2,
        "peers": [{"scale": 1, "ours": {}}, {"scale": 10, "ours": {}}],
    }
    r = report.combine(measured, compared)
    # the generator stages after "import": load, validate, link, render, write
    assert [(p["scale"], p["generator_seconds"], p["generator_cpu"]) for p in r["peers"]] == [
        (1, 5.0, 2.5),
        (10, 30.0, 20.0),
    ]
    assert r["peer_reps"] == 2
    assert r["argv"] == ["--reps", "1", "(peers:", "--reps", "1", "--peer-reps", "2", ")"]
    assert r["total_seconds"] == 90.0
    assert "generator_seconds" not in compared["peers"][0]  # the input is left as it was


def test_the_stage_runner_imports_nothing_of_the_benchmark() -> None:
    """``stages.py`` runs with an older revision's package first on the path (--before):
    it must stand alone."""
    tree = ast.parse((ROOT / "scripts" / "bench" / "stages.py").read_text(encoding="utf-8"))
    imported = {
        (n.module or "") if isinstance(n, ast.ImportFrom) else a.name
        for n in ast.walk(tree)
        if isinstance(n, ast.Import | ast.ImportFrom)
        for a in n.names
    }
    assert not {m for m in imported if m.split(".")[0] == "bench"}
    assert "explainer.outputs" in imported or "explainer" in {m.split(".")[0] for m in imported}


def _view(url: str, transferred: int, font: int = 0, failed: list[str] | None = None) -> dict:
    return {
        "url": url,
        "requests": 3,
        "from_cache": 0,
        "transferred": transferred,
        "by_kind": {"document": transferred - font, "font": font},
        "failed": failed or [],
    }


def test_the_page_views_table_names_the_heaviest_view_and_the_goal_missed() -> None:
    from bench import views

    v = {
        "pages": ["", "timeline/"],
        "hosted": {
            "kk": {
                "first": [_view("http://h/", 200_000, 120_000), _view("http://h/t/", 240_000)],
                "next": [_view("http://h/t/", 31_000)],
            }
        },
        "offline": {
            "kk": {
                "first": [_view("file:///tmp/x/ata-zan-offline/index.html", 500_000)],
                "next": [],
            }
        },
    }
    table = report.page_views_table(v)
    row = "| kk | hosted | 3 | 240.0 kB (`t/`; fonts 0.0 kB) | 31.0 kB (`t/`) | 0.0 kB | 0 |"
    assert row in table
    assert "| kk | offline | 3 | 500.0 kB (`index.html`; fonts 0.0 kB) | – | 0.0 kB | 0 |" in table
    assert "first view within 250.0 kB, next view **over** 30.0 kB" in table
    # a font the next page is the first to need is counted apart
    v["hosted"]["kk"]["next"] = [_view("http://h/t/", 89_000, font=60_000)]
    assert "next view within 30.0 kB (fonts apart)" in report.page_views_table(v)
    assert views.offline_file(Path("/nowhere"), "articles/") == Path("/nowhere/articles/index.html")
