"""The MkDocs adapter: one ``mkdocs build`` builds every language of the explainer.

The generator writes plain Markdown per language (``docs/<lang>/``) and a small settings
file (``docs/explainer.yml``: per-language site name and navigation). This plugin reads that
file and, for the default language (the root build), sets the navigation and interface
language; after the root build it runs one complete, independent MkDocs build per other
language into ``site/<lang>/``. Every language therefore gets its own interface language,
``<html lang>``, navigation and search index; the language switch and the ``hreflang``
alternates point at the same page in the other languages.

Nothing else in the project imports MkDocs: moving to another engine means replacing this
file.
"""

from __future__ import annotations

import html
import logging
import re
import sys
from pathlib import Path
from typing import Any, cast

import jinja2
import yaml
from mkdocs.commands.build import build
from mkdocs.config import base, load_config
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents
from mkdocs.utils.templates import TemplateContext

from explainer import layout
from explainer.engine import anchors, htmlpost, offline, reuse
from explainer.render import tables
from explainer.write import MANIFEST, read_manifest

log = logging.getLogger("mkdocs.plugins.explainer")

LANG_KEY = "explainer_lang"


class _SharedBytecode(jinja2.BytecodeCache):
    """Compiled theme templates, kept in memory and shared by every MkDocs build of this
    process: one ``explainer build`` runs a build per language, twice (the site and the
    offline bundle), each with a new Jinja environment that would compile Material's
    templates again. Jinja checks each template's source checksum before reusing it."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self.store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


SHARED_BYTECODE = _SharedBytecode()


class ExplainerConfig(base.Config):
    settings = c.Optional(c.Type(str))
    """Path of the generated settings file; default: ``explainer.yml`` beside ``docs_dir``."""
    content = c.Type(str, default="content")
    """The content folder, watched by ``mkdocs serve`` (relative to the config file)."""
    search = c.Type(dict, default={})
    """Per-language settings of the search plugin (``lang``, ``pipeline``, ``separator``),
    keyed by language code, e.g. ``{ru: {pipeline: [stemmer, stopWordFilter]}}``; what is not
    set here comes from the theme's language file, as usual."""


SEARCH_KEYS = ("lang", "pipeline", "separator")
SEARCH_PIPELINE = ("stemmer", "stopWordFilter", "trimmer")

SEARCH_EXCLUDE_RE = re.compile(
    r'<(?:(?:p|div) class="az-(?:banner|asof|parallel-link|facts|handouts|cite-line|print-line)"'
    r'|h2 id="(?:cited-in|sources)")'
)
"""What the search index leaves out: a page's status boilerplate (the banner saying the 1995
text lost force, the "as of" line, the parallel-text link, the facts list, the handout links,
the "copy citation" and "print" buttons),
which would otherwise be the result snippet of every article, and the "cited in" and "sources"
sections, which list the titles of other pages and documents (a search for one page's subject
would find every page citing it).
Material's search plugin skips an element, or a heading's whole section, marked
``data-search-exclude``."""


