"""The structure of a Markdown text, as the generator reads it (before any engine does):
headings, list items, code fences, links, tags, sections and top-level blocks. One regex of each
kind, used by the layout, the linker, the parallel pages, the handouts and the validator
(tests/test_architecture.py fails on a pattern compiled twice)."""

from __future__ import annotations

import html
import re

HEADING_RE = re.compile(r"^(#{2,6})\s+(.*?)\s*(\{[^{}]*\})?\s*$")
"""An ATX heading of level 2 to 6: its hashes, its text, and its attribute list
(``{#id .class}``), if any."""
LIST_RE = re.compile(r"^(?:[-*+]|\d+[.)])\s+")
"""The start of a list item (bullet or number)."""
FENCE_RE = re.compile(r"^(```|~~~)")
"""A code fence's opening or closing line."""
NUMBERED_RE = re.compile(r"^(\d+)\.(\s+)", re.M)
"""A numbered list item's number and the space after it, at a line's start (``3. …``)."""
BULLET_RE = re.compile(r"^[-*+]\s+")
"""The start of a bulleted list item."""
MD_LINK_RE = re.compile(
    r'(?<!!)\[((?:\\.|[^\\\[\]])*)\]\(([^()\s]+)(\s+"(?:[^"\\]|\\.)*")?\)'
    r"(\{[^{}]*\})?"
)
"""A Markdown link, with an optional title and attribute list (``{ .az-term }``): its text
(1), target (2), title (3) and attribute list (4)."""
TAG_RE = re.compile(r"<[^>]+>")
"""An HTML tag."""
EMPHASIS_RE = re.compile(r"(\*\*|__|\*|_|`)")
"""A Markdown emphasis or code mark."""
ESCAPE_RE = re.compile(r"\\([\\`*_\[\]])")
"""A backslash escape of a Markdown mark."""
MARK_RE = re.compile(r"([\\`*_\[\]])")
"""A character Markdown reads as a mark (escaped by ``md_text``)."""

# The project's own syntax on top of Markdown (CONTENT.md): references and other documents.
REF_RE = re.compile(r"\[\[(?P<kind>[a-z]+):(?P<target>[^\]|\n]*?)(?:\|(?P<label>[^\]]*))?\]\]")
"""An explicit reference: ``[[art:76.1]]``, ``[[term:justice|your words]]``."""
OTHER_DOC_RE = re.compile(r"\{(?P<doc>\d{4}):\s*(?P<text>[^{}]+?)\}")
"""A citation of another document, never linked to this one: ``{2026: 43-бап}``."""


def md_text(text: str) -> str:
    """Plain text from content, made safe to drop into Markdown that becomes HTML."""
    return MARK_RE.sub(r"\\\1", html.escape(text, quote=False))


def excerpt_text(md: str) -> str:
    """Markdown without links (their words kept), tags and emphasis marks, on one line (a
    handout's one-line excerpt)."""
    text = MD_LINK_RE.sub(r"\1", md)
    text = TAG_RE.sub("", text)
    text = EMPHASIS_RE.sub("", text)
    return " ".join(text.split())


def visible_text(md: str) -> str:
    """The text a reader sees in a resolved one-line Markdown string: tags and links (their
    words kept) taken out, escapes and entities undone (a drawing's label)."""
    text = TAG_RE.sub("", md)
    text = MD_LINK_RE.sub(r"\1", text)
    text = ESCAPE_RE.sub(r"\1", text)
    return html.unescape(text)


def split_sections(body: str) -> list[str]:
    """A topic body cut at its ``##`` headings: ``[text before the first heading,
    section 1 (from its heading line), section 2, …]``. Headings in code fences do not
    count."""
    out: list[list[str]] = [[]]
    fenced = False
    for line in body.split("\n"):
        if FENCE_RE.match(line):
            fenced = not fenced
        if not fenced and line.startswith("## "):
            out.append([])
        out[-1].append(line)
    return ["\n".join(lines) for lines in out]


def split_blocks(text: str) -> list[str]:
    """Top-level Markdown blocks: a heading, a paragraph, a whole list, a table, a fence.

    Blank lines separate blocks, except inside a list (a loose list, or an item that goes
    on indented) and inside a code fence."""
    blocks: list[list[str]] = []
    current: list[str] = []
    fenced = False
    pending_blank = False

    def flush() -> None:
        nonlocal current
        if current:
            blocks.append(current)
        current = []

    for line in text.split("\n"):
        if fenced:
            current.append(line)
            if FENCE_RE.match(line.strip()):
                fenced = False
                flush()
            continue
        if not line.strip():
            pending_blank = bool(current)
            continue
        is_heading = HEADING_RE.match(line) is not None
        continues_list = (
            bool(current)
            and LIST_RE.match(current[0]) is not None
            and (line.startswith((" ", "\t")) or LIST_RE.match(line) is not None)
        )
        if is_heading or FENCE_RE.match(line) or (pending_blank and not continues_list):
            flush()
        elif pending_blank and continues_list:
            current.append("")
        pending_blank = False
        current.append(line)
        if is_heading:
            flush()
        elif FENCE_RE.match(line):
            fenced = True
    flush()
    return ["\n".join(b) for b in blocks]
