"""Reusable field validators (the habit of MkDocs' ``config_options``): each checks one
field of a raw mapping and returns its typed value, reporting every problem as
``path:line: what is wrong``."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from explainer import limits
from explainer.content_schema import names
from explainer.limits import ID_RE
from explainer.load import LDict, LList, RawContent
from explainer.model import (
    Category,
    Date,
    Source,
    Text,
    article_no,
)
from explainer.problems import Loc, Problems
from explainer.validate import safety

DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
LANG_RE = re.compile(r"^[a-z]{2,3}$")
BASE_URL_RE = re.compile(r"^https?://[^\s/<>\"?#]+(?:/[^\s<>\"?#]*)?$")
PLACEHOLDER_RE = re.compile(r"https?://example\.org/TODO|\bTODO\b")
"""What ``explainer new`` writes for the author to replace (refused under --strict)."""
BASE_URL_ENV = "EXPLAINER_BASE_URL"
"""Overrides ``base_url`` of site.yml (e.g. a preview deploy at another address)."""
_MISSING = object()


def parse_date(value: Any) -> Date | str:
    """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; return an error message if invalid."""
    text = str(value)
    m = DATE_RE.match(text)
    if not m:
        return f"invalid date '{text}': write YYYY-MM-DD, YYYY-MM or YYYY"
    year, month, day = (int(g) if g else None for g in m.groups())
    assert year is not None
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError as exc:
        return f"invalid date '{text}': {exc}"
    return Date(year, month, day)


def _lower(d: Date) -> tuple[int, int, int]:
    """The earliest day a date can mean, as a sort key."""
    return d.sort_key


def _upper(d: Date) -> tuple[int, int, int]:
    """The latest day a date can mean, as a sort key (13 and 32 stand for "any")."""
    return (d.year, d.month or 13, d.day or 32)


def each_item(value: LList) -> Iterator[tuple[Any, Loc]]:
    """Each item of a YAML list with the place it was written."""
    return zip(value, value.item_locs, strict=True)


class Fields:
    """The shared state of a check (problems, site languages) and the reusable field
    validators: each reads one field of a mapping, reports what is wrong with it and returns the
    typed value (``None`` when it is missing or invalid)."""

    def __init__(self, raw: RawContent, problems: Problems, ui: dict[str, Any]) -> None:
        self.raw = raw
        self.p = problems
        self.ui_defaults = ui
        self.langs: tuple[str, ...] = ("kk", "ru", "en")
        self.site_categories: tuple[Category, ...] = ()

    def fields(self, d: LDict, what: str, allowed: tuple[str, ...]) -> None:
        for key in d:
            if key not in allowed:
                self.p.error(
                    d.key_locs[key],
                    f"unknown field '{key}' in {what} (expected one of: {', '.join(allowed)})",
                )

    def loc(self, d: LDict, key: str) -> Loc:
        return d.key_locs.get(key, d.loc)

    def req(self, d: LDict, key: str, what: str) -> Any:
        if key not in d or d[key] is None or d[key] == "":
            self.p.error(d.loc, f"missing required field '{key}' in {what}")
            return _MISSING
        return d[key]

    def string(self, d: LDict, key: str, what: str, required: bool = True) -> str | None:
        value = self.req(d, key, what) if required else d.get(key)
        if value is _MISSING or value is None:
            return None
        if isinstance(value, (LDict, LList)):
            self.p.error(self.loc(d, key), f"field '{key}' in {what} must be text")
            return None
        return str(value)

    def integer(self, d: LDict, key: str, what: str, required: bool = True) -> int | None:
        value = self.req(d, key, what) if required else d.get(key)
        if value is _MISSING or value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool):
            self.p.error(
                self.loc(d, key), f"field '{key}' in {what} must be a whole number, not '{value}'"
            )
            return None
        return value

    def date(self, d: LDict, key: str, what: str, required: bool = True) -> Date | None:
        value = self.req(d, key, what) if required else d.get(key)
        if value is _MISSING or value is None:
            return None
        parsed = parse_date(value)
        if isinstance(parsed, str):
            self.p.error(self.loc(d, key), parsed)
            return None
        return parsed

    def text(self, d: LDict, key: str, what: str, required: bool = True) -> Text | None:
        """A per-language mapping. A missing language is a warning and falls back."""
        value = self.req(d, key, what) if required else d.get(key)
        if value is _MISSING or value is None:
            return None
        loc = self.loc(d, key)
        if not isinstance(value, LDict):
            self.p.error(
                loc,
                f"field '{key}' in {what} must give one text per language "
                f"({', '.join(f'{c}: …' for c in self.langs)})",
            )
            return None
        out: dict[str, str] = {}
        for lang, v in value.items():
            if lang not in self.langs:
                self.p.error(
                    value.key_locs[lang],
                    f"unknown language '{lang}' in '{key}' of "
                    f"{what} (site languages: {', '.join(self.langs)})",
                )
            elif v is None or str(v).strip() == "" or isinstance(v, (LDict, LList)):
                self.p.error(
                    value.key_locs[lang], f"empty or invalid '{lang}' text in '{key}' of {what}"
                )
            else:
                out[lang] = str(v)
        for lang in self.langs:
            if lang not in out and lang not in value:
                self.p.warning(loc, f"missing translation '{lang}' of '{key}' in {what}")
        if not out:
            return None
        fallback = out.get(self.langs[0]) or next(iter(out.values()))
        return {lang: out.get(lang, fallback) for lang in self.langs}

    def choice(self, d: LDict, key: str, what: str, options: tuple[str, ...]) -> str | None:
        value = self.string(d, key, what)
        if value is not None and value not in options:
            self.p.error(
                self.loc(d, key),
                f"invalid {key} '{value}' in {what} (expected one of: {', '.join(options)})",
            )
            return None
        return value

    def ident(self, value: Any, loc: Loc, what: str) -> str | None:
        if not isinstance(value, str) or not ID_RE.match(value):
            self.p.error(
                loc,
                f"invalid {what} id '{value}': use lowercase Latin letters, digits "
                "and single hyphens, starting with a letter (e.g. 'judicial-power')",
            )
            return None
        if limits.reserved_id(value, self.langs):
            self.p.error(
                loc,
                f"reserved {what} id '{value}': it would replace a page the generator writes "
                "or is a language code or a file name Windows reserves; choose another",
            )
            return None
        return value

    def list_field(self, d: LDict, key: str, what: str) -> LList | None:
        """An optional list field (``None``: absent, or not a list, which is reported)."""
        value = d.get(key)
        if value is None:
            return None
        if not isinstance(value, LList):
            self.p.error(self.loc(d, key), f"field '{key}' in {what} must be a list")
            return None
        return value

    def id_list(self, d: LDict, key: str, what: str) -> tuple[str, ...]:
        value = self.list_field(d, key, what)
        if value is None:
            return ()
        out = []
        for item, loc in each_item(value):
            ok = self.ident(item, loc, key.rstrip("s"))
            if ok:
                out.append(ok)
        return tuple(out)

    def int_list(
        self, d: LDict, key: str, what: str, kind: str = "an article number"
    ) -> tuple[int, ...]:
        value = self.list_field(d, key, what)
        if value is None:
            return ()
        # Any: an inserted article's number is a str ("83-1"), which the model's
        # ``articles: tuple[int, ...]`` fields hold too (their true type is ArticleNo).
        out: list[Any] = []
        for item, loc in each_item(value):
            if isinstance(item, int) and not isinstance(item, bool):
                out.append(item)
            elif kind == "an article number" and isinstance(item, str) and article_no(item):
                out.append(article_no(item))  # an inserted article: "83-1"
            else:
                self.p.error(loc, f"'{item}' in '{key}' of {what} is not {kind}")
        return tuple(out)

    def each_mapping(self, value: LList, what: str) -> Iterator[tuple[LDict, Loc]]:
        """Each item of a list of mappings with its place; ``what`` is reported at each
        item that is not a mapping (the item is skipped)."""
        for item, loc in each_item(value):
            if isinstance(item, LDict):
                yield item, loc
            else:
                self.p.error(loc, what)

    def sources(self, d: LDict, what: str, required: bool = True) -> tuple[Source, ...]:
        value = d.get("sources")
        if value is None or value == "":
            if required:
                self.p.error(
                    d.loc, f"missing required field 'sources' in {what}: every fact needs a source"
                )
            return ()
        if not isinstance(value, LList) or not value:
            self.p.error(self.loc(d, "sources"), f"'sources' in {what} must be a non-empty list")
            return ()
        out = []
        for item, loc in self.each_mapping(
            value, f"each source in {what} must be a mapping (title: …, url: …)"
        ):
            self.fields(item, f"a source of {what}", names("source"))
            title = self.string(item, "title", f"a source of {what}")
            url = self.string(item, "url", f"a source of {what}", required=False)
            why = safety.url_problem(url) if url is not None else None
            if why:
                self.p.error(self.loc(item, "url"), f"source: {why}")
                url = None
            if title:
                safety.check_title(title, self.loc(item, "title"), self.p)
            if title:
                out.append(Source(title, url, loc))
        return tuple(out)

    def markdown_safe(self, text: str, loc: Loc) -> None:
        """Refuse Markdown whose HTML the allowlist sanitizer would change (safety.py)."""
        safety.check_markdown(text, loc, self.p)

    def text_safe(self, d: LDict, key: str, plain: bool = False) -> None:
        """:meth:`markdown_safe` for each language of a per-language field; ``plain``: the
        field is not Markdown (a title, a name: escaped on the page)."""
        value = d.get(key)
        if not isinstance(value, LDict):
            return
        for lang, v in value.items():
            if isinstance(v, str):
                loc = value.key_locs[lang]
                # A block scalar (``kk: |``, ``kk: >-``) starts on the line after its key.
                loc = Loc(loc.path, loc.line + (lang in value.block_keys))
                if plain:
                    safety.check_title(v, loc, self.p)
                else:
                    self.markdown_safe(v, loc)

    def labelled(self, d: LDict, key: str, what: str, kind: str) -> list[Any]:
        """A list of ``{id, label: {lang: …}, …}`` (categories, statuses): each item with
        its id and label checked, duplicates reported."""
        value = d.get(key)
        if value is None:
            return []
        if not isinstance(value, LList):
            self.p.error(self.loc(d, key), f"'{key}' in {what} must be a list ('- id: …' items)")
            return []
        out, seen = [], set()
        for item, _loc in self.each_mapping(
            value, f"each of '{key}' must be a mapping (id: …, label: …)"
        ):
            one = f"'{key}' of {what}"
            self.fields(item, one, names(kind))
            ident = self.string(item, "id", one)
            ident = self.ident(ident, self.loc(item, "id"), key.rstrip("s")) if ident else None
            label = self.text(item, "label", f"{key.rstrip('s')} '{ident}'")
            self.text_safe(item, "label", plain=True)
            if ident in seen:
                self.p.error(self.loc(item, "id"), f"duplicate id '{ident}' in '{key}'")
            elif ident and label:
                seen.add(ident)
                out.append((ident, label, item))
        return out
