"""Side-by-side ("parallel") pages: the same text in two languages, block by block. Pure.

A text is cut into sections at its headings, and each section into blocks (a paragraph, a
list item, a table, an admonition). The two languages are paired section by section and,
inside a section, block by block by index: a paragraph missing in one language leaves an
empty cell in that row and does not shift the rest of the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from explainer.text.markdown import BULLET_RE, HEADING_RE, NUMBERED_RE

PARA_ANCHOR_RE = re.compile(r'<span class="az-para" id="p\d+"></span>')


@dataclass(frozen=True)
class Section:
    heading: str | None
    """The heading line (``## …``) without its ``{#id}``; ``None`` before the first one."""
    blocks: tuple[str, ...]


@dataclass(frozen=True)
class Row:
    """One row of a parallel page: the same block in each language (``None``: missing)."""

    heading: bool
    cells: tuple[str | None, ...]


def split(markdown: str) -> list[Section]:
    """Cut Markdown into sections (at ``##``…``######`` headings) and blocks."""
    sections: list[tuple[str | None, list[str]]] = [(None, [])]
    cur: list[str] = []
    kind = ""  # "p" paragraph, "item" list item / admonition, "table", "fence"
    fence = ""
    blank = False

    def flush() -> None:
        nonlocal kind
        while cur and not cur[-1].strip():
            cur.pop()
        if cur:
            sections[-1][1].append("\n".join(cur))
        cur.clear()
        kind = ""

    for line in markdown.split("\n"):
        stripped = line.strip()
        if kind == "fence":
            cur.append(line)
            if stripped.startswith(fence):
                flush()
            continue
        if not stripped:
            if kind in ("p", "table"):
                flush()
            elif kind == "item":
                cur.append(line)
            blank = True
            continue
        indented = line[:1] in (" ", "\t")
        if stripped.startswith(("```", "~~~")) and not (kind == "item" and indented):
            flush()
            kind, fence = "fence", stripped[:3]
            cur.append(line)
        elif kind == "item" and (indented or not blank) and not _starts_block(line):
            cur.append(line)  # continuation (indented, or lazy) of a list item
        elif m := HEADING_RE.match(line):
            flush()
            sections.append((f"{m.group(1)} {m.group(2)}", []))
        elif BULLET_RE.match(line) or NUMBERED_RE.match(line) or line.startswith(("!!!", "???")):
            flush()
            kind = "item"
            cur.append(line)
        elif line.startswith("|"):
            if kind != "table":
                flush()
                kind = "table"
            cur.append(line)
        else:
            if kind not in ("p", ""):
                flush()
            kind = "p"
            cur.append(line)
        blank = False
    flush()
    return [Section(h, tuple(b)) for h, b in sections if h is not None or b]


def _starts_block(line: str) -> bool:
    return bool(
        HEADING_RE.match(line)
        or BULLET_RE.match(line)
        or NUMBERED_RE.match(line)
        or line.startswith(("|", "!!!", "???"))
    )


def align(*texts: list[Section]) -> list[Row]:
    """Pair sections by index, and blocks by index inside each section."""
    rows: list[Row] = []
    for i in range(max((len(t) for t in texts), default=0)):
        secs = [t[i] if i < len(t) else None for t in texts]
        heads = [s.heading if s else None for s in secs]
        if any(h is not None for h in heads):
            rows.append(Row(True, tuple(heads)))
        for j in range(max(len(s.blocks) if s else 0 for s in secs)):
            rows.append(
                Row(False, tuple(s.blocks[j] if s and j < len(s.blocks) else None for s in secs))
            )
    return rows


def standalone(block: str) -> str:
    """A block that must render on its own in a cell: a numbered item keeps its number
    (alone, Markdown would renumber it 1) and loses paragraph anchors (ids stay unique)."""
    block = PARA_ANCHOR_RE.sub("", block)
    m = NUMBERED_RE.match(block)
    if m:
        lines = block.split("\n")
        rest = [
            ln[len(m.group(1)) + 2 :] if ln.startswith(" " * (len(m.group(1)) + 2)) else ln.lstrip()
            for ln in lines[1:]
        ]
        block = "\n".join([f"{m.group(1)}\\.{m.group(2)}{lines[0][m.end() :]}", *rest])
    return block


def pairs(codes: tuple[str, ...]) -> dict[str, list[tuple[str, str]]]:
    """Which language pairs each language's build shows side by side; the first pair is its
    own parallel page, a second one (if any) is linked in the build of its first language.

    The first two languages (kk, ru) show each other; every further language (en) shows
    itself against the first, and links to the first pair."""
    if len(codes) < 2:
        return {c: [] for c in codes}
    main = (codes[0], codes[1])
    out: dict[str, list[tuple[str, str]]] = {codes[0]: [main], codes[1]: [main]}
    for c in codes[2:]:
        out[c] = [(c, codes[0]), main]
    return out
