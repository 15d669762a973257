"""``explainer new``: scaffold a content item in every language."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from explainer.limits import ID_RE, lang_code_ok


class ScaffoldError(Exception):
    pass


def _read(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else {}
    except (OSError, yaml.YAMLError) as exc:
        raise ScaffoldError(f"cannot read {path}: {exc}") from exc
    return data if isinstance(data, dict) else {}


def _languages(content: Path) -> list[str]:
    try:
        codes = [str(x["code"]) for x in _read(content / "site.yml")["languages"]]
    except (KeyError, TypeError) as exc:
        raise ScaffoldError(
            f"cannot read the languages from {content / 'site.yml'}: {exc}"
        ) from exc
    for code in codes:  # a code names files: never a path
        if not lang_code_ok(code):
            raise ScaffoldError(
                f"invalid language code '{code}' in {content / 'site.yml'}: use a code "
                "like 'kk', 'ru' or 'en'; nothing was created"
            )
    return codes


def _first_id(items: Any, key: str = "id") -> str | None:
    """The first item's ``key`` of a list in content (a category, a status, a section)."""
    if isinstance(items, list) and items and isinstance(items[0], dict) and key in items[0]:
        return str(items[0][key])
    return None


def _texts(langs: list[str], what: str) -> str:
    return "{" + ", ".join(f"{lang}: 'TODO: {what} ({lang})'" for lang in langs) + "}"


def new(content: Path, kind: str, ident: str, root: Path) -> list[str]:
    langs = _languages(content)
    today = dt.date.today().isoformat()
    if kind == "article":
        if not ident.isdigit():
            raise ScaffoldError(f"invalid article number '{ident}': use digits only")
    elif not ID_RE.match(ident):
        raise ScaffoldError(
            f"invalid id '{ident}': use lowercase Latin letters, digits and "
            "single hyphens, starting with a letter"
        )
    source = "sources:\n  - title: 'TODO: source'\n    url: https://example.org/TODO\n"
    files: dict[Path, str] = {}
    if kind == "topic":
        d = content / "topics" / ident
        files[d / "topic.yml"] = f"order: 999\nas_of: {today}\narticles: []\nterms: []\n" + source
        for lang in langs:
            files[d / f"{lang}.md"] = (
                f"---\ntitle: 'TODO: title ({lang})'\n"
                f"summary: 'TODO: one sentence ({lang})'\n---\n\n"
                f"## TODO\n\nTODO ({lang})\n"
            )
    elif kind == "article":
        # Only what this content defines: its first section and status, if it has them.
        doc = _read(content / "document.yml")
        section = _first_id(doc.get("sections"), "number")
        status = _first_id(doc.get("statuses"))
        files[content / "articles" / f"{int(ident)}.yml"] = (
            f"number: {int(ident)}\n"
            + (f"section: {section}\n" if section is not None else "")
            + f"title: {_texts(langs, 'title')}\nsummary: {_texts(langs, 'summary')}\n"
            + (f"status: {status}\n" if status is not None else "")
            + "topics: []\nterms: []\nhistory: []\n"
            + source
        )
    elif kind == "event":
        category = _first_id(_read(content / "site.yml").get("categories"))
        if category is None:
            raise ScaffoldError(
                f"{content / 'site.yml'} defines no 'categories': add them (id, label, "
                "shape) before the first event"
            )
        files[content / "events" / f"{ident}.yml"] = (
            f"- id: {ident}\n  date: {today}\n  category: {category}\n"
            f"  title: {_texts(langs, 'title')}\n  text: {_texts(langs, 'text')}\n"
            "  sources:\n    - title: 'TODO: source'\n      url: https://example.org/TODO\n"
        )
    elif kind == "term":
        files[content / "glossary" / f"{ident}.yml"] = (
            f"- id: {ident}\n  term: {_texts(langs, 'term')}\n"
            f"  definition: {_texts(langs, 'definition')}\n"
        )
    else:  # pragma: no cover - argparse restricts the choices
        raise ScaffoldError(f"unknown kind '{kind}'")
    for path in files:
        if path.exists():
            raise ScaffoldError(f"{path.relative_to(root)} already exists; nothing was created")
    out = []
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        out.append(str(path.relative_to(root)))
    return out
