"""Stage 1: read every content file from disk into raw records that remember ``file:line``.

This is one of only two modules that touch the disk (the other is ``write``). It parses but
does not judge: typing and cross-checks are the job of ``validate``.
"""

from __future__ import annotations

import gc
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from explainer import limits
from explainer.problems import Loc, Problems


class LDict(dict):  # type: ignore[type-arg]
    """A YAML mapping that knows where it and each of its values stand."""

    loc: Loc
    key_locs: dict[str, Loc]
    block_keys: frozenset[str] = frozenset()
    """Keys whose value is a block scalar (``key: |`` or ``key: >-``): its text starts on
    the line after ``key_locs[key]``."""


class LList(list):  # type: ignore[type-arg]
    """A YAML sequence that knows where it and each of its items stand."""

    loc: Loc
    item_locs: list[Loc]


@dataclass
class MarkdownFile:
    """A Markdown file with YAML front matter."""

    loc: Loc
    meta: LDict
    body: str
    body_line: int
    """Line number in the file where ``body`` starts."""


@dataclass
class RawContent:
    """Everything read from ``content/``, not yet checked."""

    root: Path
    site: LDict | None = None
    document: LDict | None = None
    topics: dict[str, tuple[LDict | None, dict[str, MarkdownFile | None], Loc]] = field(
        default_factory=dict
    )
    """Topic folder name -> (topic.yml, {lang: Markdown file, or None if unreadable},
    location of topic.yml)."""
    articles: list[tuple[LDict, Loc]] = field(default_factory=list)
    events: list[tuple[LDict, Loc]] = field(default_factory=list)
    terms: list[tuple[LDict, Loc]] = field(default_factory=list)
    handouts: list[tuple[LDict, Loc]] = field(default_factory=list)
    milestones: list[tuple[LDict, Loc]] = field(default_factory=list)
    diagrams: list[tuple[LDict, Loc]] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    """Every file read, in order (for change detection)."""
    texts: dict[str, str] = field(default_factory=dict)
    """Decoded text of every file read, by its reported path (for line-based checks)."""


def _rel(path: Path, base: Path) -> str:
    try:
        return str(path.relative_to(base))
    except ValueError:
        return str(path)


class _Refused(Exception):
    """A YAML document that breaks a limit (reported, then the file is dropped)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def _convert(
    node: yaml.Node,
    path: str,
    problems: Problems,
    offset: int = 0,
    seen: set[int] | None = None,
    depth: int = 0,
) -> Any:
    """L-structures from a YAML node; ``offset`` is added to every line number. An alias
    (a node met a second time) and nesting deeper than ``limits.MAX_DEPTH`` are refused:
    expanded, aliases can make a small file take all memory ("billion laughs")."""
    loc = Loc(path, node.start_mark.line + 1 + offset)
    if seen is None:
        seen = set()
    if id(node) in seen:
        raise _Refused(
            loc.line,
            "YAML aliases (&name … *name) are not allowed in content: write the value out",
        )
    seen.add(id(node))
    if depth > limits.MAX_DEPTH:
        raise _Refused(
            loc.line, f"nested deeper than {limits.MAX_DEPTH} levels: content is never that deep"
        )
    if isinstance(node, yaml.MappingNode):
        d = LDict()
        d.loc = loc
        d.key_locs = {}
        for knode, vnode in node.value:
            key = _convert(knode, path, problems, offset, seen, depth + 1)
            if not isinstance(key, (str, int)):
                problems.error(Loc(path, knode.start_mark.line + 1 + offset), "a key must be text")
                continue
            key = str(key)
            if key in d:
                problems.error(
                    Loc(path, knode.start_mark.line + 1 + offset),
                    f"duplicate key '{key}' (first at line {d.key_locs[key].line})",
                )
                continue
            d[key] = _convert(vnode, path, problems, offset, seen, depth + 1)
            d.key_locs[key] = Loc(path, vnode.start_mark.line + 1 + offset)
            if isinstance(vnode, yaml.ScalarNode) and vnode.style in ("|", ">"):
                d.block_keys = d.block_keys | {key}
        return d
    if isinstance(node, yaml.SequenceNode):
        lst = LList()
        lst.loc = loc
        lst.item_locs = []
        for item in node.value:
            lst.append(_convert(item, path, problems, offset, seen, depth + 1))
            lst.item_locs.append(Loc(path, item.start_mark.line + 1 + offset))
        return lst
    assert isinstance(node, yaml.ScalarNode)
    tag = node.tag
    if tag == "tag:yaml.org,2002:int":
        try:
            return int(node.value.replace("_", ""), 0)
        except ValueError:
            return node.value
    if tag == "tag:yaml.org,2002:bool":
        return node.value.lower() in {"true", "yes", "on"}
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:float":
        return node.value
    # Strings and timestamps stay as written: dates are checked by ``validate``.
    return node.value


def _shape(data: Any) -> str:
    """What a YAML document is, in words (for messages)."""
    return "list" if isinstance(data, list) else "single value" if data is not None else "nothing"


def _decode(path: Path, rel: str, problems: Problems) -> str | None:
    why = limits.file_problem(path)
    if why:
        problems.error(Loc(rel, 1), why)
        return None
    try:
        data = path.read_bytes()
    except OSError as exc:
        problems.error(Loc(rel, 1), f"cannot read this file: {exc.strerror or exc}")
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.unreadable_file(
            Loc(rel, line),
            f"file is not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "save it as UTF-8",
        )
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n")
    long = limits.long_line(text)
    if long:
        problems.error(
            Loc(rel, long[0]),
            f"line too long ({long[1]:,} characters; at most {limits.MAX_LINE_CHARS:,}): "
            "break it into shorter lines or paragraphs",
        )
        return None
    return text


YAML_HINTS = (
    (
        ("mapping values are not allowed", "could not find expected ':'"),
        "; a value that holds ': ' must be in quotes (title: \"Article 1: …\") or written as a "
        "block (key: >- and the text on the next lines, indented)",
    ),
    (("found character '\\t'", "found character '\t'"), "; indent with spaces, not tabs"),
    (
        ("expected <block end>", "did not find expected key", "expected <block mapping start>"),
        "; check the indentation of this line and the one before (items of a list start "
        "with '- ' at the same depth)",
    ),
    (
        ("found undefined alias", "found unexpected end of stream", "while scanning a quoted"),
        "; a quote (\" or ') or a bracket is not closed, or a value starts with '*' or '&': "
        "put such a value in quotes",
    ),
)
"""Hints for the commonest YAML mistakes, by the parser's message."""


