"""JSON Schemas (draft 2020-12) of the content files, written from :mod:`explainer.content_schema`.

``explainer schema --out DIR`` writes one ``<kind>.schema.json`` per content file kind, so an
editor with a YAML language server completes and flags fields as the author types (CONTENT.md,
"Editor setup"). The schemas check the shape (fields, types); the validator
(``explainer check``) checks everything else: references, dates against editions, languages.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from explainer.content_schema import FILES, SCHEMA, F

DRAFT = "https://json-schema.org/draft/2020-12/schema"
ID_BASE = "https://ata-zan.invalid/schema/"
"""Base of the schemas' ``$id`` (a name, never fetched)."""

_DATE = {
    "anyOf": [
        {"type": "integer", "minimum": 1, "maximum": 9999},
        {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
    ],
    "description": "A date: `1995`, `1995-08` or `1995-08-30`.",
}
_NUMBER = {
    "anyOf": [{"type": "integer", "minimum": 1}, {"type": "string", "pattern": r"^\d+(-\d+)?$"}]
}
_PER_LANGUAGE = {"type": "object", "propertyNames": {"pattern": r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$"}}
_SIMPLE: dict[str, dict[str, Any]] = {
    "string": {"type": "string"},
    "integer": {"type": "integer"},
    "boolean": {"type": "boolean"},
    "date": _DATE,
    "number": _NUMBER,
    "text": {**_PER_LANGUAGE, "additionalProperties": {"type": "string"}},
    "labels": {**_PER_LANGUAGE, "additionalProperties": {"type": "string"}},
    "mapping": {"type": "object"},
    "ints": {"type": "array", "items": {"type": "integer"}},
    "ids": {"type": "array", "items": {"type": "string"}},
    "numbers": {"type": "array", "items": _NUMBER},
    "sources": {"type": "array", "items": {"$ref": "#/$defs/source"}},
}


def _type(spec: str) -> dict[str, Any]:
    """``a|b`` is either; ``list:a|b`` a list whose items are either."""
    if spec.startswith("list:"):
        return {"type": "array", "items": _type(spec.removeprefix("list:"))}
    options = [_one(part) for part in spec.split("|")]
    return options[0] if len(options) == 1 else {"anyOf": options}


def _one(spec: str) -> dict[str, Any]:
    kind = spec.removeprefix("record:")
    return {"$ref": f"#/$defs/{kind}"} if kind in SCHEMA else dict(_SIMPLE[spec])


def _kinds(kind: str, seen: set[str]) -> None:
    """Every record kind reachable from ``kind`` (into ``seen``)."""
    if kind in seen or kind not in SCHEMA:
        return
    seen.add(kind)
    for f in SCHEMA[kind]:
        for part in f.type.replace("list:", "").replace("record:", "").split("|"):
            _kinds(part, seen)


def _field(f: F) -> dict[str, Any]:
    return {**_type(f.type), "description": f.doc}


def record(kind: str) -> dict[str, Any]:
    """The JSON Schema of one record kind (a mapping with exactly its fields)."""
    out: dict[str, Any] = {
        "type": "object",
        "properties": {f.name: _field(f) for f in SCHEMA[kind]},
        "additionalProperties": False,
    }
    needed = [f.name for f in SCHEMA[kind] if f.required]
    if needed:
        out["required"] = needed
    return out


def file_schema(name: str) -> dict[str, Any]:
    """The JSON Schema of one content file kind (a key of :data:`FILES`)."""
    pattern, kind, is_list = FILES[name]
    seen: set[str] = set()
    _kinds(kind, seen)
    seen.add("source")
    top = {"type": "array", "items": {"$ref": f"#/$defs/{kind}"}} if is_list else record(kind)
    return {
        "$schema": DRAFT,
        "$id": f"{ID_BASE}{name}.schema.json",
        "title": f"Ata Zan content: {pattern}",
        **top,
        "$defs": {k: record(k) for k in sorted(seen)},
    }


def write(out: Path) -> list[Path]:
    """Write every file kind's schema into ``out``; the paths written, in order."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in FILES:
        path = out / f"{name}.schema.json"
        text = json.dumps(file_schema(name), ensure_ascii=False, indent=2) + "\n"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def editor_mapping(folder: str = "schema") -> dict[str, str]:
    """VS Code's ``yaml.schemas``: each schema file and the content files it describes (the
    front matter of a topic's Markdown is left out: the YAML extension reads ``.yml`` only)."""
    return {
        f"{folder}/{name}.schema.json": pattern
        for name, (pattern, _kind, _list) in FILES.items()
        if pattern.endswith(".yml")
    }


def command(out: Path) -> int:
    """``explainer schema --out DIR``: write the schemas, print each path."""
    for path in write(out):
        print(f"wrote {path}")
    return 0
