"""The checks that refuse unsafe content, ``path:line: what is wrong``: a Markdown field
whose HTML the allowlist sanitizer (:mod:`.sanitize`) would change, a title that would
show as markup, a URL that is not a web address, settings out of range."""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

from explainer.problems import Loc, Problems
from explainer.text.markdown import md_text
from explainer.validate.sanitize import MAX_YEAR, OTHER_DOC_RE, removals, short, to_html


def _locate(text: str, needles: tuple[str, ...], used: dict[str, int]) -> int:
    """The 0-based line of ``text`` where a needle is found (the n-th time a needle is
    asked for, its n-th place); 0 if none is found."""
    variants = (text, html.unescape(text))
    for needle in needles:
        if not needle.strip():
            continue
        for hay in variants:
            places = [m.start() for m in re.finditer(re.escape(needle), hay, re.I)]
            if places:
                n = used.get(needle, 0)
                used[needle] = n + 1
                return hay.count("\n", 0, places[min(n, len(places) - 1)])
    return 0


_CANNOT_TAG = re.compile(r"[<{\[]|^[ ]*(?:!!!|\?\?\?|```|~~~)", re.M)
"""Without these, Markdown writes no tag or attribute beyond the plain ones."""


def check_markdown(text: str, loc: Loc, problems: Problems) -> None:
    """Refuse a Markdown field whose HTML the sanitizer would change (``loc``: its first
    line)."""
    if "\x00" in text:
        line = loc.line + text.count("\n", 0, text.index("\x00"))
        problems.error(Loc(loc.path, line), "NUL character in content")
        return
    if not _CANNOT_TAG.search(text):
        return
    used: dict[str, int] = {}
    for r in removals(to_html(text)):
        line = _locate(text, r.needles, used)
        problems.error(Loc(loc.path, loc.line + line), f"unsafe HTML: {r.message}")


_BRACE = re.compile(r"[{}]")


def check_title(text: str, loc: Loc, problems: Problems, markdown_field: bool = False) -> None:
    """A text that is not Markdown (a title, a name, a summary, a note: escaped, then
    auto-linked) or, with ``markdown_field``, a one-line Markdown text shown in a heading
    (an event's title). Braces are refused: Markdown would read them as an attribute list
    (which also replaces a heading's stable anchor); ``{2026: …}`` is the one exception."""
    if "\x00" in text:
        problems.error(loc, "NUL character in content")
        return
    m = _BRACE.search(OTHER_DOC_RE.sub("", text))
    if m:
        problems.error(
            loc,
            f"'{m.group(0)}' is not allowed here: Markdown reads braces as an attribute "
            "list (write the words without braces; '{2026: …}' marks the new Constitution)",
        )
        return
    shown = text if markdown_field else md_text(text)
    if not _CANNOT_TAG.search(shown):
        return
    for r in removals(to_html(f"# {shown}\n\n{shown}\n")):
        problems.error(loc, f"unsafe HTML: {r.message}")


_URL_BAD = re.compile(r"[\x00-\x20\x7f<>\"`{}\\^|]")


def _nested(url: str) -> bool:
    depth = 0
    for ch in url:
        depth += (ch == "(") - (ch == ")")
        if depth < 0:
            return False
    return depth == 0


def url_problem(url: str) -> str | None:
    """Why ``url`` cannot be a source or "official text" link (``None``: it can). Templates
    write it as a Markdown link target, ``[…](url)``: so no character that ends the target
    or starts an attribute list, and parentheses only in pairs."""
    if _URL_BAD.search(url) or not _nested(url):
        return (
            f"invalid URL '{short(url, 60)}': spaces, double quotes, braces, '<', '>' and "
            "unpaired parentheses are not allowed; use https://…"
        )
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return f"invalid URL '{short(url, 60)}': use http(s)://…"
    return None


# -- settings and other texts read straight from the files -------------------------------------


def each_text(d: object, key: str) -> list[tuple[str, Loc]]:
    """The per-language texts of ``d[key]`` (``{kk: …, ru: …}``) with their places; a block
    scalar (``kk: |``, ``kk: >-``) starts on the line after its key."""
    from explainer.load import LDict

    if not isinstance(d, LDict) or not isinstance(d.get(key), LDict):
        return []
    value = d[key]
    out = []
    for lang, v in value.items():
        if isinstance(v, str):
            loc = value.key_locs[lang]
            out.append((v, Loc(loc.path, loc.line + (lang in value.block_keys))))
    return out


def check_settings(site: object, document: object, problems: Problems) -> None:
    """``site.yml`` and ``document.yml``: names, titles, descriptions and statuses as plain
    text, the home text and interface strings as Markdown, the "official text" links as
    URLs."""
    from explainer.load import LDict, LList

    if isinstance(site, LDict):
        as_of = site.get("as_of")
        m = re.match(r"^(\d{4})", str(as_of)) if as_of is not None else None
        if m and int(m.group(1)) > MAX_YEAR:
            problems.error(
                site.key_locs["as_of"],
                f"'as_of' ({as_of}) is after {MAX_YEAR}: write the date the content describes",
            )
        for key in ("base_url", "repo_url"):
            url = site.get(key)
            if isinstance(url, str) and not (key == "base_url" and url.startswith("/")):
                why = url_problem(url)
                if why:
                    problems.error(site.key_locs[key], f"'{key}': {why}")
        langs = site.get("languages")
        if isinstance(langs, LList):
            for item in langs:
                if isinstance(item, LDict):
                    for key in ("name", "title", "description"):
                        if isinstance(item.get(key), str):
                            check_title(item[key], item.key_locs[key], problems)
        for text, loc in each_text(site, "home"):
            check_markdown(text, loc, problems)
        ui = site.get("ui")
        if isinstance(ui, LDict):
            for lang in ui:
                for text, loc in each_text(ui, lang):
                    check_markdown(text, loc, problems)
    if isinstance(document, LDict):
        for key in ("title", "status"):
            for text, loc in each_text(document, key):
                check_title(text, loc, problems)
        check_urls(document, "official", problems)
        sections = document.get("sections")
        if isinstance(sections, LList):
            for item in sections:
                for text, loc in each_text(item, "title"):
                    check_title(text, loc, problems)


def check_urls(d: object, key: str, problems: Problems) -> None:
    """Every language's link of ``d[key]`` (``official: {kk: https://…}``) must be a URL."""
    for url, loc in each_text(d, key):
        why = url_problem(url.strip())
        if why:
            problems.error(loc, why)


def check_plain_fields(d: object, keys: tuple[str, ...], problems: Problems) -> None:
    """``check_title`` for each language of each of ``keys``."""
    for key in keys:
        for text, loc in each_text(d, key):
            check_title(text, loc, problems)