def yaml_hint(message: str) -> str:
    """How to fix a YAML syntax error, for the commonest ones (else nothing)."""
    for needles, hint in YAML_HINTS:
        if any(n in message for n in needles):
            return hint
    return ""


def parse_yaml(text: str, rel: str, problems: Problems, line_offset: int = 0) -> Any:
    """Parse YAML text into L-structures; report syntax errors as ``path:line``."""
    try:
        node = compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 if mark else 1) + line_offset
        what = exc.problem or exc.context or "invalid YAML"
        problems.unreadable_file(Loc(rel, line), f"malformed YAML: {what}{yaml_hint(what)}")
        return None
    except yaml.YAMLError as exc:  # pragma: no cover - defensive
        problems.unreadable_file(Loc(rel, 1 + line_offset), f"malformed YAML: {exc}")
        return None
    except RecursionError:
        problems.error(
            Loc(rel, 1 + line_offset),
            f"nested deeper than {limits.MAX_DEPTH} levels: content is never that deep",
        )
        return None
    if node is None:
        return None
    try:
        return _convert(node, rel, problems, line_offset)
    except _Refused as exc:
        problems.error(Loc(rel, exc.line), exc.message)
        return None


_FAST_LOADER = getattr(yaml, "CSafeLoader", None)
"""PyYAML's binding to libyaml, when the installed PyYAML has it: the same nodes and marks
as ``SafeLoader``, about ten times faster."""


def compose(text: str) -> yaml.Node | None:
    """The YAML node tree of ``text`` (safe tags only). Parsed with libyaml when available;
    a document that libyaml rejects is parsed again with the pure-Python parser, so that
    the error raised (and reported) is always the same, whichever parser is installed."""
    if _FAST_LOADER is not None:
        try:
            return yaml.compose(text, Loader=_FAST_LOADER)  # type: ignore[no-any-return]
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)  # type: ignore[no-any-return]


_FRONT = re.compile(r"\A---\n(.*?\n)?---\n", re.S)


def parse_markdown(text: str, rel: str, problems: Problems) -> MarkdownFile:
    meta = LDict()
    meta.loc = Loc(rel, 1)
    meta.key_locs = {}
    m = _FRONT.match(text)
    if not m:
        problems.error(
            Loc(rel, 1), "missing front matter: start the file with '---', 'title: …', '---'"
        )
        return MarkdownFile(Loc(rel, 1), meta, text, 1)
    parsed = parse_yaml(m.group(1) or "", rel, problems, line_offset=1)
    if parsed is not None and not isinstance(parsed, LDict):
        problems.error(Loc(rel, 2), "front matter must be a mapping (key: value)")
    elif isinstance(parsed, LDict):
        meta = parsed
    body_line = text[: m.end()].count("\n") + 1
    return MarkdownFile(Loc(rel, 1), meta, text[m.end() :], body_line)


def _read_yaml_file(path: Path, base: Path, problems: Problems, raw: RawContent) -> Any:
    rel = _rel(path, base)
    text = _decode(path, rel, problems)
    if text is None:
        return None
    raw.texts[rel] = text
    return parse_yaml(text, rel, problems)


