"""The content schema (issue 12 item 4): one field list, from which the validator takes the
allowed fields, ``explainer schema`` writes a JSON Schema per content file kind, and CONTENT.md's
field reference is generated."""

from __future__ import annotations

import ast
import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from explainer import content_schema, schema_json
from explainer.content_schema import FILES, SCHEMA
from explainer.load import LDict, load, load_ui
from explainer.problems import Problems
from explainer.validate import Validator

from .conftest import ROOT, run_cli

CONTENT = ROOT / "content"


def _plain(value: Any) -> Any:
    """YAML as an editor's language server sees it: dates are strings."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _load(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        text = text.split("---\n")[1]
    return _plain(yaml.safe_load(text))


def _files(kind: str) -> list[Path]:
    pattern = FILES[kind][0].removeprefix("content/")
    if kind == "topic-text":
        return sorted(CONTENT.glob("topics/*/*.md"))
    return sorted(CONTENT.glob(pattern))


def _validator(kind: str) -> jsonschema.protocols.Validator:
    schema = schema_json.file_schema(kind)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    assert cls is jsonschema.Draft202012Validator
    return cls(schema)


@pytest.mark.parametrize("kind", list(FILES))
def test_every_flagship_file_validates_against_its_schema(kind: str) -> None:
    files = _files(kind)
    assert files, kind
    v = _validator(kind)
    bad = {
        f"{p.relative_to(ROOT)}: {'/'.join(map(str, e.absolute_path))}: {e.message}"
        for p in files
        for e in v.iter_errors(_load(p))
    }
    assert sorted(bad) == []


def test_an_unknown_field_fails_the_schema() -> None:
    event = _load(CONTENT / "events/1990s.yml")
    event[0]["colour"] = "#ff0000"
    errors = list(_validator("events").iter_errors(event))
    assert [(list(e.absolute_path), e.validator) for e in errors] == [([0], "additionalProperties")]
    assert "'colour' was unexpected" in errors[0].message
    site = _load(CONTENT / "site.yml")
    del site["as_of"]
    assert [e.message for e in _validator("site").iter_errors(site)] == [
        "'as_of' is a required property"
    ]


def test_the_schema_describes_each_field_from_its_docstring() -> None:
    s = schema_json.file_schema("glossary")
    assert s["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    term = s["$defs"]["term"]
    assert term["properties"]["more"]["description"] == next(
        f.doc for f in SCHEMA["term"] if f.name == "more"
    )
    assert list(term["properties"]) == list(content_schema.names("term"))
    assert all(p.get("description") for d in s["$defs"].values() for p in d["properties"].values())


def test_explainer_schema_writes_one_file_per_kind(tmp_path: Path) -> None:
    r = run_cli(tmp_path, "schema", "--out", "out")
    assert r.code == 0, r.err
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == sorted(f"{k}.schema.json" for k in FILES)
    assert r.out.splitlines()[0] == f"wrote {tmp_path / 'out' / 'site.schema.json'}"
    again = json.loads((tmp_path / "out/events.schema.json").read_text(encoding="utf-8"))
    assert again == schema_json.file_schema("events")


def test_content_md_field_reference_is_the_generated_one() -> None:
    doc = (ROOT / "CONTENT.md").read_text(encoding="utf-8")
    start = doc.index(content_schema.BEGIN)
    end = doc.index(content_schema.END) + len(content_schema.END)
    assert doc[start:end] == content_schema.reference_md(), (
        "run: .venv/bin/python -m explainer.content_schema"
    )
    for kind, fields in SCHEMA.items():
        for f in fields:
            assert f"| `{f.name}` |" in doc[start:end], (kind, f.name)


def _literal_field_lists() -> list[str]:
    """Calls of ``fields(…)`` or ``labelled(…)`` in the validator, and module constants, that
    spell field names out instead of taking them from the schema."""
    out = []
    for path in sorted((ROOT / "src/explainer/validate").glob("*.py")) + [
        ROOT / "src/explainer/render/banner.py"
    ]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") in (
                "fields",
                "labelled",
            ):
                if any(isinstance(a, ast.Tuple) for a in node.args):
                    out.append(f"{path.name}:{node.lineno}")
            if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id.endswith("FIELDS") for t in node.targets
            ):
                if isinstance(node.value, ast.Tuple):
                    out.append(f"{path.name}:{node.lineno}")
    return out


def test_the_validator_takes_its_fields_from_the_schema() -> None:
    assert _literal_field_lists() == []


def test_the_validator_rejects_exactly_what_the_schema_leaves_out(tmp_path: Path) -> None:
    """An unknown field: the validator's message lists the schema's fields in its order."""
    import shutil

    from .conftest import CASES

    case = sorted(p for p in CASES.iterdir() if (p / "content/site.yml").exists())[0]
    shutil.copytree(case, tmp_path / "p")
    site = tmp_path / "p/content/site.yml"
    site.write_text(site.read_text(encoding="utf-8") + "colour: red\n", encoding="utf-8")
    r = run_cli(tmp_path / "p", "check")
    assert r.code == 1
    expected = ", ".join(content_schema.names("site"))
    assert f"unknown field 'colour' in site settings (expected one of: {expected})" in r.err


def test_the_committed_schemas_and_editor_settings_are_current(tmp_path: Path) -> None:
    """schema/ and .vscode/settings.json ship with the project, so an editor works at once;
    after a change of content_schema.py run ``explainer schema``."""
    schema_json.write(tmp_path)
    for path in sorted(tmp_path.iterdir()):
        shipped = ROOT / "schema" / path.name
        assert shipped.read_text(encoding="utf-8") == path.read_text(encoding="utf-8"), path.name
    assert sorted(p.name for p in (ROOT / "schema").iterdir()) == sorted(
        p.name for p in tmp_path.iterdir()
    )
    settings = json.loads((ROOT / ".vscode/settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"] == schema_json.editor_mapping()
    doc = (ROOT / "CONTENT.md").read_text(encoding="utf-8")
    assert json.dumps({"yaml.schemas": schema_json.editor_mapping()}, indent=2) in doc


CONDITIONAL = {"article": {"section", "status", "paragraphs", "successor"}}
"""Fields the validator requires only in some documents (with sections, statuses, editions):
optional in the schema, their condition in their description."""


def _without(d: LDict, key: str) -> LDict:
    out = LDict((k, v) for k, v in d.items() if k != key)
    out.loc = d.loc
    out.key_locs = {k: loc for k, loc in d.key_locs.items() if k != key}
    return out


def test_the_schema_requires_what_the_validator_requires() -> None:
    """Each field of a flagship record left out in turn: the validator reports it missing
    exactly when the schema marks it required."""
    raw = load(CONTENT, Problems())
    ui = load_ui()
    document = Validator(raw, Problems(), ui).document()

    def site(v: Validator, d: LDict) -> None:
        v.raw = copy.copy(raw)
        v.raw.site = d
        v.site()

    def doc(v: Validator, d: LDict) -> None:
        v.raw = copy.copy(raw)
        v.raw.document = d
        v.document()

    checks: dict[str, tuple[Any, LDict]] = {
        "site": (site, raw.site),
        "document": (doc, raw.document),
        "article": (lambda v, d: v.article(d, d.loc, document), raw.articles[0][0]),
        "event": (lambda v, d: v.event(d, d.loc), raw.events[0][0]),
        "term": (lambda v, d: v.term(d, d.loc), raw.terms[0][0]),
        "handout": (lambda v, d: v.handout(d, d.loc), raw.handouts[0][0]),
        "milestone": (lambda v, d: v.milestone(d, d.loc), raw.milestones[0][0]),
    }
    for kind, (call, record) in checks.items():
        missing = set()
        for f in SCHEMA[kind]:
            if f.name in record:
                problems = Problems()
                call(Validator(raw, problems, ui), _without(record, f.name))
                if any(f"missing required field '{f.name}'" in p.message for p in problems.items):
                    missing.add(f.name)
        required = {f.name for f in SCHEMA[kind] if f.required and f.name in record}
        assert missing - CONDITIONAL.get(kind, set()) == required, kind
