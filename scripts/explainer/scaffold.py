"""``explainer new``: scaffold a content item in every language."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

from .limits import lang_code_ok

ID_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


class ScaffoldError(Exception):
    pass


def _languages(content: Path) -> list[str]:
    try:
        data = yaml.safe_load((content / "site.yml").read_text(encoding="utf-8"))
        codes = [str(x["code"]) for x in data["languages"]]
    except (OSError, KeyError, TypeError, yaml.YAMLError) as exc:
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
        files[content / "articles" / f"{int(ident)}.yml"] = (
            f"number: {int(ident)}\nsection: 1\ntitle: {_texts(langs, 'title')}\n"
            f"summary: {_texts(langs, 'summary')}\nstatus: superseded\ntopics: []\nterms: []\n"
            f"history: []\n" + source
        )
    elif kind == "event":
        files[content / "events" / f"{ident}.yml"] = (
            f"- id: {ident}\n  date: {today}\n  category: courts\n"
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