def load_ui() -> dict[str, Any]:
    """The generator's own interface strings (``ui.yml`` beside this module)."""
    data = yaml.safe_load((Path(__file__).parent / "ui.yml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def load(root: Path, problems: Problems, base: Path | None = None) -> RawContent:
    """Read ``root`` (a ``content/`` folder). Paths in messages are relative to ``base``.

    Python's cyclic garbage collector is paused meanwhile: the records built here hold no
    reference cycles, and its full collections, which walk every live object, made
    reading 100 times the flagship's content take twice as long per item."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _load(root, problems, base)
    finally:
        if enabled:
            gc.enable()


KINDS = {
    "site.yml": "site settings",
    "document.yml": "document settings",
    "topic.yml": "topic settings",
    "an article file": "article",
}


def _load(root: Path, problems: Problems, base: Path | None) -> RawContent:
    base = base or root.parent
    raw = RawContent(root=root)
    if not root.is_dir():
        problems.error(Loc(_rel(root, base), 1), "content folder not found")
        return raw

    def empty(path: Path, kind: str) -> None:
        """A file that read and parsed well but holds nothing is an error (else the file
        would not be named at all, only the ids missing elsewhere)."""
        rel = _rel(path, base)
        if rel in raw.texts and not any(p.loc.path == rel for p in problems.items):
            problems.error(Loc(rel, 1), f"the file is empty: write the {kind} or remove the file")

    def yaml_file(path: Path, kind: str) -> LDict | None:
        raw.files.append(path)
        data = _read_yaml_file(path, base, problems, raw)
        rel = _rel(path, base)
        if data is None:
            parsed = rel in raw.texts and all(p.loc.path != rel for p in problems.unreadable)
            if kind == "site.yml":
                if parsed:  # read, and nothing in it
                    problems.unreadable_file(
                        Loc(rel, 1),
                        "the site settings file is empty: it needs at least 'languages:' (the "
                        "first is the default) and 'as_of:' (see CONTENT.md, site.yml)",
                    )
            else:
                empty(path, KINDS.get(kind, kind))
            return None
        if not isinstance(data, LDict):
            hint = (
                ": settings as 'key: value' lines ('languages:', 'as_of:', …; see CONTENT.md)"
                if kind == "site.yml"
                else " (key: value)"
            )
            problems.unreadable_file(
                Loc(rel, 1), f"{kind} must be a mapping, not a {_shape(data)}{hint}"
            )
            return None
        return data

    def yaml_list(path: Path, kind: str) -> list[tuple[LDict, Loc]]:
        raw.files.append(path)
        data = _read_yaml_file(path, base, problems, raw)
        rel = _rel(path, base)
        if data is None:
            empty(path, f"{kind}s")
            return []
        if not isinstance(data, LList):
            problems.error(Loc(rel, 1), f"a {kind} file must be a list ('- id: …' items)")
            return []
        out = []
        for item, loc in zip(data, data.item_locs, strict=True):
            if isinstance(item, LDict):
                out.append((item, loc))
            else:
                problems.error(loc, f"each {kind} must be a mapping (id: …, …)")
        return out

    for sub in ("topics", "articles", "events", "glossary", "handouts", "milestones"):
        if (root / sub).is_symlink():
            problems.error(Loc(_rel(root / sub, base), 1), str(limits.file_problem(root / sub)))
    for name in ("site.yml", "document.yml"):
        p = root / name
        if os.path.lexists(p):
            setattr(raw, name.split(".")[0], yaml_file(p, name))
        elif name == "site.yml":
            problems.error(Loc(_rel(p, base), 1), "missing site settings file")

    topics_dir = root / "topics"
    if topics_dir.is_dir() and not topics_dir.is_symlink():
        for d in sorted(p for p in topics_dir.iterdir() if p.is_dir()):
            if d.is_symlink():
                problems.error(Loc(_rel(d, base), 1), str(limits.file_problem(d)))
                continue
            meta_path = d / "topic.yml"
            meta = yaml_file(meta_path, "topic.yml") if os.path.lexists(meta_path) else None
            texts: dict[str, MarkdownFile | None] = {}
            for md in sorted(d.glob("*.md")):
                raw.files.append(md)
                rel = _rel(md, base)
                text = _decode(md, rel, problems)
                if text is None:
                    texts[md.stem] = None  # reported already; not a missing translation
                else:
                    raw.texts[rel] = text
                    texts[md.stem] = parse_markdown(text, rel, problems)
            raw.topics[d.name] = (meta, texts, Loc(_rel(meta_path, base), 1))

    art_dir = root / "articles"
    if art_dir.is_dir() and not art_dir.is_symlink():
        for p in sorted(art_dir.glob("*.yml")):
            data = yaml_file(p, "an article file")
            if data is not None:
                raw.articles.append((data, data.loc))

    for sub, target, kind in (
        ("events", raw.events, "event"),
        ("glossary", raw.terms, "term"),
        ("handouts", raw.handouts, "handout"),
        ("milestones", raw.milestones, "milestone"),
        ("diagrams", raw.diagrams, "diagram"),
    ):
        d = root / sub
        if d.is_dir() and not d.is_symlink():
            for p in sorted(d.glob("*.yml")):
                target.extend(yaml_list(p, kind))
    return raw
