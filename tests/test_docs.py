"""Documentation that cannot drift: every field the validator accepts is named in CONTENT.md,
every command and option of the CLI in the README, and ``explainer --help`` is clean text
that lists every command."""

from __future__ import annotations

import argparse
import re

from explainer import cli
from explainer.content_schema import SCHEMA

from .conftest import ROOT, run_cli


def accepted_fields() -> set[str]:
    """Every field the validator accepts: those of the content schema, from which it takes
    them (tests/test_content_schema.py checks that no validation module spells them out)."""
    return {f.name for fields in SCHEMA.values() for f in fields}


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
