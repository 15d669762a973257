"""The typed content model. Every record keeps the place it came from (``loc``)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from explainer.problems import Loc

Text = dict[str, str]
"""A text given once per language: ``{"kk": …, "ru": …, "en": …}``."""

HISTORY_KINDS = ("adopted", "amended", "lapsed")
SUCCESSOR_STATUSES = ("carried", "not-carried", "unknown")

ArticleNo = int | str
"""An article number: ``15``, or ``"83-1"`` for an article inserted by a later edition."""

_ARTICLE_NO = re.compile(r"^(\d+)(?:-(\d+))?$")


def article_no(value: object) -> ArticleNo | None:
    """The article number written as ``value`` (``15``, ``"15"``, ``"83-1"``), or ``None``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value > 0 else None
    m = _ARTICLE_NO.match(str(value))
    if not m or int(m.group(1)) == 0:
        return None
    return int(m.group(1)) if m.group(2) is None else f"{int(m.group(1))}-{int(m.group(2))}"


def article_order(number: ArticleNo) -> tuple[int, int]:
    """Sort key of an article number: 83 < 83-1 < 84."""
    if isinstance(number, int):
        return (number, 0)
    first, _, second = number.partition("-")
    return (int(first), int(second or 0))


@dataclass(frozen=True)
class Date:
    """A date known to the day, the month or the year."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        """``day``, ``month`` or ``year``."""
        return "day" if self.day else "month" if self.month else "year"

    @property
    def iso(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    @property
    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def as_date(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)


@dataclass(frozen=True)
class Source:
    """Where a fact was seen."""

    title: str
    """Human-readable name of the source (publisher, page title)."""
    url: str | None
    """Address of the page, if it has one."""
    loc: Loc


@dataclass(frozen=True)
class Language:
    """One language of the site."""

    code: str
    """BCP 47 code, used in ``<html lang>`` and in URLs (``kk``, ``ru``, ``en``)."""
    name: str
    """The language's name in itself (``Қазақша``), shown in the language switch."""
    title: str
    """The site title in this language."""
    description: str
    """One sentence describing the site, in this language."""


@dataclass(frozen=True)
class Category:
    """A category of timeline events (``categories:`` in content/site.yml)."""

    id: str
    label: Text
    """Its name per language (filters, legend, each event)."""
    shape: str
    """Its mark in the drawing: circle, square, triangle, diamond, star or ring."""
    colour: str
    """The mark's colour (``#rrggbb``)."""


@dataclass(frozen=True)
class Status:
    """A status an article can have (``statuses:`` in content/document.yml)."""

    id: str
    label: Text
    """Shown on the article page, per language."""
    document_status: bool = False
    """Whether the document's own status line follows it (e.g. for "superseded")."""


@dataclass(frozen=True)
class Site:
    """Site settings from ``content/site.yml``."""

    languages: tuple[Language, ...]
    """All languages; the first is the default, served at ``/`` without a prefix."""
    as_of: Date
    """The date up to which the content was checked ("as of")."""
    base_url: str | None
    """Public address of the hosted site, ending in ``/``; ``None`` when it has none yet
    (then no canonical links, sitemap, QR codes or printed address)."""
    repo_url: str | None
    """Address of the source repository, if public."""
    home: dict[str, str]
    """Home page introduction (Markdown) per language."""
    loc: Loc
    slug: str = "explainer"
    """Short name of the explainer, for file names: ``dist/<slug>-offline.zip``."""
    categories: tuple[Category, ...] = ()
    """Categories of timeline events, in the order of the filters and the legend."""

    @property
    def default(self) -> str:
        return self.languages[0].code

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(lang.code for lang in self.languages)


@dataclass(frozen=True)
class Section:
    """A section of the document (e.g. "VII. Courts and justice")."""

    number: int
    title: Text
    first: int
    """First article number in the section."""
    last: int
    """Last article number in the section."""
    summary: Text | None = None
    """What the section was about, per language (Markdown, references allowed)."""
    summary_locs: dict[str, Loc] = field(default_factory=dict, compare=False, hash=False)
    """Where the summary of each language stands (for messages about its references)."""


@dataclass(frozen=True)
class Document:
    """The document the articles belong to (here: the Constitution of 1995)."""

    title: Text
    """Its name per language."""
    official: Text
    """Link to the official text per language."""
    status: Text
    """One line on its status per language (e.g. "in force 1995–2026")."""
    sections: tuple[Section, ...]
    loc: Loc
    editions: tuple[Edition, ...] = ()
    """The editions of the text, oldest first (the adopted text is the first)."""
    preamble: Text | None = None
    """A plain-language account of the preamble per language (Markdown)."""
    preamble_sources: tuple[Source, ...] = ()
    preamble_locs: dict[str, Loc] = field(default_factory=dict, compare=False, hash=False)
    """Where the preamble's text of each language stands."""
    statuses: tuple[Status, ...] = ()
    """The statuses an article can have; none: articles have no status line."""
    banner: Banner | None = None
    """The notice on every page that the document lost force (``None``: no notice)."""


