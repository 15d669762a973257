#!/usr/bin/env python3
"""Synthetic content for benchmarks: N times the flagship, same shape, every language.

``python scripts/synth.py --scale 10 --out DIR`` writes ``DIR/content/`` (and copies the
MkDocs configs and ``overrides/`` beside it, so ``explainer --root DIR build`` works). Copy 0
is the flagship as it is; copy ``k`` (1 … N-1) is every topic, article, event, term and
handout of the flagship again, with

- new ids: ``judicial-power`` → ``judicial-power-s3`` (topics, events, terms, handouts);
- renumbered articles: article ``n`` → ``n + 100·k`` (``75`` → ``375``), in a section of its
  own (section ``s`` → ``s + 10·k``, added to ``document.yml``);
- every reference moved along: ``[[art:75]]`` → ``[[art:375]]``, ``[[art:76.1]]`` →
  ``[[art:376.1]]``, ``[[term:justice]]`` → ``[[term:justice-s3]]``, and the metadata lists
  (``articles: […]``, ``topics: […]``, ``terms: […]``);
- natural citations moved along in each language ("статья 75", "п. 1 ст. 76", "75-бабы",
  "75 және 76-баптары", "Article 76(1)"): article numbers 1–98 of the 1995 Constitution
  (the paragraph numbers, years and ``{2026: 43-бап}`` markers stay as they are);
- topic titles and term names marked with the copy number (``Сот билігі 3``), so every
  name is distinct, as it would be in real content of that size.

From copy 10 on, article numbers have four digits ("статья 1075"); the auto-linker reads
citations of 1–3 digit numbers only, so those natural citations stay plain text (the
explicit ``[[art:1075]]`` references still link). The output passes
``explainer check --strict`` whenever the flagship does.

The generator is deterministic: the same flagship and scale give the same bytes.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

from explainer.tools import project

ROOT = Path(__file__).resolve().parent.parent
MAX_ARTICLE = 98
"""Article numbers of the flagship document (the 1995 Constitution has 98 articles)."""
OFFSET = 100
"""Copy ``k`` numbers its articles ``n + OFFSET·k``."""
SECTION_OFFSET = 10

REF_RE = re.compile(r"\[\[(?P<kind>[a-z]+):(?P<target>[^\]|]*?)(?P<rest>(?:\|[^\]]*)?)\]\]")
# Spans whose numbers are never article numbers of the flagship document.
_PROTECT = re.compile(r"\{\d{4}:[^{}]*\}|\[\[[^\]]*\]\]|(?:https?|ftp)://\S+")

_NUM = r"(?<![\d.,])\d{1,3}(?!\d)"
_ITEM = rf"{_NUM}(?:\s*[–—-]\s*{_NUM})?"
_NUM_RU = (
    r"(?<![\d.,])\d{1,3}(?!\d)(?!\s*(?:год|г\.|гг\.|январ|феврал|март|апрел|ма[яй]|"
    r"июн|июл|август|сентябр|октябр|ноябр|декабр))"
)
"""A Russian article number: not a day or a year ("30 августа", "2 г.")."""
_ITEM_RU = rf"{_NUM_RU}(?:\s*[–—-]\s*{_NUM_RU})?"
NATURAL: dict[str, re.Pattern[str]] = {
    # "75-бап", "75-бабы", "75 бабының", "75 және 76-баптары", "75–77-баптар"
    "kk": re.compile(
        rf"(?P<nums>{_ITEM}(?:(?:,\s*|\s+(?:және|мен|немесе)\s+){_ITEM})*)"
        r"(?=(?:-|\s+)ба[пб])"
    ),
    # "статья 75", "статьи 75 и 76", "ст. 75–77", "п. 1 ст. 76"
    "ru": re.compile(
        r"(?<!\w)(?:[Сс]тать(?:я|и|е|ю|ёй|ей|ях|ям|ями)(?!\w)\s*|[Сс]т\.\s*)"
        rf"(?P<nums>{_ITEM_RU}(?:(?:,\s*|\s+(?:и|или)\s+){_ITEM_RU})*)"
    ),
    # "Article 75", "Articles 75 and 76", "Art. 76(1)", "Arts. 14 and 16"
    "en": re.compile(
        r"(?<!\w)(?:[Aa]rticles?(?!\w)\s*|[Aa]rts?\.\s*)"
        rf"(?P<nums>{_ITEM}(?:(?:,\s*(?:and\s+)?|\s+(?:and|or)\s+){_ITEM})*)"
    ),
}
_DIGITS = re.compile(r"\d+")


class Copy:
    """The rewriting rules of copy ``k``."""

    def __init__(self, k: int) -> None:
        self.k = k

    def id(self, value: str) -> str:
        return value if self.k == 0 else f"{value}-s{self.k}"

    def art(self, n: int | str) -> int | str:
        """Article ``n`` of copy ``k``; an inserted article ("83-1") keeps its suffix."""
        if isinstance(n, str):
            head, _, tail = n.partition("-")
            moved = self.art(int(head))
            return f"{moved}-{tail}" if tail else moved
        return n if self.k == 0 else n + OFFSET * self.k

    def name(self, value: str) -> str:
        return value if self.k == 0 else f"{value} {self.k}"

    def ref(self, m: re.Match[str]) -> str:
        kind, target, rest = m.group("kind"), m.group("target").strip(), m.group("rest")
        if kind == "art":
            num, dot, para = target.partition(".")
            if re.fullmatch(r"\d+(?:-\d+)?", num):
                target = f"{self.art(num if '-' in num else int(num))}{dot}{para}"
        elif kind in ("topic", "term", "event"):
            target = self.id(target)
        return f"[[{kind}:{target}{rest}]]"

    def natural(self, text: str, lang: str) -> str:
        """Move the article numbers of natural citations in ``text`` (not in protected
        spans)."""
        rx = NATURAL.get(lang)
        if rx is None:
            return text

        def shift_nums(m: re.Match[str]) -> str:
            s, e = m.span("nums")
            nums = _DIGITS.sub(
                lambda d: (
                    str(self.art(int(d.group())))
                    if 1 <= int(d.group()) <= MAX_ARTICLE
                    else d.group()
                ),
                m.string[s:e],
            )
            return m.string[m.start() : s] + nums + m.string[e : m.end()]

        out, pos = [], 0
        for p in _PROTECT.finditer(text):
            out.append(rx.sub(shift_nums, text[pos : p.start()]))
            out.append(p.group())
            pos = p.end()
        out.append(rx.sub(shift_nums, text[pos:]))
        return "".join(out)

    def text(self, value: str, lang: str | None) -> str:
        if self.k == 0:
            return value
        value = REF_RE.sub(self.ref, value)
        return self.natural(value, lang) if lang else value


def _langs(site: dict[str, Any]) -> list[str]:
    return [str(x["code"]) for x in site["languages"]]


def _texts(value: Any, c: Copy, langs: list[str]) -> Any:
    """Rewrite a per-language mapping ``{kk: …, ru: …}`` (or any nesting of them)."""
    if isinstance(value, dict):
        return {
            k: (c.text(v, k) if k in langs and isinstance(v, str) else _texts(v, c, langs))
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_texts(v, c, langs) for v in value]
    return value


def _ids(value: Any, c: Copy) -> Any:
    return (
        [c.id(v) if isinstance(v, str) else v for v in value] if isinstance(value, list) else value
    )


def _arts(value: Any, c: Copy) -> Any:
    return (
        [c.art(v) if isinstance(v, int) else v for v in value] if isinstance(value, list) else value
    )


class _NoAliases(yaml.SafeDumper):
    """Content may not use YAML aliases: a value used twice is written out twice."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=100)


