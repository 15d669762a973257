"""Stage 2: turn raw records into the typed model, collecting every problem on the way."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from explainer import limits
from explainer.load import LDict, LList, MarkdownFile, RawContent
from explainer.model import (
    HISTORY_KINDS,
    Article,
    Category,
    Content,
    Date,
    Document,
    Event,
    Handout,
    HandoutPart,
    HistoryEntry,
    Language,
    Milestone,
    Section,
    Site,
    Source,
    Status,
    Term,
    Text,
    Topic,
    TopicText,
    Version,
    article_no,
    article_order,
)
from explainer.outputs.handouts import split_sections
from explainer.problems import Loc, Problems
from explainer.render import banner, svg
from explainer.validate import articles as validate_articles
from explainer.validate import diagrams as validate_diagrams
from explainer.validate import sanitize
from explainer.validate.textcheck import (
    DEFINITION_WORDS,
    avoid_pattern,
    definition_sentences,
    definition_words,
    describe,
    doubled_term_refs,
    mixed_script_words,
    term_consistency,
)

ID_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
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


class Validator:
    def __init__(self, raw: RawContent, problems: Problems, ui: dict[str, Any]) -> None:
        self.raw = raw
        self.p = problems
        self.ui_defaults = ui
        self.langs: tuple[str, ...] = ("kk", "ru", "en")
        self.site_categories: tuple[Category, ...] = ()

    # -- field helpers -------------------------------------------------------------------

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

    def id_list(self, d: LDict, key: str, what: str) -> tuple[str, ...]:
        value = d.get(key)
        if value is None:
            return ()
        if not isinstance(value, LList):
            self.p.error(self.loc(d, key), f"field '{key}' in {what} must be a list")
            return ()
        out = []
        for item, loc in zip(value, value.item_locs, strict=True):
            ok = self.ident(item, loc, key.rstrip("s"))
            if ok:
                out.append(ok)
        return tuple(out)

    def int_list(
        self, d: LDict, key: str, what: str, kind: str = "an article number"
    ) -> tuple[int, ...]:
        value = d.get(key)
        if value is None:
            return ()
        if not isinstance(value, LList):
            self.p.error(self.loc(d, key), f"field '{key}' in {what} must be a list")
            return ()
        out = []
        for item, loc in zip(value, value.item_locs, strict=True):
            if isinstance(item, int) and not isinstance(item, bool):
                out.append(item)
            elif kind == "an article number" and isinstance(item, str) and article_no(item):
                out.append(article_no(item))  # an inserted article: "83-1"
            else:
                self.p.error(loc, f"'{item}' in '{key}' of {what} is not {kind}")
        return tuple(out)

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
        for item, loc in zip(value, value.item_locs, strict=True):
            if not isinstance(item, LDict):
                self.p.error(loc, f"each source in {what} must be a mapping (title: …, url: …)")
                continue
            self.fields(item, f"a source of {what}", ("title", "url"))
            title = self.string(item, "title", f"a source of {what}")
            url = self.string(item, "url", f"a source of {what}", required=False)
            why = sanitize.url_problem(url) if url is not None else None
            if why:
                self.p.error(self.loc(item, "url"), f"source: {why}")
                url = None
            if title:
                sanitize.check_title(title, self.loc(item, "title"), self.p)
            if title:
                out.append(Source(title, url, loc))
        return tuple(out)

    def markdown_safe(self, text: str, loc: Loc) -> None:
        """Refuse Markdown whose HTML the allowlist sanitizer would change (sanitize.py)."""
        sanitize.check_markdown(text, loc, self.p)

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
                    sanitize.check_title(v, loc, self.p)
                else:
                    self.markdown_safe(v, loc)

    # -- records -------------------------------------------------------------------------

    def site(self) -> Site | None:
        d = self.raw.site
        if d is None:
            return None
        what = "site settings"
        self.fields(
            d,
            what,
            ("languages", "as_of", "base_url", "repo_url", "home", "ui", "slug", "categories"),
        )
        langs_raw = self.req(d, "languages", what)
        languages: list[Language] = []
        if langs_raw is not _MISSING:
            if not isinstance(langs_raw, LList) or not langs_raw:
                self.p.error(self.loc(d, "languages"), "'languages' must be a non-empty list")
            else:
                for item, loc in zip(langs_raw, langs_raw.item_locs, strict=True):
                    if not isinstance(item, LDict):
                        self.p.error(loc, "each language must be a mapping (code: …, name: …)")
                        continue
                    lw = "a language"
                    self.fields(item, lw, ("code", "name", "title", "description"))
                    code = self.string(item, "code", lw)
                    name = self.string(item, "name", lw)
                    title = self.string(item, "title", lw)
                    desc = self.string(item, "description", lw) or ""
                    if code and not LANG_RE.match(code):
                        self.p.error(self.loc(item, "code"), f"invalid language code '{code}'")
                    elif code and name and title:
                        if code in {lang.code for lang in languages}:
                            self.p.error(self.loc(item, "code"), f"duplicate language '{code}'")
                        else:
                            languages.append(Language(code, name, title, desc))
        if languages:
            self.langs = tuple(lang.code for lang in languages)
        as_of = self.date(d, "as_of", what)
        base_url = self.base_url(d, what)
        home = self.text(d, "home", what) or {}
        slug = self.string(d, "slug", what, False) or "explainer"
        if not ID_RE.match(slug):
            self.p.error(
                self.loc(d, "slug"),
                f"invalid slug '{slug}': use lowercase Latin "
                "letters, digits and single hyphens (it names the offline bundle)",
            )
            slug = "explainer"
        categories = self.site_categories = self.categories(d)
        if not languages or as_of is None:
            return None
        return Site(
            tuple(languages),
            as_of,
            base_url,
            self.string(d, "repo_url", what, False),
            home,
            d.loc,
            slug,
            categories,
        )

    def labelled(self, d: LDict, key: str, what: str, extra: tuple[str, ...]) -> list[Any]:
        """A list of ``{id, label: {lang: …}, …}`` (categories, statuses): each item with
        its id and label checked, duplicates reported."""
        value = d.get(key)
        if value is None:
            return []
        if not isinstance(value, LList):
            self.p.error(self.loc(d, key), f"'{key}' in {what} must be a list ('- id: …' items)")
            return []
        out, seen = [], set()
        for item, loc in zip(value, value.item_locs, strict=True):
            if not isinstance(item, LDict):
                self.p.error(loc, f"each of '{key}' must be a mapping (id: …, label: …)")
                continue
            one = f"'{key}' of {what}"
            self.fields(item, one, ("id", "label", *extra))
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

    def categories(self, d: LDict) -> tuple[Category, ...]:
        """``categories:`` of site.yml: the kinds of timeline events."""
        out = []
        shapes = ", ".join(svg.SHAPES)
        for ident, label, item in self.labelled(
            d, "categories", "site settings", ("shape", "colour")
        ):
            shape = self.string(item, "shape", f"category '{ident}'")
            if shape is not None and shape not in svg.SHAPES:
                self.p.error(
                    self.loc(item, "shape"),
                    f"unknown shape '{shape}' of category '{ident}' (expected one of: {shapes})",
                )
                continue
            colour = self.string(item, "colour", f"category '{ident}'", required=False)
            if colour is not None and not re.match(r"^#[0-9a-fA-F]{6}$", colour):
                self.p.error(
                    self.loc(item, "colour"),
                    f"invalid colour '{colour}' of category '{ident}': write #rrggbb",
                )
                continue
            if shape is not None:
                out.append(Category(ident, label, shape, colour or svg.SHAPES[shape]))
        return tuple(out)

    def statuses(self, d: LDict) -> tuple[Status, ...]:
        """``statuses:`` of document.yml: the statuses an article can have."""
        out = []
        for ident, label, item in self.labelled(
            d, "statuses", "the document", ("document_status",)
        ):
            flag = item.get("document_status", False)
            if not isinstance(flag, bool):
                self.p.error(
                    self.loc(item, "document_status"),
                    f"'document_status' of status '{ident}' must be true or false",
                )
                flag = False
            out.append(Status(ident, label, flag))
        return tuple(out)

    def base_url(self, d: LDict, what: str) -> str | None:
        """The public address: ``base_url`` in site.yml, or the environment variable
        ``EXPLAINER_BASE_URL`` (a deploy's address) when it is set; ``None``: no address."""
        env = os.environ.get(BASE_URL_ENV, "").strip()
        if env:
            value: str | None = env
            loc = Loc(f"environment variable {BASE_URL_ENV}", 1)
        else:
            value = self.string(d, "base_url", what, required=False)
            loc = self.loc(d, "base_url")
        if value is None or value.strip() == "":
            return None
        if not BASE_URL_RE.match(value):
            self.p.error(
                loc,
                f"invalid base_url '{value}': give the site's public address, "
                "https://…/ (or leave base_url out until the site has one)",
            )
            return None
        return value if value.endswith("/") else value + "/"

    def ui(self) -> dict[str, dict[str, Any]]:
        """Each language's interface strings: the generator's (``ui.yml``) under those of
        ``ui: <lang>:`` in site.yml. A missing one is a warning (an error under --strict)
        naming the key and the file; the English string stands in for it."""
        site = self.raw.site
        path = site.loc.path if site else "content/site.yml"
        overrides = site.get("ui") if site else None
        if overrides is not None and not isinstance(overrides, LDict):
            self.p.error(self.loc(site, "ui"), "'ui' must map languages to strings (ui: kk: …)")
            overrides = None
        keys = list(self.ui_defaults.get("en", {}))
        out: dict[str, dict[str, Any]] = {}
        for lang in overrides or ():
            if lang not in self.langs:
                self.p.error(
                    overrides.key_locs[lang],
                    f"unknown language '{lang}' in 'ui' (site languages: {', '.join(self.langs)})",
                )
        for lang in self.langs:
            strings = dict(self.ui_defaults.get(lang, {}))
            own = overrides.get(lang) if overrides else None
            loc = self.loc(overrides, lang) if own is not None else site.loc if site else Loc(path)
            if own is not None and not isinstance(own, LDict):
                self.p.error(loc, f"'ui: {lang}:' must be a mapping of interface strings")
            elif own is not None:
                for key, value in own.items():
                    if key not in keys:
                        self.p.error(
                            own.key_locs[key],
                            f"unknown interface string '{key}' in 'ui: {lang}:' (the keys are "
                            "those of src/explainer/ui.yml)",
                        )
                    else:
                        strings[key] = value
            for key in keys:
                if key not in strings:
                    self.p.warning(
                        loc,
                        f"missing interface string '{key}' for language '{lang}': add it "
                        f"under 'ui: {lang}:' in {path} (the generator's own strings are in "
                        "src/explainer/ui.yml)",
                    )
                    strings[key] = self.ui_defaults["en"][key]
            out[lang] = strings
        return out

    def document(self) -> Document:
        d = self.raw.document
        if d is None:
            empty = {lang: "" for lang in self.langs}
            return Document(empty, empty, empty, (), Loc("content/document.yml"))
        what = "the document"
        self.fields(
            d,
            what,
            (
                "title",
                "official",
                "status",
                "sections",
                "editions",
                "preamble",
                "statuses",
                "banner",
            ),
        )
        sections = []
        raw_sections = d.get("sections")  # optional: a document may have no sections
        if raw_sections is not None and not isinstance(raw_sections, LList):
            self.p.error(self.loc(d, "sections"), "'sections' in the document must be a list")
        elif raw_sections is not None:
            for item, loc in zip(raw_sections, raw_sections.item_locs, strict=True):
                if not isinstance(item, LDict):
                    self.p.error(loc, "each section must be a mapping")
                    continue
                sw = "a section"
                self.fields(item, sw, ("number", "title", "first", "last", "summary"))
                num = self.integer(item, "number", sw)
                title = self.text(item, "title", sw)
                first = self.integer(item, "first", sw)
                last = self.integer(item, "last", sw)
                summary = self.text(item, "summary", sw, required=False)
                self.text_safe(item, "summary")
                if num is not None and title and first is not None and last is not None:
                    raw_summary = item.get("summary")
                    locs = dict(raw_summary.key_locs) if isinstance(raw_summary, LDict) else {}
                    sections.append(Section(num, title, first, last, summary, locs))
        empty = {lang: "" for lang in self.langs}
        preamble, preamble_sources, preamble_locs = validate_articles.preamble(self, d)
        return Document(
            self.text(d, "title", what) or empty,
            self.text(d, "official", what) or empty,
            self.text(d, "status", what) or empty,
            tuple(sections),
            d.loc,
            validate_articles.editions(self, d),
            preamble,
            preamble_sources,
            preamble_locs,
            self.statuses(d),
            banner.validate(self, d),
        )

    def topic(
        self, folder: str, meta: LDict | None, texts: dict[str, MarkdownFile | None], loc: Loc
    ) -> Topic | None:
        tid = self.ident(folder, loc, "topic")
        if meta is None:
            if loc.path not in self.raw.texts:  # a file that failed to parse is reported
                self.p.error(loc, f"topic '{folder}' has no topic.yml")
            return None
        what = f"topic '{folder}'"
        self.fields(meta, what, ("order", "as_of", "articles", "terms", "sources"))
        order = self.integer(meta, "order", what)
        as_of = self.date(meta, "as_of", what)
        articles = self.int_list(meta, "articles", what)
        terms = self.id_list(meta, "terms", what)
        sources = self.sources(meta, what)
        out: dict[str, TopicText] = {}
        for name, md in texts.items():
            if name not in self.langs and md is not None:
                self.p.error(
                    md.loc, f"'{name}.md' is not a site language ({', '.join(self.langs)})"
                )
        for lang in self.langs:
            md = texts.get(lang)
            if md is None:
                continue
            tw = f"{what} ({lang})"
            self.fields(md.meta, tw, ("title", "summary"))
            title = self.string(md.meta, "title", tw)
            summary = self.string(md.meta, "summary", tw) or ""
            self.markdown_safe(md.body, Loc(md.loc.path, md.body_line))
            for key in ("title", "summary"):
                if isinstance(md.meta.get(key), str):
                    sanitize.check_title(md.meta[key], self.loc(md.meta, key), self.p)
            if title:
                out[lang] = TopicText(lang, title, summary, md.body, md.loc, md.body_line)
        if not out:
            if texts:
                return None
            self.p.error(loc, f"{what} has no text in any language ({self.langs[0]}.md, …)")
            return None
        first = out.get(self.langs[0]) or next(iter(out.values()))
        for lang in self.langs:
            if lang not in out and lang not in texts:
                self.p.warning(
                    loc,
                    f"missing translation '{lang}' of {what}: "
                    f"add {loc.path.rsplit('/', 1)[0]}/{lang}.md",
                )
                out[lang] = TopicText(
                    lang,
                    first.title,
                    first.summary,
                    first.body,
                    first.loc,
                    first.body_line,
                    fallback=True,
                )
        if tid is None or order is None or as_of is None or len(out) < len(self.langs):
            return None
        return Topic(tid, order, as_of, articles, terms, sources, out, loc, dict(meta.key_locs))

    def history(self, d: LDict, what: str) -> tuple[HistoryEntry, ...]:
        value = d.get("history")
        if value is None:
            return ()
        if not isinstance(value, LList):
            self.p.error(self.loc(d, "history"), f"'history' in {what} must be a list")
            return ()
        out = []
        for item, loc in zip(value, value.item_locs, strict=True):
            if not isinstance(item, LDict):
                self.p.error(loc, f"each history entry of {what} must be a mapping")
                continue
            hw = f"a history entry of {what}"
            self.fields(item, hw, ("date", "kind", "text", "sources", "event"))
            date = self.date(item, "date", hw)
            kind = self.choice(item, "kind", hw, HISTORY_KINDS)
            text = self.text(item, "text", hw)
            sources = self.sources(item, hw)
            event = self.string(item, "event", hw, required=False)
            if event is not None:
                event = self.ident(event, self.loc(item, "event"), "event")
            self.text_safe(item, "text")
            if date and kind and text:
                out.append(HistoryEntry(date, kind, text, sources, loc, event))
        return tuple(sorted(out, key=lambda h: h.date.sort_key))

    def versions(
        self, d: LDict, what: str, history: tuple[HistoryEntry, ...]
    ) -> tuple[Version, ...]:
        """What the article said at chosen dates; checked against its history."""
        value = d.get("versions")
        if value is None:
            return ()
        if not isinstance(value, LList) or not value:
            self.p.error(self.loc(d, "versions"), f"'versions' in {what} must be a non-empty list")
            return ()
        out: list[Version] = []
        for item, loc in zip(value, value.item_locs, strict=True):
            if not isinstance(item, LDict):
                self.p.error(
                    loc, f"each version of {what} must be a mapping (as_of: …, text: …, sources: …)"
                )
                continue
            vw = f"a version of {what}"
            self.fields(item, vw, ("as_of", "until", "text", "sources"))
            as_of = self.date(item, "as_of", vw)
            until = self.date(item, "until", vw, required=False)
            text = self.text(item, "text", vw)
            sources = self.sources(item, vw)
            self.text_safe(item, "text")
            if as_of and until and until.sort_key <= as_of.sort_key:
                self.p.error(
                    self.loc(item, "until"),
                    f"'until' ({until.iso}) must be later than 'as_of' ({as_of.iso}) in {vw}",
                )
                continue
            if as_of and text:
                out.append(Version(as_of, until, text, sources, loc))
        out.sort(key=lambda v: v.as_of.sort_key)
        amendments = [h.date for h in history if h.kind == "amended"]

        def between(start: Any, end: Any) -> list[Any]:
            return [x for x in amendments if start.sort_key < x.sort_key <= end.sort_key]

        for prev, v in zip(out, out[1:], strict=False):
            if v.as_of.sort_key == prev.as_of.sort_key:
                self.p.error(
                    v.loc, f"two versions of {what} as of {v.as_of.iso} (first at {prev.loc})"
                )
            elif prev.until is None and not between(prev.as_of, v.as_of):
                self.p.error(
                    v.loc,
                    f"versions of {what} as of {prev.as_of.iso} and "
                    f"{v.as_of.iso} differ, but its history records no amendment "
                    "between them (add it to 'history', or give the first version "
                    f"'until: {v.as_of.iso}')",
                )
        for v in out:
            if v.until is not None:
                changed = between(v.as_of, v.until)
                if changed:
                    self.p.error(
                        v.loc,
                        f"the version of {what} as of {v.as_of.iso} says the "
                        f"wording did not change until {v.until.iso}, but its history "
                        f"records an amendment on {changed[0].iso}",
                    )
        return tuple(out)

    def choice(self, d: LDict, key: str, what: str, options: tuple[str, ...]) -> str | None:
        value = self.string(d, key, what)
        if value is not None and value not in options:
            self.p.error(
                self.loc(d, key),
                f"invalid {key} '{value}' in {what} (expected one of: {', '.join(options)})",
            )
            return None
        return value

    def article(self, d: LDict, loc: Loc, document: Document) -> Article | None:
        num = validate_articles.number(self, d)
        what = f"article {num}" if num is not None else "an article"
        self.fields(
            d,
            what,
            (
                "number",
                "section",
                "title",
                "summary",
                "status",
                "history",
                "versions",
                "topics",
                "terms",
                "official",
                "sources",
                *validate_articles.ARTICLE_FIELDS,
            ),
        )
        stem = loc.path.rsplit("/", 1)[-1].removesuffix(".yml")
        if num is not None and stem != str(num):
            self.p.error(
                self.loc(d, "number"),
                f"article number {num} does not match its file "
                f"name '{stem}.yml' (name it {num}.yml)",
            )
        # A section is named only when the document has sections.
        section = self.integer(d, "section", what, required=bool(document.sections))
        if section is not None and not document.sections:
            self.p.error(
                self.loc(d, "section"),
                f"article {num} names section {section}, but the document has no "
                "'sections' (content/document.yml): remove 'section' or add the sections",
            )
            section = None
        title = self.text(d, "title", what)
        summary = self.text(d, "summary", what)
        statuses = tuple(x.id for x in document.statuses)
        if statuses:
            status = self.choice(d, "status", what, statuses)
        else:  # the document defines no statuses: articles have none
            status = None
            if d.get("status") is not None:
                self.p.error(
                    self.loc(d, "status"),
                    f"article {num} has a status, but content/document.yml defines no "
                    "'statuses': add them there (id, label per language) or remove 'status'",
                )
        history = self.history(d, what)
        versions = self.versions(d, what, history)
        topics = self.id_list(d, "topics", what)
        terms = self.id_list(d, "terms", what)
        official = self.text(d, "official", what, required=False) or document.official
        sources = self.sources(d, what)
        extra = validate_articles.article_fields(self, d, what, history, document.editions)
        self.text_safe(d, "title", plain=True)
        self.text_safe(d, "summary")
        sanitize.check_urls(d, "official", self.p)
        if (
            num is None
            or (section is None and document.sections)
            or (status is None and statuses)
            or not title
            or not summary
        ):
            return None
        return Article(
            num,
            section,
            title,
            summary,
            status,
            history,
            topics,
            terms,
            official,
            sources,
            loc,
            dict(d.key_locs),
            versions,
            **extra,
        )

    def event(self, d: LDict, loc: Loc) -> Event | None:
        eid = self.req(d, "id", "an event")
        eid = self.ident(eid, self.loc(d, "id"), "event") if eid is not _MISSING else None
        what = f"event '{eid}'" if eid else "an event"
        self.fields(
            d,
            what,
            ("id", "date", "category", "title", "text", "articles", "topics", "note", "sources"),
        )
        date = self.date(d, "date", what)
        category = self.string(d, "category", what)
        known = tuple(c.id for c in self.site_categories)
        if category is not None and category not in known:
            self.p.error(
                self.loc(d, "category"),
                f"unknown category '{category}' in {what} ("
                + (
                    f"the categories of content/site.yml: {', '.join(known)})"
                    if known
                    else "content/site.yml defines no 'categories': add them there)"
                ),
            )
            category = None
        title = self.text(d, "title", what)
        text = self.text(d, "text", what)
        note = self.text(d, "note", what, required=False)
        sources = self.sources(d, what)
        for lang_title, title_loc in sanitize.each_text(d, "title"):
            sanitize.check_title(lang_title, title_loc, self.p, markdown_field=True)
        self.text_safe(d, "text")
        self.text_safe(d, "note", plain=True)
        if not eid or not date or not category or not title or not text:
            return None
        return Event(
            eid,
            date,
            category,
            title,
            text,
            self.int_list(d, "articles", what),
            self.id_list(d, "topics", what),
            note,
            sources,
            loc,
            dict(d.key_locs),
        )

    def term(self, d: LDict, loc: Loc) -> Term | None:
        tid = self.req(d, "id", "a term")
        tid = self.ident(tid, self.loc(d, "id"), "term") if tid is not _MISSING else None
        what = f"term '{tid}'" if tid else "a term"
        self.fields(d, what, ("id", "term", "definition", "more", "articles", "sources", "avoid"))
        term = self.text(d, "term", what)
        definition = self.text(d, "definition", what)
        more = self.text(d, "more", what, required=False)
        sources = self.sources(d, what, required=False)
        avoid = self.avoid(d, what, term or {})
        self.text_safe(d, "term", plain=True)
        self.text_safe(d, "definition")
        self.text_safe(d, "more")
        if tid:
            self.tooltip_sized(d, tid)
        if not tid or not term or not definition:
            return None
        return Term(
            tid,
            term,
            definition,
            self.int_list(d, "articles", what),
            sources,
            loc,
            dict(d.key_locs),
            avoid,
            more,
        )

    def tooltip_sized(self, d: LDict, tid: str) -> None:
        """A definition is a tooltip: one sentence of at most ``DEFINITION_WORDS`` words in
        each language (a warning, so ``--strict`` refuses it); the rest goes to ``more:``."""
        value = d.get("definition")
        if not isinstance(value, LDict):
            return
        for lang, v in value.items():
            if not isinstance(v, str) or lang not in self.langs:
                continue
            loc = value.key_locs[lang]
            n = definition_words(v)
            if n > DEFINITION_WORDS:
                self.p.warning(
                    loc,
                    f"definition of '{tid}' ({lang}) has {n} words; at most "
                    f"{DEFINITION_WORDS} — move the rest to 'more:'",
                )
            s = definition_sentences(v)
            if s > 1:
                self.p.warning(
                    loc,
                    f"definition of '{tid}' ({lang}) has {s} sentences; one sentence — "
                    "move the rest to 'more:'",
                )

    def avoid(self, d: LDict, what: str, term: dict[str, str]) -> dict[str, tuple[str, ...]]:
        """``avoid: {kk: [..], ru: [..]}``: words that must not name the term's concept."""
        value = d.get("avoid")
        if value is None:
            return {}
        if not isinstance(value, LDict):
            self.p.error(
                self.loc(d, "avoid"),
                f"field 'avoid' in {what} must map languages to lists of words",
            )
            return {}
        out: dict[str, tuple[str, ...]] = {}
        for lang, items in value.items():
            lloc = value.key_locs[lang]
            if lang not in self.langs:
                self.p.error(
                    lloc,
                    f"unknown language '{lang}' in 'avoid' of {what} "
                    f"(site languages: {', '.join(self.langs)})",
                )
                continue
            if not isinstance(items, LList):
                self.p.error(lloc, f"'avoid' of {what} must give a list of words per language")
                continue
            phrases = []
            for item, iloc in zip(items, items.item_locs, strict=True):
                if not isinstance(item, str) or not item.strip():
                    self.p.error(iloc, f"empty or invalid word in 'avoid' of {what}")
                elif lang in term and avoid_pattern(item).match(term[lang]):
                    self.p.error(
                        iloc,
                        f"'avoid' word '{item}' of {what} matches the term '{term[lang]}' itself",
                    )
                else:
                    phrases.append(" ".join(item.split()))
            out[lang] = tuple(phrases)
        return out

    def handout(self, d: LDict, loc: Loc) -> Handout | None:
        hid = self.req(d, "id", "a handout")
        hid = self.ident(hid, self.loc(d, "id"), "handout") if hid is not _MISSING else None
        what = f"handout '{hid}'" if hid else "a handout"
        self.fields(
            d,
            what,
            ("id", "title", "summary", "topics", "articles", "timeline", "editions", "pages"),
        )
        title = self.text(d, "title", what)
        summary = self.text(d, "summary", what, required=False)
        sanitize.check_plain_fields(d, ("title", "summary"), self.p)
        parts = self.handout_parts(d, what)
        articles = self.int_list(d, "articles", what)
        timeline, years = self.handout_timeline(d, what)
        editions = self.editions(d, what)
        pages = self.integer(d, "pages", what, required=False)
        if pages is not None and pages not in (1, 2):
            self.p.error(
                self.loc(d, "pages"),
                f"'pages' in {what} must be 1 or 2 (the most pages of a one-language edition)",
            )
            pages = None
        if (
            not parts
            and not articles
            and not timeline
            and not any(k in d for k in ("topics", "articles", "timeline"))
        ):
            self.p.error(
                loc, f"{what} prints nothing: give 'topics', 'articles' or 'timeline: true'"
            )
        if not hid or not title or editions is None:
            return None
        return Handout(
            hid,
            title,
            tuple(p.topic for p in parts),
            timeline,
            editions,
            loc,
            dict(d.key_locs),
            parts,
            articles,
            summary,
            years,
            pages or 2,
        )

    def handout_parts(self, d: LDict, what: str) -> tuple[HandoutPart, ...]:
        value = d.get("topics")
        if value is None:
            return ()
        if not isinstance(value, LList):
            self.p.error(self.loc(d, "topics"), f"field 'topics' in {what} must be a list")
            return ()
        out = []
        for item, loc in zip(value, value.item_locs, strict=True):
            if isinstance(item, LDict):
                self.fields(item, f"a topic of {what}", ("topic", "sections"))
                tid = self.string(item, "topic", f"a topic of {what}")
                tid = self.ident(tid, self.loc(item, "topic"), "topic") if tid else None
                sections = self.int_list(
                    item,
                    "sections",
                    f"a topic of {what}",
                    "a section number (0 is the text before the first heading)",
                )
                raw_sections = item.get("sections")
                if isinstance(raw_sections, LList):
                    for n, sloc in zip(raw_sections, raw_sections.item_locs, strict=True):
                        if isinstance(n, int) and n < 0:
                            self.p.error(
                                sloc, f"invalid section {n} in {what}: sections are numbered from 0"
                            )
                    sections = tuple(n for n in sections if n >= 0)
                if tid:
                    out.append(HandoutPart(tid, tuple(dict.fromkeys(sections)), loc))
            else:
                tid = self.ident(item, loc, "topic")
                if tid:
                    out.append(HandoutPart(tid, (), loc))
        return tuple(out)

    def handout_timeline(self, d: LDict, what: str) -> tuple[bool, tuple[int, int] | None]:
        value = d.get("timeline")
        if value is None or value is False:
            return False, None
        if value is True:
            return True, None
        if not isinstance(value, LDict):
            self.p.error(
                self.loc(d, "timeline"),
                f"'timeline' in {what} must be true or a range of years ({{from: 1995, to: 2026}})",
            )
            return False, None
        tw = f"the timeline of {what}"
        self.fields(value, tw, ("from", "to"))
        first = self.integer(value, "from", tw)
        last = self.integer(value, "to", tw)
        if first is None or last is None:
            return False, None
        if first > last:
            self.p.error(value.loc, f"empty range of years {first}–{last} in {tw}")
            return False, None
        return True, (first, last)

    def editions(self, d: LDict, what: str) -> tuple[str, ...] | None:
        """Languages (``kk``) or pairs side by side (``kk-ru``); default: every language and
        the first two side by side."""
        value = d.get("editions")
        if value is None:
            return (*self.langs, "-".join(self.langs[:2])) if len(self.langs) > 1 else self.langs
        if not isinstance(value, LList) or not value:
            self.p.error(self.loc(d, "editions"), f"'editions' in {what} must be a non-empty list")
            return None
        out: list[str] = []
        ok = True
        for item, loc in zip(value, value.item_locs, strict=True):
            langs = str(item).split("-")
            if isinstance(item, (LDict, LList)) or not (
                len(langs) in (1, 2)
                and all(x in self.langs for x in langs)
                and len(set(langs)) == len(langs)
            ):
                self.p.error(
                    loc,
                    f"unknown edition '{item}' in {what}: use a language "
                    f"({', '.join(self.langs)}) or two different ones side by side "
                    f"('{'-'.join(self.langs[:2])}')",
                )
                ok = False
            elif item in out:
                self.p.error(loc, f"duplicate edition '{item}' in {what}")
            else:
                out.append(str(item))
        return tuple(out) if ok else None

    def milestone(self, d: LDict, loc: Loc) -> Milestone | None:
        mid = self.req(d, "id", "a milestone")
        mid = self.ident(mid, self.loc(d, "id"), "milestone") if mid is not _MISSING else None
        what = f"milestone '{mid}'" if mid else "a milestone"
        self.fields(d, what, ("id", "title", "intro", "from", "to", "events"))
        title = self.text(d, "title", what)
        intro = self.text(d, "intro", what)
        start = self.date(d, "from", what, required=False)
        end = self.date(d, "to", what, required=False)
        extra = self.id_list(d, "events", what)
        self.text_safe(d, "intro")
        self.text_safe(d, "title", plain=True)
        known = declared(self.raw)[3]
        events = d.get("events")
        if isinstance(events, LList):
            for item, item_loc in zip(events, events.item_locs, strict=True):
                if isinstance(item, str) and ID_RE.match(item) and item not in known:
                    self.p.error(item_loc, f"unknown event '{item}' in 'events' of {what}")
        if start and end and _upper(end) < _lower(start):
            self.p.error(
                self.loc(d, "to"), f"'to' ({end.iso}) is before 'from' ({start.iso}) in {what}"
            )
            return None
        if not any(k in d for k in ("from", "to", "events")):
            self.p.error(d.loc, f"{what} needs a date range ('from', 'to') or a list of 'events'")
            return None
        if not mid or not title or not intro:
            return None
        return Milestone(mid, title, intro, start, end, extra, (), loc, dict(d.key_locs))

    def milestone_events(self, milestones: list[Milestone], events: list[Event]) -> list[Milestone]:
        """Each milestone's events (its date range plus its listed ids), in timeline order;
        milestones in the order of their first event."""
        valid = {e.id for e in events}
        out = []
        for m in milestones:

            def belongs(e: Event, m: Milestone = m) -> bool:
                if e.id in m.extra:
                    return True
                if m.start is None and m.end is None:
                    return False
                return (m.start is None or e.date.sort_key >= _lower(m.start)) and (
                    m.end is None or e.date.sort_key <= _upper(m.end)
                )

            chosen = [e.id for e in events if belongs(e)]
            if not chosen:
                if all(x in valid for x in m.extra):  # else an unknown id was reported
                    self.p.error(
                        m.loc,
                        f"milestone '{m.id}' selects no events: check its "
                        "'from', 'to' and 'events'",
                    )
                continue
            out.append(replace(m, events=tuple(chosen)))
        first = {e.id: e.date.sort_key for e in events}
        return sorted(out, key=lambda m: (first[m.events[0]], m.id))

    # -- whole content -------------------------------------------------------------------

    def run(self, texts: dict[str, str]) -> Content | None:
        site = self.site()
        ui = self.ui()
        document = self.document()
        sanitize.check_settings(self.raw.site, self.raw.document, self.p)
        content_site = site
        topics = [
            t
            for t in (self.topic(f, m, tx, loc) for f, (m, tx, loc) in self.raw.topics.items())
            if t
        ]
        self.raw_duplicates(self.raw.articles, "number", "article")
        self.raw_duplicates(self.raw.events, "id", "event id")
        self.raw_duplicates(self.raw.terms, "id", "term id")
        self.raw_duplicates(self.raw.handouts, "id", "handout id")
        self.raw_duplicates(self.raw.milestones, "id", "milestone id")
        articles = self.unique(
            [self.article(d, loc, document) for d, loc in self.raw.articles],
            lambda a: str(a.number),
            "article",
        )
        events = self.unique(
            [self.event(d, loc) for d, loc in self.raw.events], lambda e: e.id, "event id"
        )
        terms = self.unique(
            [self.term(d, loc) for d, loc in self.raw.terms], lambda t: t.id, "term id"
        )
        handouts = self.unique(
            [self.handout(d, loc) for d, loc in self.raw.handouts], lambda h: h.id, "handout id"
        )
        milestones = self.unique(
            [self.milestone(d, loc) for d, loc in self.raw.milestones],
            lambda m: m.id,
            "milestone id",
        )
        for path, text in texts.items():
            for n, line in enumerate(text.split("\n"), 1):
                for word in mixed_script_words(line):
                    self.p.error(Loc(path, n), describe(word))
                m = PLACEHOLDER_RE.search(line)
                if m:
                    self.p.warning(
                        Loc(path, n),
                        f"placeholder '{m.group(0)}' left from 'explainer new': write the "
                        "real text or source here",
                    )
        for loc, message in term_consistency(texts, terms, self.langs):
            self.p.error(loc, message)
        for loc, message in doubled_term_refs(texts, [t for t in terms if t], self.langs):
            self.p.warning(loc, message)
        if content_site is None:
            return None
        content = Content(
            content_site,
            document,
            sorted(topics, key=lambda t: (t.order, t.id)),
            sorted(articles, key=lambda a: article_order(a.number)),
            sorted(events, key=lambda e: (e.date.sort_key, e.id)),
            sorted(terms, key=lambda t: t.id),
            handouts,
            ui,
        )
        content.milestones = self.milestone_events(milestones, content.events)
        content.diagrams = validate_diagrams.check(self, self.raw.diagrams)
        self.references(content)
        events = {e.id for e in content.events}
        declared_events = declared(self.raw)[3]
        by_date: dict[Any, list[Any]] = {}
        for e in content.events:
            by_date.setdefault(e.date, []).append(e)
        content.articles = [
            self.history_events(a, events, declared_events, by_date) for a in content.articles
        ]
        return content

    def history_events(
        self, a: Article, events: set[str], declared_events: set[str], by_date: dict[Any, list[Any]]
    ) -> Article:
        """Tie each history entry to its timeline event: the one it names, or else the event
        of the same date (one that lists the article first). ``events``: the valid event
        ids; ``by_date``: the events of each date (built once, not per article)."""
        history = []
        for h in a.history:
            event = h.event
            if event is not None and event not in events:
                if event not in declared_events:
                    self.p.error(
                        h.loc, f"unknown event '{event}' in a history entry of article {a.number}"
                    )
                event = None
            elif event is None:
                same = sorted(
                    by_date.get(h.date, ()), key=lambda e: (a.number not in e.articles, e.id)
                )
                event = same[0].id if same else None
            history.append(dataclasses.replace(h, event=event))
        return dataclasses.replace(a, history=tuple(history))

    def raw_duplicates(self, items: list[tuple[LDict, Loc]], key: str, what: str) -> None:
        """Report every id declared twice, whether or not the records are otherwise valid."""
        seen: dict[str, Loc] = {}
        for d, loc in items:
            k = d.get(key)
            if k is None or isinstance(k, (LDict, LList)):
                continue
            if str(k) in seen:
                self.p.error(loc, f"duplicate {what} '{k}' (first defined at {seen[str(k)]})")
            else:
                seen[str(k)] = loc

    def unique(self, items: list[Any], key: Callable[[Any], str], what: str) -> list[Any]:
        """Keep the first valid record per id (duplicates were reported on the raw data)."""
        seen: set[str] = set()
        out = []
        for item in items:
            if item is None or key(item) in seen:
                continue
            seen.add(key(item))
            out.append(item)
        return out

    def references(self, c: Content) -> None:
        """Metadata references (``articles: […]``, ``topics: […]``, ``terms: […]``) must exist.

        An item that is declared but invalid has its own error already; references to it are
        not reported again."""
        arts, tops, terms, _ = declared(self.raw)

        def check(item: Any, kind: str, values: tuple[Any, ...], known: set[Any]) -> None:
            loc = item.locs.get(f"{kind}s", item.loc)
            for v in values:
                if v not in known:
                    self.p.error(loc, f"unknown {kind} '{v}' in '{kind}s'")

        for t in c.topics:
            check(t, "article", t.articles, arts)
            check(t, "term", t.terms, terms)
        for a in c.articles:
            check(a, "topic", a.topics, tops)
            check(a, "term", a.terms, terms)
            if c.document.sections and not any(s.number == a.section for s in c.document.sections):
                self.p.error(a.loc, f"unknown section {a.section} in article {a.number}")
        for e in c.events:
            check(e, "article", e.articles, arts)
            check(e, "topic", e.topics, tops)
        for tm in c.terms:
            check(tm, "article", tm.articles, arts)
        topics = {t.id: t for t in c.topics}
        for h in c.handouts:
            check(h, "topic", h.topics, tops)
            check(h, "article", h.articles, arts)
            for part in h.parts:
                if part.sections and part.topic in topics:
                    self.handout_sections(h, part, topics[part.topic])

    def handout_sections(self, h: Handout, part: HandoutPart, topic: Topic) -> None:
        """Sections are chosen by position: every language must have them, and the same
        number of them (else position 3 would be different text in different languages)."""
        counts = {
            lang: len(split_sections(topic.texts[lang].body)) - 1
            for lang in self.langs
            if not topic.texts[lang].fallback
        }
        if len(set(counts.values())) > 1:
            listed = ", ".join(f"{n} in {lang}" for lang, n in counts.items())
            self.p.error(
                part.loc,
                f"handout '{h.id}' chooses sections of topic '{topic.id}' "
                f"by position, but its languages have different numbers of '##' "
                f"sections ({listed}): give every language the same headings",
            )
            return
        n = next(iter(counts.values()), 0)
        for s in part.sections:
            if s > n:
                self.p.error(
                    part.loc,
                    f"handout '{h.id}': topic '{topic.id}' has no section "
                    f"{s} (it has {n}: 1–{n} are its '##' headings, 0 the text "
                    "before the first one)",
                )


def _lower(d: Date) -> tuple[int, int, int]:
    """The earliest day a date can mean, as a sort key."""
    return d.sort_key


def _upper(d: Date) -> tuple[int, int, int]:
    """The latest day a date can mean, as a sort key (13 and 32 stand for "any")."""
    return (d.year, d.month or 13, d.day or 32)


def declared(raw: RawContent) -> tuple[set[Any], set[str], set[str], set[str]]:
    """Ids that the content declares, valid or not: articles, topics, terms, events."""
    arts: set[Any] = set()
    for d, loc in raw.articles:
        for value in (d.get("number"), loc.path.rsplit("/", 1)[-1].removesuffix(".yml")):
            if value is not None and not isinstance(value, (LDict, LList)) and article_no(value):
                arts.add(article_no(value))
    tops = set(raw.topics)
    terms = {str(d.get("id")) for d, _ in raw.terms}
    events = {str(d.get("id")) for d, _ in raw.events}
    return arts, tops, terms, events


def validate(
    raw: RawContent, texts: dict[str, str], problems: Problems, ui: dict[str, Any]
) -> Content | None:
    """Check everything in ``raw``; return the model (``None`` if it cannot be built)."""
    return Validator(raw, problems, ui).run(texts)
