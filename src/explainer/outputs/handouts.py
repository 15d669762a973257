"""Handouts, the pure part: the HTML of every handout edition, from the linked model.

A handout (``content/handouts/*.yml``) prints one or more topics (whole, or some of their
``##`` sections), a list of articles by section of the document, and/or the timeline, in one
language (edition ``kk``) or in two languages side by side (edition ``kk-ru``: a table whose
rows pair the same paragraph in each language). The HTML is made with the Jinja2 templates in
``templates/handout/`` and the print stylesheet ``templates/handout/handout.css``; turning it
into PDF files (WeasyPrint, cache, disk) is the job of ``handout_pdf``.

Everything here is a pure function of the linked model: same content, same HTML, same bytes.
"""

from __future__ import annotations

import base64
import html
import io
import re
from dataclasses import dataclass, field
from typing import Any

import jinja2
import markdown
import segno

from explainer import layout
from explainer.link import Linked
from explainer.model import Date, Handout, HandoutPart
from explainer.problems import Loc
from explainer.text import fonts
from explainer.text.dates import format_date
from explainer.text.markdown import (
    HEADING_RE,
    NUMBERED_RE,
    excerpt_text,
    split_blocks,
    split_sections,
)

SENTENCE_END_RE = re.compile(r"(?<=[.!?…])[»\"”)]?\s+(?=\d+\.\s|[«\"“(]?[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ])")
NUMBER_WORD_RE = re.compile(r"\b\d+[-‑–]\w+")

MARKDOWN_EXTENSIONS = [
    "abbr",
    "attr_list",
    "def_list",
    "footnotes",
    "md_in_html",
    "tables",
    "sane_lists",
]


# -- the content of a handout, block by block ---------------------------------------------


EVENT_SENTENCE_END_RE = re.compile(
    r"(?<=[.!?…])(?<!\bNo\.)(?<!\bп\.)(?<!\bст\.)(?<!\bг\.)[»\"”)]?\s+(?=[«\"“(]?[0-9A-ZА-ЯЁӘҒҚҢӨҰҮҺІ])"
)
"""The end of a sentence in an event's text, where the next one may begin with a year
("2010 жылдан…"), but not after "No.", «п.», «ст.», «г.»."""


def event_sentence(md: str) -> str:
    """The first sentence of an event's text, as plain text (a timeline handout's line)."""
    return EVENT_SENTENCE_END_RE.split(excerpt_text(md), maxsplit=1)[0]


def first_sentence(md: str) -> str:
    """The first sentence of the first paragraph, as plain text (a leading ``1.`` of a
    numbered list is dropped)."""
    para = md.strip().split("\n\n", 1)[0]
    text = NUMBERED_RE.sub("", excerpt_text(para), count=1)
    return SENTENCE_END_RE.split(text, maxsplit=1)[0]


@dataclass
class Block:
    """One piece of a handout in one language: HTML, and its role (``h2``, ``h3``, ``p``,
    ``event``, ``article``)."""

    kind: str
    html: str
    cells: tuple[str, ...] = ()
    """The same, as the cells of a table row (timeline entries in one language)."""


@dataclass
class Group:
    """A heading and what stands under it, in one language. Groups are the same in every
    language of a handout; their blocks may not be (a translator may split a paragraph)."""

    key: str
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Row:
    """A row of the side-by-side edition: the same text in each language."""

    kind: str
    """``heading`` (kept with the next row), ``text``, or ``rest`` (unequal blocks: a row
    that may break across pages)."""
    cells: list[str]


# -- addresses ----------------------------------------------------------------------------


def edition_langs(edition: str) -> tuple[str, ...]:
    return tuple(edition.split("-"))


def home_page(h: Handout) -> str:
    """The page a handout is the printout of (its QR code leads there)."""
    if h.topics:
        return layout.topic(h.topics[0])
    if h.timeline:
        return layout.TIMELINE
    return layout.ARTICLES


def online_url(linked: Linked, lang: str, page: str) -> str | None:
    """The public address of ``page`` in ``lang`` (on the hosted site); ``None`` when the
    site has no ``base_url``."""
    site = linked.content.site
    return layout.public_url(site.base_url, lang, site.default, page)


def a_href(url: str | None, inner: str) -> str:
    """``inner`` (HTML) linked to ``url``, or as it is when there is no address."""
    return f'<a href="{html.escape(url)}">{inner}</a>' if url else inner