def _front(text: str) -> tuple[dict[str, Any], str]:
    m = re.match(r"\A---\n(.*?\n)?---\n", text, re.S)
    assert m, "a topic text without front matter"
    return yaml.safe_load(m.group(1) or "") or {}, text[m.end() :]


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def topic(src: Path, out: Path, c: Copy, langs: list[str]) -> None:
    meta = _load(src / "topic.yml")
    meta["order"] = int(meta["order"]) + 1000 * c.k
    meta["articles"] = _arts(meta.get("articles"), c)
    meta["terms"] = _ids(meta.get("terms"), c)
    dest = out / "topics" / c.id(src.name)
    _write(dest / "topic.yml", _dump(meta))
    for md in sorted(src.glob("*.md")):
        lang = md.stem
        front, body = _front(md.read_text(encoding="utf-8"))
        if c.k:
            front["title"] = c.name(str(front["title"]))
            if "summary" in front:
                front["summary"] = c.text(str(front["summary"]), lang)
        _write(dest / md.name, f"---\n{_dump(front)}---\n{c.text(body, lang)}")


def article(data: dict[str, Any], c: Copy, langs: list[str]) -> dict[str, Any]:
    d = dict(data)
    num = d["number"]
    d["number"] = c.art(num if isinstance(num, str) else int(num))
    d["section"] = int(d["section"]) + SECTION_OFFSET * c.k
    for key in ("summary", "history", "title"):
        if key in d:
            d[key] = _texts(d[key], c, langs)
    d["topics"] = _ids(d.get("topics"), c)
    d["terms"] = _ids(d.get("terms"), c)
    return {k: v for k, v in d.items() if v is not None}


def event(data: dict[str, Any], c: Copy, langs: list[str]) -> dict[str, Any]:
    d = _texts(dict(data), c, langs)
    d["id"] = c.id(d["id"])
    d["articles"] = _arts(d.get("articles"), c)
    d["topics"] = _ids(d.get("topics"), c)
    return {k: v for k, v in d.items() if v is not None}


