"""Documentation that cannot drift: every field the validator accepts is named in CONTENT.md,
every command and option of the CLI in the README, and ``explainer --help`` is clean text
that lists every command."""

from __future__ import annotations

import argparse
import ast
import re

from explainer import cli

from .conftest import ROOT, run_cli

VALIDATORS = sorted(
    str(p.relative_to(ROOT)) for p in (ROOT / "src/explainer/validate").glob("*.py")
)


def accepted_fields() -> set[str]:
    """The field names in every ``fields(d, what, (…))`` and ``labelled(d, key, what, (…))``
    call of the validator (tuples named by a constant are followed)."""
    trees = [ast.parse((ROOT / f).read_text(encoding="utf-8")) for f in VALIDATORS]
    consts: dict[str, list[str]] = {}
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Tuple):
                for t in node.targets:
                    if isinstance(t, ast.Name):
                        consts[t.id] = [
                            e.value for e in node.value.elts if isinstance(e, ast.Constant)
                        ]
    out: set[str] = set()
    for tree in trees:
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            if name not in ("fields", "labelled"):
                continue
            if name == "labelled" and isinstance(node.args[1], ast.Constant):
                out.add(node.args[1].value)
            for arg in node.args:
                if not isinstance(arg, ast.Tuple):
                    continue
                for e in arg.elts:
                    if isinstance(e, ast.Constant):
                        out.add(e.value)
                    elif isinstance(e, ast.Starred):
                        ref = getattr(e.value, "attr", getattr(e.value, "id", ""))
                        out.update(consts.get(ref, []))
    return out


def test_every_accepted_field_is_named_in_content_md() -> None:
    fields = accepted_fields()
    assert {"languages", "base_url", "categories", "statuses", "shape", "document_status"} <= fields
    doc = (ROOT / "CONTENT.md").read_text(encoding="utf-8")
    missing = sorted(f for f in fields if not re.search(rf"(?<![\w-]){re.escape(f)}(?![\w-])", doc))
    assert missing == []


def _commands() -> dict[str, argparse.ArgumentParser]:
    p = cli.parser()
    sub = next(a for a in p._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


def test_every_command_and_option_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = []
    top = cli.parser()
    for name, p in [("", top), *_commands().items()]:
        if name and f"explainer {name}" not in readme:
            missing.append(f"explainer {name}")
        for action in p._actions:
            for opt in action.option_strings:
                if opt not in ("-h", "--help") and not re.search(
                    rf"(?<![\w-]){re.escape(opt)}(?![\w-])", readme
                ):
                    missing.append(f"{name or 'explainer'} {opt}")
    assert missing == []


def test_help_is_clean_and_lists_every_command(tmp_path) -> None:  # noqa: ANN001
    r = run_cli(tmp_path, "--help")
    assert r.code == 0
    assert "`" not in r.out and "``" not in r.out
    for name in _commands():
        assert re.search(rf"^\s+{name}\s+\S", r.out, re.M), name  # with its one-line help
    assert "links" in _commands()
