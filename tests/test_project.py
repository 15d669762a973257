"""explainer.tools.project.make_project: the one way tests, bench and synth write a project."""

from __future__ import annotations

from pathlib import Path

from explainer.tools.project import make_project


def _source(tmp_path: Path) -> Path:
    src = tmp_path / "repo"
    (src / "overrides" / "partials").mkdir(parents=True)
    (src / "overrides" / "partials" / "x.html").write_text("new", encoding="utf-8")
    (src / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    return src


def test_copies_the_content_and_puts_the_configs_and_overrides_beside_it(tmp_path: Path) -> None:
    src = _source(tmp_path)
    (src / "mkdocs.offline.yml").write_text("INHERIT: mkdocs.yml\n", encoding="utf-8")
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "site.yml").write_text("as_of: 2026-07-01\n", encoding="utf-8")
    dest = make_project(tmp_path / "p", tmp_path / "c", source=src)
    assert dest == tmp_path / "p"
    files = sorted(str(p.relative_to(dest)) for p in dest.rglob("*") if p.is_file())
    assert files == [
        "content/site.yml",
        "mkdocs.offline.yml",
        "mkdocs.yml",
        "overrides/partials/x.html",
    ]


def test_a_writer_writes_the_content_and_what_was_there_is_replaced(tmp_path: Path) -> None:
    src = _source(tmp_path)
    dest = tmp_path / "p"
    (dest / "content" / "old").mkdir(parents=True)
    (dest / "overrides").mkdir()
    (dest / "overrides" / "stale.html").write_text("old", encoding="utf-8")
    (dest / "site").mkdir()
    (dest / "site" / "index.html").write_text("built", encoding="utf-8")
    seen: list[bool] = []

    def write(content: Path) -> None:
        seen.append(content.exists())
        content.mkdir()
        (content / "site.yml").write_text("as_of: 2026-07-01\n", encoding="utf-8")

    make_project(dest, write, source=src)
    assert seen == [False]  # the old content/ was removed before the writer ran
    files = sorted(str(p.relative_to(dest)) for p in dest.rglob("*") if p.is_file())
    # no mkdocs.offline.yml in the source: none written; site/ is left as it was
    assert files == [
        "content/site.yml",
        "mkdocs.yml",
        "overrides/partials/x.html",
        "site/index.html",
    ]
