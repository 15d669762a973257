"""Limits that hold against hostile content files (the README, "Safety", gives the numbers).

Pure checks; ``load`` applies the file checks before it reads a byte, ``validate`` the id
checks. Every limit is reported as ``path:line: …``.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

MAX_FILE_BYTES = 1_000_000
"""The largest content file (1 MB; the flagship's largest is about 40 kB)."""
MAX_LINE_CHARS = 10_000
"""The longest line of a content file, in characters (the flagship's longest: about 2,100)."""
MAX_DEPTH = 20
"""The deepest nesting of YAML mappings and lists (the flagship needs 5)."""

RESERVED_IDS = frozenset(
    {
        # pages and folders the generator writes beside the content's own
        "index", "search", "assets", "data", "handouts", "parallel", "sitemap", "404",
        # names Windows reserves (the offline zip is opened on school PCs)
        "con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
        *(f"lpt{i}" for i in range(10)),
    }
)  # fmt: skip
"""Ids that would replace a generated page or cannot be a file name on Windows. Language
codes are reserved too (``reserved_id`` takes them)."""

ID_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
"""An id of a topic, event, term, milestone or handout: lowercase ASCII letters, digits and
hyphens, starting with a letter (it becomes a file name and an anchor)."""

LANG_CODE_RE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
"""A BCP 47-like language code (``kk``, ``ru``, ``en``, ``zh-Hant``): no path characters."""

ARTICLE_NUMBER_RE = re.compile(r"^[1-9][0-9]*(?:-[1-9][0-9]*)?$")
"""An article number as text: ``83``, or an inserted article ``83-1``."""


def file_problem(path: Path) -> str | None:
    """Why ``path`` cannot be read as content (``None``: it can). Looked at without
    following a link and before opening: a FIFO would block, a folder would crash."""
    try:
        st = os.lstat(path)
    except OSError as exc:
        return f"cannot read this file: {exc.strerror or exc}"
    if stat.S_ISLNK(st.st_mode):
        return (
            "symbolic links are not allowed in content (it could publish a file from "
            "outside the project): copy the file here instead"
        )
    if stat.S_ISDIR(st.st_mode):
        return "a folder named like a content file is not allowed: rename or remove it"
    if not stat.S_ISREG(st.st_mode):
        return "not a regular file (a pipe, socket or device): remove it"
    if st.st_size > MAX_FILE_BYTES:
        return (
            f"file too large ({st.st_size:,} bytes; at most {MAX_FILE_BYTES:,}): split it "
            "into several files"
        )
    return None


def long_line(text: str) -> tuple[int, int] | None:
    """The first line longer than :data:`MAX_LINE_CHARS`: (1-based number, length)."""
    if len(text) <= MAX_LINE_CHARS:
        return None
    start = 0
    for n, line in enumerate(text.split("\n"), 1):
        if len(line) > MAX_LINE_CHARS:
            return n, len(line)
        start += len(line) + 1
    return None


def reserved_id(value: str, langs: tuple[str, ...] = ()) -> bool:
    return value in RESERVED_IDS or value in langs


def lang_code_ok(code: str) -> bool:
    return bool(LANG_CODE_RE.match(code))
