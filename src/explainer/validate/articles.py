"""Checks of the article format of issue 14 (design/article-format.md): article numbers like
``83-1``, ``paragraphs``, ``unchanged``, ``successor``, ``repealed``, and the editions of the
document (``editions:`` in ``content/document.yml``) that their dates must be among.

Called by ``validate.Validator`` (whose field helpers it uses); every problem is reported as
``path:line: what is wrong``, all at once."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from explainer.load import LDict, LList
from explainer.model import (
    SUCCESSOR_STATUSES,
    ArticleNo,
    Date,
    Edition,
    HistoryEntry,
    Paragraph,
    Source,
    Successor,
    Text,
    article_no,
)
from explainer.problems import Loc
from explainer.validate.fields import each_item

if TYPE_CHECKING:
    from explainer.validate.fields import Fields as Validator

REQUIRED_WHEN_COMPLETE = ("paragraphs", "successor")
"""Article fields that every article must have once all articles are written in the new
format. Until then (``COMPLETE = False``) they are optional."""

COMPLETE = True
"""``True`` since every article of the flagship has ``paragraphs`` and ``successor`` (set it
to ``False`` while a document's articles are being converted; tests/test_article_schema.py
checks both states). It applies to a document written in this format, one that declares its
``editions``; a document without them keeps the older article format."""

ARTICLE_FIELDS = ("paragraphs", "unchanged", "successor", "repealed")
"""The fields this module checks, beside those of ``validate.Validator.article``."""

PARA_N_RE = re.compile(r"^\d+(?:-\d+)?$")


def number(v: Validator, d: LDict) -> ArticleNo | None:
    """The article's ``number``: a whole number, or text like ``"83-1"``."""
    value = v.req(d, "number", "an article")
    if value is _missing(v):
        return None
    num = None if isinstance(value, (LDict, LList)) else article_no(value)
    if num is None and isinstance(value, int) and not isinstance(value, bool):
        v.p.error(
            v.loc(d, "number"),
            f"invalid article number {value}: articles are numbered from 1",
        )
    elif num is None:
        v.p.error(
            v.loc(d, "number"),
            f"field 'number' in an article must be a whole number (15) or an inserted "
            f"article's number in quotes (\"83-1\"), not '{value}'",
        )
    return num


def _missing(v: Validator) -> Any:
    """The marker ``Validator.req`` returns for a missing field."""
    from explainer.validate.fields import _MISSING

    return _MISSING


# -- the document's editions -------------------------------------------------------------


def editions(v: Validator, d: LDict) -> tuple[Edition, ...]:
    """``editions:`` of the document: date, title, act, number, sources; oldest first."""
    value = d.get("editions")
    if value is None:
        return ()
    if not isinstance(value, LList) or not value:
        v.p.error(v.loc(d, "editions"), "'editions' in the document must be a non-empty list")
        return ()
    out: list[Edition] = []
    seen: dict[str, Loc] = {}
    for item, loc in v.each_mapping(
        value, "each edition must be a mapping (date: …, title: …, sources: …)"
    ):
        what = "an edition"
        date = v.date(item, "date", what)
        what = f"the edition of {date.iso}" if date else what
        v.fields(item, what, ("date", "title", "act", "number", "sources"))
        title = v.text(item, "title", what)
        act = v.text(item, "act", what, required=False)
        num = v.string(item, "number", what, required=False)
        sources = v.sources(item, what)
        for key in ("title", "act"):
            v.text_safe(item, key)
        if date is None:
            continue
        if date.precision != "day":
            v.p.error(v.loc(item, "date"), f"the date of {what} must be a day (YYYY-MM-DD)")
            continue
        if date.iso in seen:
            v.p.error(loc, f"duplicate edition {date.iso} (first at line {seen[date.iso].line})")
            continue
        seen[date.iso] = loc
        if out and date.sort_key < out[-1].date.sort_key:
            v.p.error(
                v.loc(item, "date"),
                f"editions must be in date order: {date.iso} comes after {out[-1].date.iso}",
            )
        if title:
            out.append(Edition(date, title, act, num, sources, loc))
    return tuple(sorted(out, key=lambda e: e.date.sort_key))


def preamble(v: Validator, d: LDict) -> tuple[Text | None, tuple[Source, ...], dict[str, Loc]]:
    """``preamble: {text: {kk: …}, sources: […]}`` of the document, and where its text of
    each language stands."""
    value = d.get("preamble")
    if value is None:
        return None, (), {}
    if not isinstance(value, LDict):
        v.p.error(
            v.loc(d, "preamble"),
            "'preamble' in the document must be a mapping (text: {kk: …, …}, sources: […])",
        )
        return None, (), {}
    what = "the preamble"
    v.fields(value, what, ("text", "sources"))
    text = v.text(value, "text", what)
    sources = v.sources(value, what)
    v.text_safe(value, "text")
    raw = value.get("text")
    return text, sources, dict(raw.key_locs) if isinstance(raw, LDict) else {}


