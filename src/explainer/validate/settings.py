"""The settings records: site.yml (languages, categories, interface strings) and
document.yml (title, sections, statuses)."""

from __future__ import annotations

import os
import re
from typing import Any, cast

from explainer.content_schema import names
from explainer.load import LDict, LList
from explainer.model import (
    Category,
    Document,
    Language,
    Section,
    Site,
    Status,
)
from explainer.problems import Loc
from explainer.render import banner, svg
from explainer.validate import articles as validate_articles
from explainer.validate.fields import (
    _MISSING,
    BASE_URL_ENV,
    BASE_URL_RE,
    ID_RE,
    LANG_RE,
    Fields,
)


class SettingsChecks(Fields):
    """Checks of content/site.yml and content/document.yml."""

    def site(self) -> Site | None:
        d = self.raw.site
        if d is None:
            return None
        what = "site settings"
        self.fields(d, what, names("site"))
        langs_raw = self.req(d, "languages", what)
        languages: list[Language] = []
        if langs_raw is not _MISSING:
            if not isinstance(langs_raw, LList) or not langs_raw:
                self.p.error(self.loc(d, "languages"), "'languages' must be a non-empty list")
            else:
                for item, _loc in self.each_mapping(
                    langs_raw, "each language must be a mapping (code: …, name: …)"
                ):
                    lw = "a language"
                    self.fields(item, lw, names("language"))
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

    def categories(self, d: LDict) -> tuple[Category, ...]:
        """``categories:`` of site.yml: the kinds of timeline events."""
        out = []
        shapes = ", ".join(svg.SHAPES)
        for ident, label, item in self.labelled(d, "categories", "site settings", "category"):
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
        for ident, label, item in self.labelled(d, "statuses", "the document", "status"):
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
            self.p.error(
                self.loc(cast(LDict, site), "ui"), "'ui' must map languages to strings (ui: kk: …)"
            )
            overrides = None
        keys = list(self.ui_defaults.get("en", {}))
        out: dict[str, dict[str, Any]] = {}
        for lang in overrides or ():
            if lang not in self.langs:
                self.p.error(
                    cast(LDict, overrides).key_locs[lang],
                    f"unknown language '{lang}' in 'ui' (site languages: {', '.join(self.langs)})",
                )
        for lang in self.langs:
            strings = dict(self.ui_defaults.get(lang, {}))
            own = overrides.get(lang) if overrides else None
            loc = (
                self.loc(cast(LDict, overrides), lang)
                if own is not None
                else site.loc
                if site
                else Loc(path)
            )
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
        self.fields(d, what, names("document"))
        sections = []
        raw_sections = d.get("sections")  # optional: a document may have no sections
        if raw_sections is not None and not isinstance(raw_sections, LList):
            self.p.error(self.loc(d, "sections"), "'sections' in the document must be a list")
        elif raw_sections is not None:
            for item, _loc in self.each_mapping(raw_sections, "each section must be a mapping"):
                sw = "a section"
                self.fields(item, sw, names("section"))
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