class ExplainerPlugin(BasePlugin[ExplainerConfig]):
    def __init__(self) -> None:
        self.settings: dict[str, Any] = {}
        self.lang = ""
        self.root_site_dir = ""
        self.root_docs_dir = ""
        self.serving = False
        self.reuse: reuse.LanguageBuild | None = None

    # -- helpers -------------------------------------------------------------------------

    def _settings_path(self, config: MkDocsConfig) -> Path:
        if self.config.settings:
            return Path(config.config_file_path).parent / self.config.settings
        return Path(config.docs_dir).parent / "explainer.yml"

    # -- MkDocs events -------------------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def _configure_search(self, config: MkDocsConfig) -> None:
        """Give the search plugin this language's settings (before it reads them)."""
        settings = self.config.search.get(self.lang) or {}
        unknown = sorted(set(settings) - set(SEARCH_KEYS))
        if unknown:
            raise PluginError(
                f"explainer.search.{self.lang}: unknown setting(s) "
                f"{', '.join(unknown)}; expected {', '.join(SEARCH_KEYS)}"
            )
        bad = sorted(set(settings.get("pipeline") or ()) - set(SEARCH_PIPELINE))
        if bad:
            raise PluginError(
                f"explainer.search.{self.lang}.pipeline: unknown step(s) "
                f"{', '.join(bad)}; expected {', '.join(SEARCH_PIPELINE)}"
            )
        for name, plugin in config.plugins.items():
            if name.split("/")[-1] == "search":
                for key, value in settings.items():
                    if key == "lang" and isinstance(value, str):
                        value = [value]
                    plugin.config[key] = value

    # Before the search plugin: it reads its defaults from the interface language set here.
    @event_priority(50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        path = self._settings_path(config)
        if not path.is_file():
            raise SystemExit(
                f"{path}: not found; run 'explainer build' (it writes the docs "
                "and this file) instead of calling MkDocs directly"
            )
        self.settings = yaml.safe_load(path.read_text(encoding="utf-8"))
        self.lang = config.extra.get(LANG_KEY) or self.settings["default"]
        config.extra[LANG_KEY] = self.lang
        lang = next(x for x in self.settings["languages"] if x["code"] == self.lang)
        # Material prints these into HTML as they are (the header, <title>, the meta
        # description, the language switch): escape the content's text here.
        config.site_name = html.escape(lang["site_name"], quote=True)
        config.site_description = html.escape(lang["site_description"], quote=True)
        config.theme["language"] = self.lang
        self._configure_search(config)
        config.nav = lang["nav"]
        # Reader-facing strings of this language: the heading links' title, the 404 page.
        ui = lang.get("ui") or {}
        toc = config.mdx_configs.get("toc")
        if toc is not None:
            # Readable heading ids in every script; the old ids kept (engine/anchors.py).
            toc = config.mdx_configs["toc"] = {**toc, "slugify": anchors.slugify}
            # MkDocs types the list as names; Markdown takes an Extension object as well.
            cast(list[Any], config.markdown_extensions).append(anchors.LegacyAnchors())
        if toc and toc.get("permalink") and "permalink" in ui:
            config.mdx_configs["toc"] = {**toc, "permalink_title": ui["permalink"]}
        config.extra["explainer_ui"] = ui
        if self.settings.get("not_in_nav"):
            # Pages reached from other pages only (side-by-side pages): not in the nav.
            config.not_in_nav = c.PathSpec().validate("\n".join(self.settings["not_in_nav"]))
        self._check_site_url(config)
        base = self.settings.get("site_url")
        default = self.settings["default"]
        config.site_url = layout.public_root(base, self.lang, default) if base else None
        # hreflang alternates of every page, in sitemap.xml (overrides/sitemap.xml)
        config.extra["explainer_sites"] = (
            [
                {"lang": x["code"], "url": layout.public_root(base, x["code"], default)}
                for x in self.settings["languages"]
            ]
            if base
            else []
        )
        # The 404 page is served at any depth: its links start at the server's root.
        config.extra["explainer_home"] = layout.home_path(base, self.lang, default)
        config.extra["alternate"] = [
            {
                "name": html.escape(x["name"], quote=True),
                "lang": x["code"],
                "link": layout.prefix(self.lang, x["code"], default) or "./",
            }
            for x in self.settings["languages"]
        ]
        return config

    def _check_site_url(self, config: MkDocsConfig) -> None:
        """The public address is ``base_url`` in content/site.yml, and only there: a
        ``site_url`` in the MkDocs config that says otherwise is an error."""
        given = config.site_url
        base = self.settings.get("site_url")
        if not given or (base and given.rstrip("/") + "/" == base):
            return
        path = Path(config.config_file_path)
        text = path.read_text(encoding="utf-8") if path.is_file() else ""
        line = next((n for n, x in enumerate(text.split("\n"), 1) if x.startswith("site_url:")), 1)
        raise PluginError(
            f"{path.name}:{line}: site_url '{given}' is not the base_url of content/site.yml "
            f"({base or 'not set'}): remove site_url from {path.name}; the public address "
            "is set once, as base_url in content/site.yml (or EXPLAINER_BASE_URL)"
        )

    def on_env(
        self, env: jinja2.Environment, *, config: MkDocsConfig, files: Any
    ) -> jinja2.Environment:
        if env.bytecode_cache is None:
            env.bytecode_cache = SHARED_BYTECODE
        return self.reuse.env(env, config) if self.reuse else env

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Any) -> Page:
        if self.reuse:  # incremental build: a page whose inputs did not change is reused
            self.reuse.pre_page(page)
        return page

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        # The language switch and hreflang alternates lead to the same page.
        config.extra["alternate"] = [
            {
                "name": html.escape(x["name"], quote=True),
                "lang": x["code"],
                "link": layout.same_page_in(
                    self.lang, x["code"], page.url, self.settings["default"]
                ),
            }
            for x in self.settings["languages"]
        ]
        if self.reuse:
            self.reuse.page_context(page, config.plugins)
        return context

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Any) -> str:
        # Before the search plugin reads the page (on_page_context). Wide tables get their
        # column labels on every cell, to reflow on a phone (render/tables.py).
        html = tables.stack(html)
        # A page's front matter may shorten its table of contents (the timeline lists its
        # years, not every event under them): headings below toc_depth stay in the page.
        depth = page.meta.get("toc_depth")
        if isinstance(depth, int) and page.toc is not None:
            shorten_toc(page.toc, depth)
        return SEARCH_EXCLUDE_RE.sub(lambda m: m.group(0) + " data-search-exclude", html)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        codes = [x["code"] for x in self.settings["languages"]]
        roots = layout.root_map(codes, self.settings["default"])
        here = layout.url_path(self.lang, self.settings["default"], page.url)

        def sub(m: re.Match[str]) -> str:
            target = html.unescape(m.group("target"))
            href = layout.resolve_xlink(target, here, config.use_directory_urls, roots)
            return f'{m.group("attr")}{html.escape(href)}"'

        # Links between language builds; rel="noopener" on links to other sites; quoted
        # Kazakh marked lang="kk".
        return htmlpost.finish(layout.XLINK_RE.sub(sub, output))

    def on_post_template(
        self, output_content: str, *, template_name: str, config: MkDocsConfig
    ) -> str:
        # The 404 page is a theme template, not a page.
        if template_name.endswith(".html"):
            return htmlpost.finish(output_content)
        return output_content

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        content = Path(config.config_file_path).parent / self.config.content
        if content.is_dir():
            server.watch(str(content))
        return server

    def on_files(self, files: Any, *, config: MkDocsConfig) -> Any:
        """Publish only the pages the generator wrote: a hand-written page in
        ``docs/<lang>/`` stays on disk (the generator never deletes it) but is neither
        built nor indexed (``explainer build`` names it; pages belong in ``content/``)."""
        docs = Path(config.docs_dir)
        owned = read_manifest(docs.parent, MANIFEST)
        for f in list(files.documentation_pages()) if owned else []:
            rel = f"{docs.name}/{f.src_uri}"
            if rel not in owned:
                files.remove(f)
        root = layout.lang_root(self.lang, self.settings["default"])
        self.reuse = reuse.plan(config, self.settings, self.lang, files, root)
        return files

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.serving and self.lang == self.settings["default"]:
            # Live preview: regenerate docs/ from content/ before every rebuild.
            from explainer.pipeline import regenerate

            regenerate(Path(config.config_file_path).parent, _to_stderr)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.reuse:
            self.reuse.post_build(Path(config.site_dir))
        if not config.site_url:  # no public address: no sitemap of made-up addresses
            for name in ("sitemap.xml", "sitemap.xml.gz"):
                (Path(config.site_dir) / name).unlink(missing_ok=True)
        if self.lang != self.settings["default"]:
            return
        docs_root = Path(config.docs_dir).parent
        site_root = Path(config.site_dir)
        for lang in self.settings["languages"]:
            code = lang["code"]
            if code == self.lang:
                continue
            log.info("Building language '%s'", code)
            cfg = load_config(
                config_file=config.config_file_path,
                docs_dir=str(docs_root / code),
                site_dir=str(site_root / layout.lang_root(code, self.settings["default"])),
                strict=config.strict,
                use_directory_urls=config.use_directory_urls,
            )
            cfg.extra[LANG_KEY] = code
            build(cfg, dirty=False)
        if not config.extra.get("offline"):  # the offline bundle does this when pruned
            # Material's and our CSS and JavaScript, the same in every language: one copy.
            codes = [x["code"] for x in self.settings["languages"]]
            offline.share_assets(site_root, layout.lang_roots(codes, self.settings["default"]))


def shorten_toc(toc: TableOfContents, depth: int) -> None:
    """Leave out of ``toc`` the headings below level ``depth`` (the headings themselves and
    their anchors stay in the page)."""
    stack = list(toc)
    while stack:
        item = stack.pop()
        if item.level >= depth:
            item.children = []
        stack.extend(item.children)


def _to_stderr(line: str) -> None:
    print(line, file=sys.stderr)
