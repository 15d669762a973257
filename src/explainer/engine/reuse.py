"""Incremental builds (issue 17 item 3): a page whose inputs did not change since the last
successful build is not rendered again; its previous HTML, search entries and anchors are
reused.

What a page's HTML depends on, and what this module hashes for it:

- its Markdown (the page's own key);
- everything of its language build that every page sees (the language's key): the
  language's entry in ``explainer.yml`` (navigation, site name, interface strings) and the
  parts every language shares (default language, public address, the other languages' codes
  and names), the MkDocs config file and the file it ``INHERIT``s, the theme's
  ``custom_dir`` (``overrides/``), the list of the docs folder's files (links and the
  navigation follow it), the generator's code and the versions of MkDocs, Material and the
  Markdown extensions, ``SOURCE_DATE_EPOCH``.

A language whose key changed is rendered in full; otherwise only the pages whose Markdown
changed. Links to anchors are still checked on every page (a reused page's links and anchors
are kept), so a strict build fails where a cold one would.

The record of a build (per language: its key and, per page, the page's key, title, anchors
and links to anchors) is a file the generator writes beside the outputs: in ``site/``
(``.explainer-reuse/<lang>.json``, swapped in with the site) and, for the offline bundle,
``dist/.<bundle>.reuse.json`` (tied to the zip by its hash). Without a record, or when it
does not match, nothing is reused. The builds are told where the previous output is with
:func:`configure`; the MkDocs plugin asks :func:`plan` at each language build.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import logging
import os
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import jinja2

log = logging.getLogger("mkdocs.plugins.explainer")

STATE_DIR = ".explainer-reuse"
"""The records of the hosted site's language builds, in ``site/``."""
TEMPLATE = "explainer-reused.html"
"""The empty template a reused page is "rendered" with (MkDocs then writes nothing)."""
FORMAT = 1
PACKAGES = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2", "pygments")


@dataclass(frozen=True)
class Previous:
    """Where the previous build's output is: ``tree`` (a folder, the old ``site/``) or
    ``bundle`` (the old offline zip, its files under ``top/``), and its records (per
    language)."""

    states: dict[str, dict[str, Any]]
    tree: Path | None = None
    bundle: Path | None = None
    top: str = ""

    def reader(self) -> _Reader:
        return _Reader(self)


class _Reader:
    def __init__(self, prev: Previous) -> None:
        self.prev = prev
        self.zf = zipfile.ZipFile(prev.bundle) if prev.bundle is not None else None

    def read(self, rel: str) -> bytes | None:
        try:
            if self.zf is not None:
                return self.zf.read(f"{self.prev.top}/{rel}")
            assert self.prev.tree is not None
            return (self.prev.tree / rel).read_bytes()
        except (OSError, KeyError):
            return None


@dataclass
class Setup:
    previous: Previous | None = None
    """What may be reused (None: nothing)."""
    state_out: Path | None = None
    """Where each language build writes its record (None: reuse is off)."""


SETUP = Setup()
"""This process's setting (set by ``engine.mkdocs_build`` before a build; off by default,
e.g. for ``mkdocs serve``)."""


def configure(previous: Previous | None, state_out: Path | None) -> None:
    SETUP.previous = previous
    SETUP.state_out = state_out
    build_log = logging.getLogger("mkdocs.commands.build")
    for f in list(build_log.filters):  # left by a language build that failed
        if getattr(f, "__func__", None) is LanguageBuild._quiet:
            build_log.removeFilter(f)