def term(data: dict[str, Any], c: Copy, langs: list[str]) -> dict[str, Any]:
    d = dict(data)
    d["id"] = c.id(d["id"])
    d["term"] = {k: c.name(v) for k, v in d["term"].items()}
    d["definition"] = _texts(d["definition"], c, langs)
    d["articles"] = _arts(d.get("articles"), c)
    return {k: v for k, v in d.items() if v is not None}


def handout(data: dict[str, Any], c: Copy, langs: list[str]) -> dict[str, Any]:
    d = _texts(dict(data), c, langs)
    d["id"] = c.id(d["id"])
    topics = []
    for t in d.get("topics") or []:
        if isinstance(t, dict) and "topic" in t:
            t = {**t, "topic": c.id(t["topic"])}
        elif isinstance(t, str):
            t = c.id(t)
        topics.append(t)
    if topics:
        d["topics"] = topics
    return d


def synth(src: Path, out: Path, scale: int) -> dict[str, int]:
    """Write ``scale`` copies of the content folder ``src`` into ``out`` (a new
    ``content/`` folder). Returns the counts written."""
    if scale < 1:
        raise ValueError("scale must be at least 1")
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    site = _load(src / "site.yml")
    langs = _langs(site)
    shutil.copy(src / "site.yml", out / "site.yml")
    counts = {"topics": 0, "articles": 0, "events": 0, "terms": 0, "handouts": 0}
    copies = [Copy(k) for k in range(scale)]

    if (src / "document.yml").is_file():
        doc = _load(src / "document.yml")
        sections = doc.get("sections") or []
        doc["sections"] = [
            {
                **s,
                "number": int(s["number"]) + SECTION_OFFSET * c.k,
                "first": c.art(int(s["first"])),
                "last": c.art(int(s["last"])),
                "title": {k: c.name(v) for k, v in s["title"].items()},
            }
            for c in copies
            for s in sections
        ]
        _write(out / "document.yml", _dump(doc))

    topic_dirs = (
        sorted(p for p in (src / "topics").iterdir() if p.is_dir())
        if (src / "topics").is_dir()
        else []
    )
    articles = [_load(p) for p in sorted((src / "articles").glob("*.yml"))]
    for c in copies:
        for d in topic_dirs:
            topic(d, out, c, langs)
            counts["topics"] += 1
        for a in articles:
            a2 = article(a, c, langs)
            _write(out / "articles" / f"{a2['number']}.yml", _dump(a2))
            counts["articles"] += 1
    for sub, fn, key in (
        ("events", event, "events"),
        ("glossary", term, "terms"),
        ("handouts", handout, "handouts"),
    ):
        for p in sorted((src / sub).glob("*.yml")) if (src / sub).is_dir() else []:
            items = _load(p) or []
            if sub == "handouts" and scale > 1:
                # A handout of the whole timeline or of every article grows with the content
                # and would break its page limit by design: only topic handouts are copied.
                items = [x for x in items if not (x.get("timeline") or x.get("articles"))]
            for c in copies:
                name = p.name if c.k == 0 else f"{p.stem}-s{c.k}.yml"
                _write(out / sub / name, _dump([fn(x, c, langs) for x in items]))
                counts[key] += len(items)
    # Diagrams are drawn from their own data, not from a topic's: every copy of a topic shows
    # the same one, so they are copied once, unchanged.
    for p in sorted((src / "diagrams").glob("*.yml")) if (src / "diagrams").is_dir() else []:
        _write(out / "diagrams" / p.name, p.read_text(encoding="utf-8"))
    return counts


def make_project(out: Path, scale: int, content: Path | None = None) -> dict[str, int]:
    """``out/content`` with ``scale`` copies, plus the repo's MkDocs configs and
    ``overrides/`` beside it (:func:`explainer.tools.project.make_project`)."""
    counts: dict[str, int] = {}

    def write(dest: Path) -> None:
        counts.update(synth(content or ROOT / "content", dest, scale))

    project.make_project(out, write, source=ROOT)
    return counts


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--scale", type=int, required=True, help="how many times the flagship")
    p.add_argument(
        "--out", required=True, help="project folder to write (content/ inside is replaced)"
    )
    p.add_argument("--content", help="the content to copy (default: the repo's content/)")
    args = p.parse_args(argv)
    try:
        counts = make_project(
            Path(args.out), args.scale, Path(args.content) if args.content else None
        )
    except ValueError as exc:
        print(f"synth: {exc}", file=sys.stderr)
        return 2
    print(
        f"wrote {Path(args.out) / 'content'}: " + ", ".join(f"{v} {k}" for k, v in counts.items())
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