# -- the new article fields ----------------------------------------------------------------


def _edition_names(eds: tuple[Edition, ...]) -> str:
    return ", ".join(e.date.iso for e in eds)


def article_fields(
    v: Validator,
    d: LDict,
    what: str,
    history: tuple[HistoryEntry, ...],
    eds: tuple[Edition, ...],
    complete: bool | None = None,
) -> dict[str, Any]:
    """The new fields of one article, checked: keyword arguments for ``Article``."""
    complete = (COMPLETE and bool(eds)) if complete is None else complete
    known = {e.date.iso for e in eds}

    def edition(date: Date, loc: Loc, where: str) -> bool:
        if eds and date.iso not in known:
            v.p.error(
                loc,
                f"{date.iso} in {where} of {what} is not an edition of the document "
                f"(content/document.yml 'editions': {_edition_names(eds)})",
            )
            return False
        return True

    amended: dict[str, HistoryEntry] = {}
    for h in history:
        if h.kind == "adopted":
            edition(h.date, h.loc, "the 'adopted' history entry")
        if h.kind != "amended":
            continue
        edition(h.date, h.loc, "an 'amended' history entry")
        if h.date.iso in amended:
            v.p.error(
                h.loc,
                f"two 'amended' history entries of {what} for the edition of {h.date.iso} "
                f"(first at line {amended[h.date.iso].loc.line}): write one per edition",
            )
        else:
            amended[h.date.iso] = h

    if complete:
        for key in REQUIRED_WHEN_COMPLETE:
            if d.get(key) in (None, ""):
                v.p.error(d.loc, f"missing required field '{key}' in {what}")

    out: dict[str, Any] = {}
    repealed = v.date(d, "repealed", what, required=False)
    if repealed is not None and edition(repealed, v.loc(d, "repealed"), "'repealed'"):
        out["repealed"] = repealed
    out["unchanged"] = _unchanged(v, d, what, amended, edition, eds)
    out["paragraphs"] = _paragraphs(v, d, what, amended, edition, eds)
    out["successor"] = _successor(v, d, what)
    return out


def _unchanged(
    v: Validator,
    d: LDict,
    what: str,
    amended: dict[str, HistoryEntry],
    edition: Any,
    eds: tuple[Edition, ...],
) -> tuple[Date, ...]:
    value = d.get("unchanged")
    if value is None:
        return ()
    if not isinstance(value, LList):
        v.p.error(v.loc(d, "unchanged"), f"field 'unchanged' in {what} must be a list of editions")
        return ()
    out: list[Date] = []
    from explainer.validate.fields import parse_date

    for item, loc in each_item(value):
        date = parse_date(item) if not isinstance(item, (LDict, LList)) else None
        if not isinstance(date, Date):
            v.p.error(
                loc, f"'{item}' in 'unchanged' of {what} is not a date (write an edition date)"
            )
            continue
        if not edition(date, loc, "'unchanged'"):
            continue
        if eds and date == eds[0].date:
            v.p.error(
                loc,
                f"{date.iso} in 'unchanged' of {what} is the adopted text: "
                "'unchanged' lists later editions only",
            )
        elif date.iso in amended:
            v.p.error(
                loc,
                f"{date.iso} in 'unchanged' of {what} is also an 'amended' entry of its "
                f"history (line {amended[date.iso].loc.line}): an edition either changed "
                "the article or left it unchanged",
            )
        elif date in out:
            v.p.error(loc, f"{date.iso} is listed twice in 'unchanged' of {what}")
        else:
            out.append(date)
    return tuple(sorted(out, key=lambda x: x.sort_key))


