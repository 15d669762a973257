"""The layers of the package stay as CONTRIBUTING.md draws them (issue 12): one orchestrator,
only the engine imports MkDocs, no import cycle, and every stage seen through one hook."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from explainer import pipeline
from explainer.problems import BuildError, ContentError

from .conftest import CASES, ROOT, make_project

SRC = ROOT / "src"
PACKAGE = SRC / "explainer"


def _modules() -> dict[str, Path]:
    out = {}
    for p in sorted(PACKAGE.rglob("*.py")):
        parts = p.relative_to(SRC).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = p
    return out


def _runtime_imports(tree: ast.Module) -> list[ast.Import | ast.ImportFrom]:
    """Every import statement, at module level or inside a function, except those under
    ``if TYPE_CHECKING:`` (annotations only: they never run)."""
    out: list[ast.Import | ast.ImportFrom] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import | ast.ImportFrom):
            out.append(node)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return out


def import_graph() -> dict[str, set[str]]:
    """Which module of the package imports which (runtime imports, lazy ones included)."""
    mods = _modules()
    graph: dict[str, set[str]] = {m: set() for m in mods}
    for name, path in mods.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in _runtime_imports(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                base = node.module or ""
                if node.level:
                    up = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                    base = ".".join(up + ([base] if base else []))
                targets = [f"{base}.{a.name}" for a in node.names] + [base]
            for t in targets:
                while t and t not in mods:
                    t = t.rpartition(".")[0]
                if t and t != name:
                    graph[name].add(t)
                    break
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_the_graph_sees_real_imports() -> None:
    """The graph is not empty by mistake: a few edges every reader of the code can check."""
    g = import_graph()
    assert "explainer.pipeline" in g["explainer.cli"]
    assert "explainer.engine.mkdocs_build" in g["explainer.pipeline"]  # a lazy import
    assert "explainer.text.markdown" in g["explainer.outputs.handouts"]
    assert cycles({"a": {"b"}, "b": {"a"}, "c": {"a"}}) == [["a", "b"]]


def test_no_import_cycle() -> None:
    assert cycles(import_graph()) == []


def test_only_the_engine_imports_mkdocs() -> None:
    outside = []
    for name, path in _modules().items():
        if name.startswith("explainer.engine"):
            continue
        for node in _runtime_imports(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module]
            if any(n and n.split(".")[0] == "mkdocs" for n in names):
                outside.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert outside == []


def test_the_cli_and_the_pipeline_load_without_mkdocs() -> None:
    """``explainer check`` and ``explainer --help`` never pay for MkDocs' imports."""
    code = (
        "import sys, explainer.cli, explainer.pipeline; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'mkdocs'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_outputs_and_stages_do_not_import_the_cli() -> None:
    g = import_graph()
    assert {m for m, deps in g.items() if "explainer.cli" in deps} == set()


RE_CALLS = {
    "compile",
    "match",
    "fullmatch",
    "search",
    "sub",
    "subn",
    "split",
    "findall",
    "finditer",
}


def regexes(files: dict[str, str]) -> dict[str, list[str]]:
    """Every regular expression written as a string literal in a call of ``re`` (``re.compile``,
    ``re.sub``, …): ``{pattern: ["file:line", …]}``."""
    found: dict[str, list[str]] = {}
    for name, text in sorted(files.items()):
        for node in ast.walk(ast.parse(text)):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "re"
                and node.func.attr in RE_CALLS
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.setdefault(node.args[0].value, []).append(f"{name}:{node.lineno}")
    return found


def twice(files: dict[str, str]) -> list[str]:
    return [
        f"{where[0]} and {', '.join(where[1:])}: the same pattern {pattern!r}"
        for pattern, where in regexes(files).items()
        if len(where) > 1
    ]


def test_one_regex_of_each_kind() -> None:
    """Issue 12 item 3: a pattern is written once (the Markdown structure, links, tags and the
    project's reference syntax live in ``text/markdown.py``, ids and codes in ``limits.py``);
    a second copy drifts from the first."""
    files = {str(p.relative_to(ROOT)): p.read_text(encoding="utf-8") for p in _modules().values()}
    assert twice(files) == []
    tags = [w for p, where in regexes(files).items() if p == "<[^>]+>" for w in where]
    assert [w.split(":")[0] for w in tags] == ["src/explainer/text/markdown.py"]


def test_the_regex_check_can_fail() -> None:
    files = {
        "a.py": 'import re\nX = re.compile(r"<[^>]+>")\n',
        "b.py": 'import re\n\n\ndef f(t):\n    return re.sub(r"<[^>]+>", "", t)\n',
        "c.py": 'import re\nY = re.compile(r"other")\n',
    }
    assert twice(files) == ["a.py:2 and b.py:5: the same pattern '<[^>]+>'"]


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the small case with its MkDocs configs (a whole build in seconds)."""
    return make_project(tmp_path_factory.mktemp("small") / "p", CASES / "basic" / "content")


def test_build_runs_every_stage_once_in_order_through_the_hook(small: Path) -> None:
    seen: list[str] = []
    notes: list[str] = []

    def stage(name: str, run):  # type: ignore[no-untyped-def]
        seen.append(name)
        return run()

    built = pipeline.build(
        pipeline.Project.at(small),
        pipeline.BuildOptions(strict=True, stage=stage, notify=notes.append),
    )
    assert seen == [
        "load",
        "validate",
        "link",
        "render",
        "write",
        "handouts",
        "mkdocs",
        "offline",
        "swap",
    ]
    assert (small / "site" / "index.html").is_file()
    assert built.bundle is not None and built.bundle.is_file()
    assert notes == []


def test_a_content_error_is_raised_not_printed(
    small: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = make_project(small.parent / "bad", small / "content")
    site_yml = bad / "content" / "site.yml"
    site_yml.write_text(site_yml.read_text(encoding="utf-8") + "colour: blue\n", "utf-8")
    with pytest.raises(ContentError) as exc:
        pipeline.build(pipeline.Project.at(bad))
    assert any("unknown field 'colour'" in p.message for p in exc.value.problems)
    assert capsys.readouterr() == ("", "")


def test_a_failing_engine_is_a_build_error(small: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("site_name: x\ntheme:\n  name: no-such-theme\n", encoding="utf-8")
    before = sorted(p.relative_to(small) for p in (small / "site").rglob("*"))
    with pytest.raises(BuildError) as exc:
        pipeline.build(
            pipeline.Project.at(small), pipeline.BuildOptions(config=broken, offline=False)
        )
    assert exc.value.message.startswith("mkdocs build failed: ")
    assert exc.value.message.endswith("; nothing was replaced")
    assert sorted(p.relative_to(small) for p in (small / "site").rglob("*")) == before
