"""Heading anchors: readable in every language, and every anchor published before kept.

Python-Markdown's default slug drops every letter outside ASCII, so a Kazakh or Russian
heading got an opaque id (``#_2``, ``#2026-1``). `slugify` keeps the letters of any script
(lower case, runs of anything else made one ``-``). The ids the old slug gave are kept too:
`LegacyAnchors` works out, for each heading, the id the old slug would have given it and,
where that differs, puts an empty ``<span id="old">`` at the start of the heading, so a link
made before still lands on its section.
"""

from __future__ import annotations

import copy
import re
import unicodedata
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions import toc as md_toc
from markdown.treeprocessors import Treeprocessor

ALIAS_CLASS = "az-anchor-alias"
_HEADING = re.compile(r"[Hh][1-6]")
_NOT_WORD = re.compile(r"[^\w]+")


def slugify(value: str, separator: str) -> str:
    """A heading's id: its words in lower case, in any script, joined by ``separator``."""
    text = unicodedata.normalize("NFC", value).lower()
    return _NOT_WORD.sub(separator, text).strip(separator)


def _headings(doc: etree.Element) -> list[etree.Element]:
    return [el for el in doc.iter() if isinstance(el.tag, str) and _HEADING.fullmatch(el.tag)]


class _RecordLegacy(Treeprocessor):
    """Before the toc: the ids the old (ASCII-only) slug would give, heading by heading."""

    def __init__(self, md: Markdown, store: LegacyAnchors) -> None:
        super().__init__(md)
        self.store = store

    def run(self, root: etree.Element) -> None:
        ext = next(x for x in self.md.registeredExtensions if isinstance(x, md_toc.TocExtension))
        config = {**ext.getConfigs(), "slugify": md_toc.slugify}
        config.update(permalink=False, anchorlink=False, marker="")
        doc = copy.deepcopy(root)
        md_toc.TocTreeprocessor(self.md, config).run(doc)
        self.store.legacy = [el.get("id", "") for el in _headings(doc)]


class _AddAliases(Treeprocessor):
    """After the toc: an empty element with the old id in each heading whose id changed."""

    def __init__(self, md: Markdown, store: LegacyAnchors) -> None:
        super().__init__(md)
        self.store = store

    def run(self, root: etree.Element) -> None:
        used = {el.get("id") for el in root.iter() if el.get("id")}
        for el, old in zip(_headings(root), self.store.legacy, strict=False):
            if not old or old == el.get("id") or old in used:
                continue
            used.add(old)
            span = etree.Element("span", {"id": old, "class": ALIAS_CLASS})
            span.tail, el.text = el.text, None
            el.insert(0, span)


class LegacyAnchors(Extension):
    """Keeps the heading ids of the old slug working (see the module's docstring)."""

    def __init__(self) -> None:
        super().__init__()
        self.legacy: list[str] = []

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's name)
        if "toc" not in md.treeprocessors:
            return
        # attr_list (8) sets the explicit ids first; the toc runs at 5.
        md.treeprocessors.register(_RecordLegacy(md, self), "az_legacy_ids", 6)
        md.treeprocessors.register(_AddAliases(md, self), "az_legacy_alias", 4)