def pages_of(h: Handout) -> set[str]:
    """Pages that link the handout: its topics, and the timeline or articles page."""
    out = {layout.topic(t) for t in h.topics}
    if h.timeline:
        out.add(layout.TIMELINE)
    if h.articles:
        out.add(layout.ARTICLES)
    return out


@dataclass(frozen=True)
class PageLink:
    """A link from a site page to a handout PDF."""

    label: str
    site_path: str
    """Relative to the site root (``layout.handout_pdf``); templates link it with
    ``layout.site_file``, which the engine adapter makes relative for its URL layout
    (``topics/x/`` hosted, ``topics/x.html`` offline)."""


def links_for_page(linked: Linked, lang: str, page: str) -> list[tuple[Handout, list[PageLink]]]:
    """The handouts to link from ``page`` in ``lang``: the edition in that language and every
    side-by-side edition that includes it."""
    c = linked.content
    names = {x.code: x.name for x in c.site.languages}
    out = []
    for h in c.handouts:
        if page not in pages_of(h):
            continue
        links = []
        for e in h.editions:
            langs = edition_langs(e)
            if lang not in langs:
                continue
            label = " | ".join(names[x] for x in langs)
            links.append(PageLink(label, layout.handout_pdf(e, h.id)))
        if links:
            out.append((h, links))
    return out


# -- Markdown to HTML ---------------------------------------------------------------------


def keep_together(html_text: str) -> str:
    """No line break inside "76-бап", "1995-2026" and the like: the hyphen there is no place
    to break a line (and no hyphenation is faked anywhere)."""
    parts = re.split(r"(<[^>]+>)", html_text)
    in_svg = False
    for i in range(0, len(parts)):
        if i % 2:
            in_svg = parts[i].startswith("<svg") or (in_svg and parts[i] != "</svg>")
            continue
        if not in_svg:  # no HTML inside a drawing's text
            parts[i] = NUMBER_WORD_RE.sub(r'<span class="nb">\g<0></span>', parts[i])
    return "".join(parts)


def md_html(text: str, linked: Linked) -> str:
    """A text's HTML for print: its page references are public addresses."""
    out = markdown.markdown(text, extensions=MARKDOWN_EXTENSIONS, output_format="html")
    site = linked.content.site
    return keep_together(layout.public_links(out, site.base_url, site.default))