def read_states(folder: Path) -> dict[str, dict[str, Any]]:
    """The records in ``folder`` (``<lang>.json``); unreadable ones are left out."""
    states: dict[str, dict[str, Any]] = {}
    if not folder.is_dir():
        return states
    for path in sorted(folder.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(data, dict) and data.get("format") == FORMAT:
            states[path.stem] = data
    return states


def site_previous(site: Path, mark: str) -> Previous | None:
    """The previous hosted site, if explainer built it (``mark``) and left its records."""
    if not (site / mark).is_file():
        return None
    states = read_states(site / STATE_DIR)
    return Previous(states, tree=site) if states else None


def bundle_previous(bundle: Path, record: Path, top: str) -> Previous | None:
    """The previous offline zip, if its record names it (by hash)."""
    try:
        data = json.loads(record.read_text(encoding="utf-8"))
        digest = hashlib.sha256(bundle.read_bytes()).hexdigest()
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("zip") != digest:
        return None
    states = {k: v for k, v in (data.get("languages") or {}).items() if v.get("format") == FORMAT}
    return Previous(states, bundle=bundle, top=top) if states else None


def bundle_record(states: dict[str, dict[str, Any]], bundle: bytes) -> bytes:
    """The offline bundle's record: the language builds' records and the zip's hash."""
    data = {"zip": hashlib.sha256(bundle).hexdigest(), "languages": states}
    return (json.dumps(data, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


# -- keys ---------------------------------------------------------------------------------


def _sha(*parts: bytes) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(hashlib.sha256(p).digest())
    return h.hexdigest()


_CODE: str | None = None


def code_version() -> str:
    """The generator's code and the engine's packages (computed once per process)."""
    global _CODE
    if _CODE is None:
        pkg = Path(__file__).resolve().parent.parent
        parts = []
        for path in sorted(pkg.rglob("*")):
            if path.is_file() and path.suffix in (".py", ".yml", ".html", ".css", ".js"):
                parts.append(path.relative_to(pkg).as_posix().encode() + b"\0" + path.read_bytes())
        for name in PACKAGES:
            try:
                parts.append(f"{name}=={importlib.metadata.version(name)}".encode())
            except importlib.metadata.PackageNotFoundError:
                parts.append(f"{name}: none".encode())
        _CODE = _sha(*parts)
    return _CODE


def _tree(folder: Path) -> list[bytes]:
    out = []
    if folder.is_dir():
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                out.append(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return out


def _config_files(path: Path) -> list[bytes]:
    out = []
    seen: set[Path] = set()
    while path.is_file() and path not in seen:
        seen.add(path)
        text = path.read_bytes()
        out.append(text)
        parent = next(
            (
                line.split(b":", 1)[1].strip()
                for line in text.splitlines()
                if line.startswith(b"INHERIT:")
            ),
            None,
        )
        if not parent:
            break
        path = path.parent / parent.decode("utf-8").strip("'\"")
    return out


def language_key(config: Any, settings: dict[str, Any], lang: str, files: Any) -> str:
    """What every page of language ``lang``'s build depends on (see the module)."""
    shared = {k: v for k, v in settings.items() if k != "languages"}
    langs = [{"code": x["code"], "name": x["name"]} for x in settings["languages"]]
    mine = next(x for x in settings["languages"] if x["code"] == lang)
    meta = json.dumps([shared, langs, mine], sort_keys=True, ensure_ascii=False)
    custom = config.theme.custom_dir
    listing = "\n".join(sorted(f.src_uri for f in files))
    return _sha(
        code_version().encode(),
        meta.encode("utf-8"),
        *_config_files(Path(config.config_file_path)),
        *(_tree(Path(custom)) if custom else []),
        listing.encode("utf-8"),
        os.environ.get("SOURCE_DATE_EPOCH", "").encode(),
        str(config.site_url).encode(),
        str(config.use_directory_urls).encode(),
        str(config.strict).encode(),  # a page that warned is rendered again in a strict build
    )


# -- one language build -------------------------------------------------------------------


@dataclass
class LanguageBuild:
    """Reuse in one MkDocs build of one language (made by :func:`plan`)."""

    lang: str
    root: str
    """The language's folder below the output's root (``""``, ``"ru/"``)."""
    key: str
    keys: dict[str, str]
    """Page key by source path."""
    old: dict[str, Any] = field(default_factory=dict)
    """Reusable pages: source path -> its record, with ``html`` (bytes) and ``entries``."""
    files: Any = None
    previous: dict[str, Any] = field(default_factory=dict)
    """The previous build's records of the pages."""

    def env(self, env: jinja2.Environment, config: Any) -> jinja2.Environment:
        """Called once every page is read. A page rendered again whose title or front
        matter changed changes the navigation of every page: then no page is reused."""
        if self.old and self._nav_changed():
            self._render_all(config)
        if self.old:
            env.loader = jinja2.ChoiceLoader(
                [jinja2.DictLoader({TEMPLATE: ""}), env.loader or jinja2.DictLoader({})]
            )
            logging.getLogger("mkdocs.commands.build").addFilter(self._quiet)
        return env

    def _quiet(self, record: logging.LogRecord) -> bool:
        """MkDocs' "Page skipped … empty output" is not news for a reused page."""
        msg = record.getMessage()
        return not (msg.startswith("Page skipped: '") and msg.split("'")[1] in self.old)

    def _nav_changed(self) -> bool:
        for f in self.files.documentation_pages():
            if f.src_uri in self.old or f.page is None:
                continue
            rec = self.previous.get(f.src_uri)
            if rec is None or _signature(f.page) != (rec.get("title"), rec.get("meta")):
                return True
        return False

    def _render_all(self, config: Any) -> None:
        from mkdocs.commands.build import _populate_page

        log.info("The navigation of '%s' changed: every page is rendered again", self.lang)
        stubbed = [self.files.get_file_from_path(src).page for src in sorted(self.old)]
        self.old.clear()
        for page in stubbed:
            del page.read_source, page.render  # the class's own methods again
            _populate_page(page, config, self.files)

    def pre_page(self, page: Any) -> None:
        """A reusable page: reading and rendering it only restore what the last build
        found in it; its template is the empty one."""
        rec = self.old.get(page.file.src_uri)
        if rec is None:
            return
        files = self.files

        def read_source(config: Any) -> None:
            page.markdown = ""
            meta = json.loads(rec.get("meta") or "{}")
            page.meta = {**meta, "template": TEMPLATE, "search": {"exclude": True}}

        def render(config: Any, _files: Any) -> None:
            page.content = ""
            page._title_from_render = rec.get("render_title")
            page.present_anchor_ids = set(rec.get("anchors") or ())
            links = {}
            for src, anchors in (rec.get("links") or {}).items():
                target = files.get_file_from_path(src)
                if target is not None:
                    links[target] = dict(anchors)
            page.links_to_anchors = links

        page.read_source = read_source
        page.render = render

    def page_context(self, page: Any, plugins: Any) -> None:
        """The reused page's search entries, where the search plugin would have put them."""
        rec = self.old.get(page.file.src_uri)
        if rec is None:
            return
        for name, plugin in plugins.items():
            if name.split("/")[-1] == "search" and hasattr(plugin, "search_index"):
                plugin.search_index.entries.extend(rec["entries"])

    def post_build(self, site_dir: Path) -> None:
        """Put the reused pages in place, and write this build's record."""
        logging.getLogger("mkdocs.commands.build").removeFilter(self._quiet)
        for src, rec in self.old.items():
            f = self.files.get_file_from_path(src)
            dest = Path(site_dir) / f.dest_uri
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(rec["html"])
        if SETUP.state_out is None:
            return
        pages = {}
        for f in self.files.documentation_pages():
            p = f.page
            if p is None:
                continue
            links = {
                t.src_uri: dict(sorted(a.items())) for t, a in (p.links_to_anchors or {}).items()
            }
            title, meta = _signature(p)
            if f.src_uri in self.old:  # its front matter as it was, not the stub's
                title, meta = self.old[f.src_uri]["title"], self.old[f.src_uri]["meta"]
            pages[f.src_uri] = {
                "key": self.keys.get(f.src_uri),
                "title": title,
                "meta": meta,
                "render_title": p._title_from_render,
                "anchors": sorted(p.present_anchor_ids or ()),
                "links": dict(sorted(links.items())),
                "url": f.url,
            }
        state = {"format": FORMAT, "lang": self.lang, "key": self.key, "pages": pages}
        SETUP.state_out.mkdir(parents=True, exist_ok=True)
        out = SETUP.state_out / f"{self.lang}.json"
        out.write_text(json.dumps(state, sort_keys=True, ensure_ascii=False), encoding="utf-8")

    @property
    def reused(self) -> list[str]:
        return sorted(self.old)


def _signature(page: Any) -> tuple[str | None, str]:
    """What the navigation of every page shows of ``page``: its title and front matter."""
    meta = json.dumps(page.meta or {}, sort_keys=True, ensure_ascii=False, default=str)
    return page.title, meta


def _entries(reader: _Reader, root: str) -> dict[str, list[Any]] | None:
    """The previous search entries of a language, grouped by page URL."""
    data = reader.read(f"{root}search/search_index.json")
    if data is None:
        js = reader.read(f"{root}search/search_index.js")  # the offline bundle inlines it
        prefix = b"var __index = "
        if js is None or not js.startswith(prefix):
            return None
        data = js[len(prefix) :]
    try:
        docs = json.loads(data)["docs"]
    except (ValueError, KeyError, TypeError):
        return None
    by_page: dict[str, list[Any]] = {}
    for entry in docs:
        by_page.setdefault(str(entry["location"]).split("#", 1)[0], []).append(entry)
    return by_page


def plan(
    config: Any, settings: dict[str, Any], lang: str, files: Any, root: str
) -> LanguageBuild | None:
    """Which pages of this language build can be reused (None when reuse is off)."""
    if SETUP.state_out is None:
        return None
    pages = list(files.documentation_pages())
    key = language_key(config, settings, lang, files)
    keys = {
        f.src_uri: _sha(key.encode(), f.src_uri.encode(), Path(f.abs_src_path).read_bytes())
        for f in pages
    }
    build = LanguageBuild(lang, root, key, keys, files=files)
    prev = SETUP.previous
    state = prev.states.get(lang) if prev is not None else None
    if prev is not None and state is not None and state.get("key") == key:
        build.previous = state.get("pages") or {}
        build.old = _reusable(prev, state, pages, keys, root)
    log.info(
        "Reusing %d of %d pages of '%s' (unchanged since the last build)",
        len(build.old),
        len(pages),
        lang,
    )
    return build


def _reusable(
    prev: Previous, state: dict[str, Any], pages: list[Any], keys: dict[str, str], root: str
) -> dict[str, Any]:
    """The pages whose key is the one recorded, with their previous HTML and entries."""
    reader = prev.reader()
    entries = _entries(reader, root)
    if entries is None:
        return {}
    old_pages = state.get("pages") or {}
    old: dict[str, Any] = {}
    for f in pages:
        rec = old_pages.get(f.src_uri)
        if rec is None or rec.get("key") != keys[f.src_uri] or rec.get("url") != f.url:
            continue
        html = reader.read(root + f.dest_uri)
        if html is not None:
            url = "" if f.url in (".", "./") else f.url  # the page's URL, as in the index
            old[f.src_uri] = {**rec, "html": html, "entries": entries.get(url, [])}
    return old


# -- the offline zip ----------------------------------------------------------------------


def copy_member(
    out: zipfile.ZipFile, old: zipfile.ZipFile, info: zipfile.ZipInfo, data: bytes
) -> bool:
    """Write ``info`` (``data``) into ``out`` with the compressed bytes of the same member
    of the previous zip ``old``, if it holds exactly these bytes (deflate at one level gives
    the same bytes for the same input, so the zip is what compressing again would give).
    False if it does not: then the caller compresses it."""
    prev = old.NameToInfo.get(info.filename)
    if (
        prev is None
        or prev.file_size != len(data)
        or prev.compress_type != info.compress_type
        or prev.CRC != zlib.crc32(data)
        or old.read(prev) != data  # not just the same checksum
    ):
        return False
    src = cast(Any, old).fp
    src.seek(prev.header_offset)
    head = src.read(30)
    if head[:4] != b"PK\x03\x04":
        return False
    name_len, extra_len = struct.unpack("<HH", head[26:30])
    src.seek(prev.header_offset + 30 + name_len + extra_len)
    raw = src.read(prev.compress_size)
    # What ZipFile.writestr does, with the compressed bytes already made.
    w = cast(Any, out)
    info.file_size, info.compress_size, info.CRC = len(data), prev.compress_size, prev.CRC
    info.flag_bits = 0
    w.fp.seek(w.start_dir)
    info.header_offset = w.fp.tell()
    w._writecheck(info)
    w._didModify = True
    w.fp.write(info.FileHeader(info.file_size * 1.05 > zipfile.ZIP64_LIMIT))
    w.fp.write(raw)
    w.start_dir = w.fp.tell()
    out.filelist.append(info)
    out.NameToInfo[info.filename] = info
    return True
