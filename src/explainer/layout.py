"""Where everything lives: the one module that knows the docs paths, the language roots, the
page URLs (clean on the hosted site, ``.html`` files offline), the public addresses, the
handout PDFs and the links between language builds.

Three kinds of location, from the inside out:

- a **docs path** is where a page lives in one language's docs folder (``topics/x.md``);
  these are citations, so they never change (``topic``, ``article``, … below);
- a **site path** is where the page is served below the site's root: the language's root
  (the default language at the root, every other one in ``<lang>/``) and then the page's URL
  in its build (``ru/topics/x/`` with clean URLs, ``ru/topics/x.html`` offline);
- a **public URL** is the site path below the site's public address (``base_url`` of
  ``content/site.yml``, the only place it is set; MkDocs' ``site_url`` is made from it).

Nothing else in the package joins a language to a path, turns a docs path into a URL or
names the handout folder: ``tests/test_layout.py`` checks it. Pure: no disk, no MkDocs.
"""

from __future__ import annotations

import html
import posixpath
import re
import urllib.parse
from collections.abc import Iterable, Mapping

from explainer.text.markdown import MD_LINK_RE

# -- docs paths: where each page lives in a language's docs folder -----------------------

HOME = "index.md"
TOPICS = "topics/index.md"
ARTICLES = "articles/index.md"
TIMELINE = "timeline.md"
GLOSSARY = "glossary.md"


def topic(tid: str) -> str:
    return f"topics/{tid}.md"


def article(number: int | str) -> str:
    return f"articles/{number}.md"


EDITIONS = "editions/index.md"
PREAMBLE = "preamble.md"
TO_2026 = "to-2026.md"
"""Every article of the 1995 text beside its counterparts in the 2026 Constitution."""


def edition(iso: str) -> str:
    """The page of one edition of the document (``editions/2007-05-21/``)."""
    return f"editions/{iso}.md"


def section(number: int) -> str:
    """The page of one section of the document (``sections/7/``)."""
    return f"sections/{number}/index.md"


def term_anchor(tid: str) -> str:
    return f"{GLOSSARY}#{tid}"


def milestone(mid: str) -> str:
    """A focused timeline's page, beside the whole timeline."""
    return f"timeline/{mid}.md"


def event_anchor(eid: str) -> str:
    return f"{TIMELINE}#{eid}"


PARALLEL = "parallel/"
"""Folder of the side-by-side pages (kept out of the navigation and the search index)."""


def parallel_topic(tid: str) -> str:
    return f"{PARALLEL}topics/{tid}.md"


def parallel_article(number: int | str) -> str:
    return f"{PARALLEL}articles/{number}.md"


DATA = "data/"
"""Folder of the open-data export, in the default language's docs (and so at the site's
root): ``data/<lang>.json`` for every language."""


def data_file(lang: str) -> str:
    """The open-data export of ``lang``, relative to the default language's docs folder."""
    return f"{DATA}{lang}.json"


def docs_file(lang: str, docs_path: str) -> str:
    """A file relative to the docs folder: every language, the default one too, has its
    own folder there (``docs/<lang>/``); only the built site puts the default at the root."""
    return f"{lang}/{docs_path}"


# -- language roots ----------------------------------------------------------------------


def lang_root(lang: str, default: str) -> str:
    """Where a language's build lives below the site root: the default language at the root,
    every other one in ``<lang>/``."""
    return "" if lang == default else f"{lang}/"


def lang_roots(codes: Iterable[str], default: str) -> list[str]:
    """The roots of every language build, the default language's (``""``) first."""
    codes = list(codes)
    return [lang_root(default, default)] + [lang_root(c, default) for c in codes if c != default]


def root_map(codes: Iterable[str], default: str) -> dict[str, str]:
    """Language code -> its root (see ``lang_root``)."""
    return {c: lang_root(c, default) for c in codes}


def prefix(from_lang: str, to_lang: str, default: str) -> str:
    """The path from the root of ``from_lang``'s build to the root of ``to_lang``'s
    (``""`` for the same build, ``../`` from a language folder to the site's root)."""
    if from_lang == to_lang:
        return ""
    up = "../" * lang_root(from_lang, default).count("/")
    return up + lang_root(to_lang, default)


# -- page URLs ----------------------------------------------------------------------------