def _paragraphs(
    v: Validator,
    d: LDict,
    what: str,
    amended: dict[str, HistoryEntry],
    edition: Any,
    eds: tuple[Edition, ...],
) -> tuple[Paragraph, ...]:
    value = d.get("paragraphs")
    if value is None:
        return ()
    if not isinstance(value, LList) or not value:
        v.p.error(v.loc(d, "paragraphs"), f"'paragraphs' in {what} must be a non-empty list")
        return ()
    out: list[Paragraph] = []
    first = eds[0].date if eds else None
    for item, loc in v.each_mapping(
        value, f'each paragraph of {what} must be a mapping (n: "1", text: …)'
    ):
        raw_n = v.req(item, "n", f"a paragraph of {what}")
        n = None
        if isinstance(raw_n, (str, int)) and not isinstance(raw_n, bool):
            if PARA_N_RE.match(str(raw_n)):
                n = str(raw_n)
        if n is None and raw_n is not _missing(v):
            v.p.error(
                v.loc(item, "n"),
                f'invalid paragraph number \'{raw_n}\' in {what}: write "1", "2" or "3-1"',
            )
        pw = f"paragraph {n} of {what}" if n else f"a paragraph of {what}"
        v.fields(item, pw, ("n", "text", "since", "until", "repealed"))
        text = v.text(item, "text", pw)
        v.text_safe(item, "text")
        since = v.date(item, "since", pw, required=False)
        until = v.date(item, "until", pw, required=False)
        repealed = item.get("repealed", False)
        if not isinstance(repealed, bool):
            v.p.error(v.loc(item, "repealed"), f"'repealed' in {pw} must be true or false")
            repealed = False
        ok = True
        for key, date in (("since", since), ("until", until)):
            if date is None:
                continue
            if not edition(date, v.loc(item, key), f"'{key}' of paragraph {n}"):
                ok = False
            elif date != first and date.iso not in amended:
                v.p.error(
                    v.loc(item, key),
                    f"'{key}: {date.iso}' in {pw} says that edition changed the article, "
                    f"but its history has no 'amended' entry for {date.iso}",
                )
        if since and until and until.sort_key <= since.sort_key:
            v.p.error(
                v.loc(item, "until"),
                f"'until' ({until.iso}) must be later than 'since' ({since.iso}) in {pw}",
            )
            ok = False
        if repealed and until is None:
            v.p.error(
                v.loc(item, "repealed"),
                f"'repealed: true' in {pw} needs 'until' (the edition that removed it)",
            )
            ok = False
        if n and text and ok:
            out.append(Paragraph(n, text, since, until, repealed, loc))
    by_n: dict[str, list[Paragraph]] = {}
    for p in out:
        by_n.setdefault(p.n, []).append(p)
    for n, wordings in by_n.items():
        wordings.sort(key=lambda p: p.since.sort_key if p.since else (0, 0, 0))
        for prev, cur in zip(wordings, wordings[1:], strict=False):
            start = cur.since.sort_key if cur.since else (0, 0, 0)
            if prev.until is None or prev.until.sort_key > start:
                v.p.error(
                    cur.loc,
                    f"two wordings of paragraph {n} of {what} are valid at the same time "
                    f"(lines {prev.loc.line} and {cur.loc.line}): give the earlier one "
                    "'until' and the later one 'since' (the same edition date)",
                )
    return tuple(out)


def _successor(v: Validator, d: LDict, what: str) -> Successor | None:
    value = d.get("successor")
    if value is None:
        return None
    if not isinstance(value, LDict):
        v.p.error(
            v.loc(d, "successor"),
            f"'successor' in {what} must be a mapping (status: …, articles: […], text: …, "
            "sources: […])",
        )
        return None
    sw = f"the successor of {what}"
    v.fields(value, sw, ("status", "articles", "text", "sources"))
    status = v.choice(value, "status", sw, SUCCESSOR_STATUSES)
    text = v.text(value, "text", sw)
    v.text_safe(value, "text")
    if text:
        for lang_loc, lang in ((value.loc, x) for x in text):
            if "[[art:" in text[lang]:
                raw = value.get("text")
                loc = raw.key_locs.get(lang, lang_loc) if isinstance(raw, LDict) else lang_loc
                v.p.error(
                    loc,
                    f"the '{lang}' text of {sw} uses [[art:…]], which links to the 1995 "
                    "articles: write the 2026 article numbers plainly",
                )
    sources = v.sources(value, sw, required=status not in (None, "unknown"))
    articles: list[ArticleNo] = []
    raw_articles = value.get("articles")
    if raw_articles is not None:
        if not isinstance(raw_articles, LList) or not raw_articles:
            v.p.error(v.loc(value, "articles"), f"'articles' in {sw} must be a non-empty list")
        else:
            for item, loc in each_item(raw_articles):
                num = None if isinstance(item, (LDict, LList)) else article_no(item)
                if num is None:
                    v.p.error(
                        loc,
                        f"'{item}' in 'articles' of {sw} is not an article number "
                        f'(12, or "12-1" in quotes)',
                    )
                elif num in articles:
                    v.p.error(loc, f"article {num} is listed twice in 'articles' of {sw}")
                else:
                    articles.append(num)
    if status == "carried" and raw_articles is None:
        v.p.error(
            value.loc,
            f"{sw} is 'carried' but gives no 'articles' (the 2026 article numbers)",
        )
    elif status in ("not-carried", "unknown") and raw_articles is not None:
        v.p.error(
            v.loc(value, "articles"),
            f"'articles' in {sw} must be left out when the status is '{status}'",
        )
    if status is None or text is None:
        return None
    return Successor(status, tuple(articles), text, sources, value.loc)