@dataclass(frozen=True)
class Banner:
    """The status notice of a document no longer in force (see ``explainer.banner``)."""

    text: Text
    replaced_by: str
    """The topic that explains what replaced the document."""
    link: Text
    """The text of the link to that topic."""
    loc: Loc


@dataclass(frozen=True)
class Edition:
    """One edition of the document: the text as adopted, or as an amending act left it."""

    date: Date
    """The edition's date, as used in article histories (``amended`` entries, ``unchanged``,
    paragraph ``since``/``until``)."""
    title: Text
    """A short name per language ("The amendments of 7 October 1998")."""
    act: Text | None
    """The amending act (or the referendum that adopted the text), per language."""
    number: str | None
    """The act's number, only where a source shows it."""
    sources: tuple[Source, ...]
    loc: Loc


@dataclass(frozen=True)
class TopicText:
    """A topic in one language."""

    lang: str
    title: str
    summary: str
    body: str
    """Markdown, with ``[[kind:id]]`` references not yet resolved."""
    loc: Loc
    body_line: int
    fallback: bool = False
    """True when this text is the default language standing in for a missing translation."""


@dataclass(frozen=True)
class Topic:
    """An explainer essay, one folder in ``content/topics``."""

    id: str
    order: int
    """Position in the navigation, ascending."""
    as_of: Date
    """The date the page describes."""
    articles: tuple[int, ...]
    """Article numbers the topic is about."""
    terms: tuple[str, ...]
    """Glossary term ids it explains."""
    sources: tuple[Source, ...]
    texts: dict[str, TopicText]
    loc: Loc
    locs: dict[str, Loc] = field(default_factory=dict)
    """Where each field stands (for messages about it)."""


@dataclass(frozen=True)
class HistoryEntry:
    """A dated change in an article's life."""

    date: Date
    kind: str
    """One of ``adopted``, ``amended``, ``lapsed``."""
    text: Text
    """Markdown per language; references (``[[art:42.5]]``) are resolved."""
    sources: tuple[Source, ...]
    loc: Loc
    event: str | None = None
    """The timeline event this change belongs to, if any (given, or found by its date)."""


@dataclass(frozen=True)
class Version:
    """What an article said at a given date, in plain words (compared side by side)."""

    as_of: Date
    """The date the text describes."""
    until: Date | None
    """If given, the wording did not change from ``as_of`` to this date."""
    text: Text
    """Markdown per language, a paraphrase; references are resolved."""
    sources: tuple[Source, ...]
    loc: Loc


@dataclass(frozen=True)
class Paragraph:
    """A plain-language account of one paragraph of an article, in one wording."""

    n: str
    """Its number in the last edition: ``"1"``, ``"3-1"`` (anchor ``#p3-1``)."""
    text: Text
    """Markdown per language; references are resolved."""
    since: Date | None
    """The edition that gave it this wording (``None``: the adopted text)."""
    until: Date | None
    """The edition that replaced (or removed) this wording (``None``: until the lapse)."""
    repealed: bool
    """True if the edition of ``until`` removed the paragraph."""
    loc: Loc


@dataclass(frozen=True)
class Successor:
    """Where an article's rule went in the Constitution in force since 1 July 2026."""

    status: str
    """``carried``, ``not-carried`` or ``unknown``."""
    articles: tuple[ArticleNo, ...]
    """The 2026 article numbers (only if carried)."""
    text: Text
    """Plain text per language; never auto-linked to the articles of the 1995 text."""
    sources: tuple[Source, ...]
    loc: Loc


@dataclass(frozen=True)
class Article:
    """An article of the document."""

    number: ArticleNo
    section: int | None
    """Its section's number; ``None`` when the document has no sections."""
    title: Text
    summary: Text
    """Plain-language summary per language (Markdown)."""
    status: str | None
    """One of the document's ``statuses`` (``None`` when it defines none)."""
    history: tuple[HistoryEntry, ...]
    topics: tuple[str, ...]
    terms: tuple[str, ...]
    official: Text
    """Link to the official text per language (defaults to the document's)."""
    sources: tuple[Source, ...]
    loc: Loc
    locs: dict[str, Loc] = field(default_factory=dict)
    """Where each field stands (for messages about it)."""
    versions: tuple[Version, ...] = ()
    """The wording at chosen dates, oldest first (e.g. as of 2015 and the last version)."""
    paragraphs: tuple[Paragraph, ...] = ()
    """Each paragraph in each of its wordings, in the order written."""
    unchanged: tuple[Date, ...] = ()
    """Editions that a source shows left the article untouched."""
    successor: Successor | None = None
    repealed: Date | None = None
    """The edition that removed the whole article from the text, if any."""

    @property
    def key(self) -> str:
        """The number as text (``"15"``, ``"83-1"``): ids, anchors and file names."""
        return str(self.number)