def page_url(docs_path: str, directory_urls: bool = True) -> str:
    """The URL (relative to its language's root) of a page, as MkDocs gives it:
    ``topics/x.md`` is ``topics/x/`` with clean URLs (the hosted site) and ``topics/x.html``
    without (the offline bundle); an ``index.md`` is its folder (``index.html`` offline).
    A ``#anchor`` is kept; a path that is not Markdown (a file) stays as it is."""
    path, _, anchor = docs_path.partition("#")
    tail = f"#{anchor}" if anchor else ""
    if not path.endswith(".md"):
        return path + tail
    stem = path[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        base = stem[: -len("index")]
        return (base if directory_urls else base + "index.html") + tail
    return (stem + "/" if directory_urls else stem + ".html") + tail


def site_path(lang: str, default: str, docs_path: str, directory_urls: bool = True) -> str:
    """Where the page at ``docs_path`` of ``lang`` is served, relative to the site's root."""
    return lang_root(lang, default) + page_url(docs_path, directory_urls)


def url_path(lang: str, default: str, url: str) -> str:
    """The absolute path on the site of ``url`` (relative to ``lang``'s root, as MkDocs
    gives a page's URL): ``/ru/topics/x/``."""
    return "/" + lang_root(lang, default) + url


def public_root(base_url: str, lang: str, default: str) -> str:
    """The public address of ``lang``'s build (MkDocs' ``site_url`` of that build)."""
    return base_url + lang_root(lang, default)


def public_url(base_url: str | None, lang: str, default: str, docs_path: str) -> str | None:
    """The public address of a page (clean URLs); ``None`` when the site has no
    ``base_url`` yet."""
    if base_url is None:
        return None
    return base_url + site_path(lang, default, docs_path)


def home_path(base_url: str | None, lang: str, default: str) -> str:
    """The absolute path of ``lang``'s home on the server (the 404 page, served at any
    depth, starts its links there): below the public address's path, else below ``/``."""
    if base_url:
        return urllib.parse.urlsplit(public_root(base_url, lang, default)).path
    return "/" + lang_root(lang, default)


# -- relative links -----------------------------------------------------------------------


def rel(from_page: str, to: str) -> str:
    """Relative Markdown link from one generated page to another (MkDocs resolves it)."""
    path, _, anchor = to.partition("#")
    if path == from_page:
        target = ""
    else:
        target = posixpath.relpath(path, posixpath.dirname(from_page) or ".")
    return target + (f"#{anchor}" if anchor else "")


def relative_url(here: str, there: str) -> str:
    """The relative URL, on the page at site path ``here`` (``/ru/topics/x/``), of the site
    path ``there``; a folder keeps its ``/``, the same folder is ``./``."""
    here_dir = here if here.endswith("/") else posixpath.dirname(here) + "/"
    out = posixpath.relpath(there, here_dir)
    if there.endswith("/") and out != "." and not out.endswith("/"):
        out += "/"
    return "./" if out == "." else out


def same_page_in(lang: str, to_lang: str, url: str, default: str) -> str:
    """Relative link from the page at ``url`` (relative to its language's root) of
    ``lang``'s build to the same page in ``to_lang``'s (the language switch)."""
    return relative_url(url_path(lang, default, url), url_path(to_lang, default, url))


XLINK = "explainer:"
"""Prefix of a page reference, a link that does not depend on the page it is on nor on the
output: ``explainer:<lang>/<docs path>#anchor`` (a page of that language's build) or
``explainer:/<path>`` (a file at the site's root, a handout PDF). The stages write every link
to a page this way (``link`` for the references in texts, the templates for the links they
make outside their own page); ``place`` makes them links of the page a text lands on (for
the site), ``public_links`` public addresses (for print), and the engine adapter turns those
left in HTML into relative URLs of its layout (``resolve_xlink``: clean URLs on the hosted
site, ``.html`` files offline)."""

XLINK_RE = re.compile(r'(?P<attr>\b(?:href|src)=")' + re.escape(XLINK) + r'(?P<target>[^"]*)"')
"""A page reference in HTML (an ``href`` or ``src`` attribute)."""


def cross(to_lang: str, to: str) -> str:
    """The page reference of ``to`` (a docs path, ``#anchor`` allowed) in ``to_lang``'s
    build: see ``XLINK``."""
    path, _, anchor = to.partition("#")
    return f"{XLINK}{to_lang}/{path}" + (f"#{anchor}" if anchor else "")


def place(markdown: str, page: str, lang: str) -> str:
    """``markdown`` as it stands on ``page`` of ``lang``'s build: each Markdown link to a
    page reference becomes a relative Markdown link to a page of the same build (MkDocs
    resolves it for its URL layout, and checks it), or an HTML link to the page reference
    of another build's page (``resolve_xlink`` makes it relative); a reader of the Russian
    column of a side-by-side page lands on Russian pages. Other links stay."""

    def sub(m: re.Match[str]) -> str:
        href = m.group(2)
        to_lang, _, to = href.removeprefix(XLINK).partition("/")
        if not href.startswith(XLINK) or not to_lang:
            return m.group(0)
        if to_lang == lang:
            return f"[{m.group(1)}]({rel(page, to)}{m.group(3) or ''}){m.group(4) or ''}"
        attrs = f' href="{html.escape(href)}"'
        if m.group(3):  # a title: Markdown-escaped text in quotes
            title = m.group(3).strip()[1:-1].replace('\\"', '"')
            attrs += f' title="{html.escape(title, quote=True)}"'
        classes = re.findall(r"\.([\w-]+)", m.group(4) or "")
        if classes:
            attrs += f' class="{" ".join(classes)}"'
        return f"<a{attrs}>{m.group(1)}</a>"

    return MD_LINK_RE.sub(sub, markdown)


def public_links(html_text: str, base_url: str | None, default: str) -> str:
    """The page references of ``html_text`` made public addresses (for print); without a
    ``base_url`` the attribute goes (the words stay, without a link)."""

    def sub(m: re.Match[str]) -> str:
        target = html.unescape(m.group("target"))
        lang, _, path = target.partition("/")
        if lang:
            url = public_url(base_url, lang, default, path)
        else:  # a file at the site's root (site_file)
            url = None if base_url is None else base_url + path
        return "" if url is None else f'{m.group("attr")}{html.escape(url)}"'

    return XLINK_RE.sub(sub, html_text)


def reference(href: str, page: str, lang: str) -> str | None:
    """The page reference of a relative link written on ``page`` of ``lang`` (``../x.md``,
    ``#anchor``), or ``None`` for any other link (another site, a file)."""
    if re.match(r"^[a-z][a-z0-9+.-]*:", href, re.I) or href.startswith("/"):
        return None
    path, _, anchor = href.partition("#")
    if not path:
        path = page
    elif not path.endswith(".md"):
        return None
    else:
        path = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    return cross(lang, path + (f"#{anchor}" if anchor else ""))


def site_file(path: str) -> str:
    """A link to a file at the site's root (not a page), e.g. ``handouts/kk/x.pdf``."""
    return f"{XLINK}/{path}"


def resolve_xlink(target: str, here: str, directory_urls: bool, roots: Mapping[str, str]) -> str:
    """Relative URL for ``explainer:<target>`` on the page at site path ``here``.

    ``target`` is ``<lang>/<docs path>[#anchor]`` (a page of that language's build) or
    ``/<path>`` (a file at the site's root); ``roots`` maps a language to its folder below
    the site root (``root_map``)."""
    path, _, anchor = target.partition("#")
    if path.startswith("/"):
        there = path
    else:
        lang, _, docs_path = path.partition("/")
        there = "/" + roots[lang] + page_url(docs_path, directory_urls)
    return relative_url(here, there) + (f"#{anchor}" if anchor else "")


# -- the other outputs --------------------------------------------------------------------

HANDOUTS = "handouts"
"""The handouts' folder: ``dist/handouts/`` (kept between builds, their cache) and
``site/handouts/`` (served by the hosted site and the offline bundle)."""


def handout_file(edition: str, hid: str) -> str:
    """A handout's PDF relative to the handouts' folder: ``<edition>/<id>.pdf``."""
    return f"{edition}/{hid}.pdf"


def handout_pdf(edition: str, hid: str) -> str:
    """Where a handout's PDF lives, relative to the site's root (and to ``dist/``)."""
    return f"{HANDOUTS}/{handout_file(edition, hid)}"


def offline_zip(slug: str) -> str:
    """The offline bundle's file name in ``dist/``."""
    return f"{slug}-offline.zip"


def offline_start(lang: str, default: str) -> str:
    """The file to open for ``lang`` in the unpacked offline bundle (``.html`` URLs)."""
    return site_path(lang, default, HOME, directory_urls=False)
