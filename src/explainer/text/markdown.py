"""The structure of a Markdown text, as the generator reads it (before any engine does):
headings, list items, code fences, sections and top-level blocks. One regex of each kind, used
by the parallel pages, the handouts and the validator."""

from __future__ import annotations

import re

HEADING_RE = re.compile(r"^(#{2,6})\s+(.*?)\s*(\{[^{}]*\})?\s*$")
"""An ATX heading of level 2 to 6: its hashes, its text, and its attribute list
(``{#id .class}``), if any."""
LIST_RE = re.compile(r"^(?:[-*+]|\d+[.)])\s+")
"""The start of a list item (bullet or number)."""
FENCE_RE = re.compile(r"^(```|~~~)")
"""A code fence's opening or closing line."""


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