@dataclass(frozen=True)
class Event:
    """A dated event on the timeline."""

    id: str
    date: Date
    category: str
    title: Text
    text: Text
    articles: tuple[int, ...]
    topics: tuple[str, ...]
    note: Text | None
    """Where sources disagree, per language."""
    sources: tuple[Source, ...]
    loc: Loc
    locs: dict[str, Loc] = field(default_factory=dict)
    """Where each field stands (for messages about it)."""


@dataclass(frozen=True)
class Term:
    """A glossary term."""

    id: str
    term: Text
    definition: Text
    articles: tuple[int, ...]
    sources: tuple[Source, ...]
    loc: Loc
    locs: dict[str, Loc] = field(default_factory=dict)
    """Where each field stands (for messages about it)."""
    avoid: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Per language: words that must not stand for this concept (near-synonyms, common
    mistakes). Each word of a phrase matches any word that begins with it, so a stem covers
    the inflected forms; letter case counts. ``explainer check`` reports every use."""
    more: Text | None = None
    """A longer explanation, shown on the glossary page after the definition but never in
    a tooltip (the definition itself stays one sentence of at most
    :data:`~explainer.textcheck.DEFINITION_WORDS` words)."""


@dataclass(frozen=True)
class HandoutPart:
    """One topic in a handout, whole or some of its sections."""

    topic: str
    sections: tuple[int, ...]
    """Sections chosen by position: ``1`` is the first ``##`` heading and the text under it,
    ``0`` the text before the first heading. Empty: the whole topic."""
    loc: Loc


@dataclass(frozen=True)
class Handout:
    """A printable handout definition (``content/handouts/*.yml``)."""

    id: str
    title: Text
    topics: tuple[str, ...]
    """Ids of the topics it prints (in order)."""
    timeline: bool
    """Whether it prints the timeline (dates and titles of the events)."""
    editions: tuple[str, ...]
    """``kk``, ``ru``, ``en`` (one language) or ``kk-ru`` (two languages side by side)."""
    loc: Loc
    locs: dict[str, Loc] = field(default_factory=dict)
    """Where each field stands (for messages about it)."""
    parts: tuple[HandoutPart, ...] = ()
    """The topics with their chosen sections (same order as ``topics``)."""
    articles: tuple[int, ...] = ()
    """Articles to list by section of the document, each with its first sentence."""
    summary: Text | None = None
    """The lead paragraph; default: the first topic's summary."""
    timeline_years: tuple[int, int] | None = None
    """First and last year of the events printed (``timeline: {from: …, to: …}``)."""
    pages: int = 2
    """Most pages of a one-language edition (1 or 2); twice as many side by side."""

    @property
    def page_limit(self) -> dict[str, int]:
        """Most pages per edition: ``pages`` for one language, twice that side by side."""
        return {e: self.pages * len(e.split("-")) for e in self.editions}


@dataclass(frozen=True)
class Milestone:
    """A focused timeline (e.g. "1995: adoption"): a page of its own with chosen events."""

    id: str
    """Becomes the page ``timeline/<id>`` (keep it once published)."""
    title: Text
    intro: Text
    """A short introduction per language (Markdown, references allowed)."""
    start: Date | None
    """``from``: events on or after this date belong to it (with ``end``)."""
    end: Date | None
    """``to``: events on or before this date (the whole month or year if less precise)."""
    extra: tuple[str, ...]
    """``events``: event ids added to those in the date range."""
    events: tuple[str, ...]
    """The resulting event ids, in timeline order (computed by ``validate``)."""
    loc: Loc
    locs: dict[str, Loc] = field(default_factory=dict)
    """Where each field stands (for messages about it)."""


@dataclass
class Content:
    """All content, checked."""

    site: Site
    document: Document
    topics: list[Topic] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    handouts: list[Handout] = field(default_factory=list)
    ui: dict[str, dict[str, str]] = field(default_factory=dict)
    """UI strings per language."""
    milestones: list[Milestone] = field(default_factory=list)
    """Focused timelines, in date order."""
    diagrams: dict[str, Any] = field(default_factory=dict)
    """Diagrams by id (``explainer.render.diagram_svg.Diagram``)."""