def qr_data_uri(url: str) -> str:
    """A QR code of ``url`` as an SVG data URI, made locally (segno); 1 unit per module."""
    buf = io.BytesIO()
    segno.make(url, error="m", micro=False).save(
        buf, kind="svg", scale=1, border=2, xmldecl=False, svgclass=None, lineclass=None
    )
    return "data:image/svg+xml;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def css_string(text: str) -> str:
    """``text`` as a CSS string literal (safe inside ``<style>``: no ``<`` left)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ")
    return '"' + escaped.replace("<", "\\3c ") + '"'


def page_counter_css(template: str) -> str:
    """``"Page {page} of {pages}"`` as CSS ``content``: strings and page counters."""
    parts = []
    for piece in re.split(r"(\{page\}|\{pages\})", template):
        if piece == "{page}":
            parts.append("counter(page)")
        elif piece == "{pages}":
            parts.append("counter(pages)")
        elif piece:
            parts.append(css_string(piece))
    return " ".join(parts)


# -- building the groups of one language ----------------------------------------------------


class Builder:
    """The groups of a handout in one language."""

    def __init__(self, linked: Linked, h: Handout, lang: str) -> None:
        self.linked = linked
        self.c = linked.content
        self.h = h
        self.lang = lang
        self.ui = self.c.ui[lang]

    def date(self, d: Date) -> str:
        return format_date(d, self.ui)

    def groups(self) -> list[Group]:
        out: list[Group] = []
        several = len(self.h.parts) > 1
        for part in self.h.parts:
            out.extend(self.topic_groups(part, several))
        if self.h.articles:
            out.extend(self.article_groups())
        if self.h.timeline:
            out.extend(self.timeline_groups())
        return [g for g in out if g.blocks]

    def topic_groups(self, part: HandoutPart, several: bool) -> list[Group]:
        topic = next(t for t in self.c.topics if t.id == part.topic)
        body = self.linked.bodies[("topic", topic.id, self.lang)]
        sections = split_sections(body)
        chosen = part.sections or tuple(range(len(sections)))
        shift = 1 if several else 0
        groups: list[Group] = []
        if several:
            title = html.escape(topic.texts[self.lang].title)
            groups.append(Group(f"{topic.id}:title", [Block("h2", f"<h2>{title}</h2>")]))
        for n in chosen:
            if n >= len(sections):
                continue
            g = Group(f"{topic.id}:{n}")
            for block in split_blocks(sections[n]):
                m = HEADING_RE.match(block)
                if m:
                    level = min(len(m.group(1)) + shift, 4)
                    inner = md_html(m.group(2), self.linked)
                    inner = re.sub(r"^<p>(.*)</p>$", r"\1", inner, flags=re.S)
                    g.blocks.append(Block(f"h{level}", f"<h{level}>{inner}</h{level}>"))
                else:
                    g.blocks.append(Block("p", md_html(block, self.linked)))
            groups.append(g)
        return groups

    def article_groups(self) -> list[Group]:
        doc = self.c.document
        arts = {a.number: a for a in self.c.articles}
        chosen = [arts[n] for n in self.h.articles if n in arts]
        groups = []
        for s in doc.sections:
            g = Group(f"section:{s.number}")
            head = (
                f"{self.ui['section'].format(n=s.number)}. {s.title[self.lang]} "
                f"({self.ui['articles_range'].format(first=s.first, last=s.last)})"
            )
            g.blocks.append(Block("h3", f"<h3>{html.escape(head)}</h3>"))
            for a in chosen:
                if a.section == s.number:
                    g.blocks.append(self.article_block(a))
            groups.append(g)
        in_sections = {s.number for s in doc.sections}
        rest = [a for a in chosen if a.section not in in_sections]
        if rest:
            groups.append(Group("section:other", [self.article_block(a) for a in rest]))
        return groups

    def article_block(self, a: Any) -> Block:
        title = self.ui["article_title"].format(n=a.number, title=a.title[self.lang])
        text = first_sentence(self.linked.bodies[("article", str(a.number), self.lang)])
        url = online_url(self.linked, self.lang, layout.article(a.number))
        return Block(
            "article",
            f'<p class="article">{a_href(url, f"<b>{html.escape(title)}.</b>")} '
            f"{html.escape(text)}</p>",
        )

    def timeline_groups(self) -> list[Group]:
        years = self.h.timeline_years
        events = [e for e in self.c.events if years is None or years[0] <= e.date.year <= years[1]]
        g = Group("timeline")
        for e in events:
            url = online_url(self.linked, self.lang, layout.event_anchor(e.id))
            date = html.escape(self.date(e.date))
            title = a_href(url, f"<b>{html.escape(excerpt_text(e.title[self.lang]))}</b>")
            body = self.linked.bodies
            text = event_sentence(body[("event-text", e.id, self.lang)])
            what = f"{title}. {html.escape(text)}"
            if e.note:  # marked with the site's label; the online timeline has the note
                label = html.escape(self.ui["sources_disagree"])
                what += f' <span class="az-disputed">({label})</span>'
            g.blocks.append(
                Block("event", f'<p class="event"><b>{date}</b><br>{what}</p>', (date, what))
            )
        return [g]

    def lead(self) -> str:
        if self.h.summary:
            return self.h.summary[self.lang]
        if self.h.topics:
            topic = next(t for t in self.c.topics if t.id == self.h.topics[0])
            return topic.texts[self.lang].summary
        if self.h.articles:
            return self.c.document.status[self.lang]
        return ""


def align(per_lang: list[list[Group]]) -> list[Row]:
    """Rows of the side-by-side edition. Blocks are paired one to one when every language
    has the same number of them in a group; otherwise the group's heading is paired and the
    rest goes into one row."""
    rows: list[Row] = []
    for groups in zip(*per_lang, strict=True):
        counts = {len(g.blocks) for g in groups}
        if len(counts) == 1:
            for blocks in zip(*(g.blocks for g in groups), strict=True):
                kind = "heading" if blocks[0].kind.startswith("h") else "text"
                rows.append(Row(kind, [b.html for b in blocks]))
            continue
        start = 0
        if all(g.blocks and g.blocks[0].kind.startswith("h") for g in groups):
            rows.append(Row("heading", [g.blocks[0].html for g in groups]))
            start = 1
        rows.append(Row("rest", ["\n".join(b.html for b in g.blocks[start:]) for g in groups]))
    return rows


# -- the HTML of one edition ----------------------------------------------------------------

_ENV: jinja2.Environment | None = None


def env() -> jinja2.Environment:
    global _ENV
    if _ENV is None:
        _ENV = jinja2.Environment(
            loader=jinja2.PackageLoader("explainer", "templates/handout"),
            autoescape=True,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
        )
    return _ENV


def font_faces() -> str:
    """``@font-face`` rules for the shipped font (the site's Noto Sans), one family name per
    subset file: WeasyPrint garbles text when several files with ``unicode-range`` share one
    family, while a list of families falls back letter by letter (``var(--az-font)``)."""
    rules = []
    for weight in fonts.WEIGHTS:
        for subset, path in zip(fonts.SUBSETS, fonts.files(weight), strict=True):
            rules.append(
                f'@font-face {{ font-family: "{fonts.FAMILY} {subset}"; font-weight: {weight}; '
                f'font-style: normal; src: url("{path.as_uri()}") format("woff2"); }}'
            )
    return "\n".join(rules) + "\n"


def stylesheet() -> str:
    """The print stylesheet of the handouts (A4, the shipped Noto Sans, black and white)."""
    loader = env().loader
    assert loader is not None
    source, _, _ = loader.get_source(env(), "handout.css")
    return font_faces() + source


def as_of(linked: Linked, h: Handout) -> Date:
    """The date a handout describes: the latest "as of" of its topics, else the site's."""
    dates = [t.as_of for t in linked.content.topics if t.id in h.topics]
    if h.timeline or h.articles or not dates:
        dates.append(linked.content.site.as_of)
    return max(dates, key=lambda d: d.sort_key)


def handout_html(linked: Linked, h: Handout, edition: str) -> str:
    """The complete HTML document of one edition of a handout."""
    c = linked.content
    langs = edition_langs(edition)
    builders = [Builder(linked, h, lang) for lang in langs]
    page = home_page(h)
    date = as_of(linked, h)
    per_lang: list[dict[str, Any]] = []
    for b in builders:
        url = online_url(linked, b.lang, page)
        per_lang.append(
            {
                "lang": b.lang,
                "name": next(x.name for x in c.site.languages if x.code == b.lang),
                "site_title": next(x.title for x in c.site.languages if x.code == b.lang),
                "title": h.title[b.lang],
                "lead": b.lead(),
                "as_of": b.ui["as_of"].format(date=b.date(date)),
                "url": url,
                "address": re.sub(r"^https?://", "", url) if url else None,
                "qr": qr_data_uri(url) if url else None,
                "more": b.ui["handout_more"],
                "page_css": page_counter_css(b.ui["handout_page"]),
                "groups": b.groups(),
            }
        )
    first = per_lang[0]
    header_title = " · ".join(x["title"] for x in per_lang)
    header_as_of = first["as_of"]
    template = "parallel.html.j2" if len(langs) > 1 else "single.html.j2"
    return (
        env()
        .get_template(template)
        .render(
            h=h,
            edition=edition,
            langs=per_lang,
            first=first,
            css=stylesheet(),
            header_title_css=css_string(header_title),
            header_as_of_css=css_string(header_as_of),
            page_css=' " · " '.join(x["page_css"] for x in per_lang),
            rows=align([x["groups"] for x in per_lang]) if len(langs) > 1 else [],
        )
    )


@dataclass(frozen=True)
class Job:
    """One PDF to make."""

    rel: str
    """Path under ``dist/handouts/`` and ``site/handouts/``: ``<edition>/<id>.pdf``."""
    handout: str
    edition: str
    html: str
    limit: int
    """Most pages allowed."""
    loc: Loc


def jobs(linked: Linked) -> list[Job]:
    """Every handout edition of the content, sorted by path."""
    out = []
    for h in linked.content.handouts:
        for e in h.editions:
            out.append(
                Job(
                    layout.handout_file(e, h.id),
                    h.id,
                    e,
                    handout_html(linked, h, e),
                    h.page_limit[e],
                    h.locs.get("editions", h.loc),
                )
            )
    return sorted(out, key=lambda j: j.rel)
