"""Stage 4: render the linked model into Markdown pages, one language per pass. Pure."""

from __future__ import annotations

import html
import json
import re
from typing import Any

import jinja2

from . import banner, collate, handouts, parallel, paths, svg
from .link import Linked, Ref, md_text
from .model import CATEGORIES, Date, Event, article_no

_ENV: jinja2.Environment | None = None


def env() -> jinja2.Environment:
    global _ENV
    if _ENV is None:
        _ENV = jinja2.Environment(
            loader=jinja2.PackageLoader("explainer", "templates"),
            autoescape=False,  # the output is Markdown; content text is escaped with |t
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
            # Markdown uses "{#id}" for heading anchors: keep Jinja comments out of its way.
            comment_start_string="{##",
            comment_end_string="##}",
        )
        _ENV.filters["t"] = md_text
        # Front matter: MkDocs and Material put titles and descriptions into HTML text and
        # attributes (content="…", title="…") without escaping them.
        _ENV.filters["h"] = lambda s: html.escape(str(s), quote=False).replace('"', "&quot;")
        _ENV.filters["attr"] = lambda s: json.dumps(str(s), ensure_ascii=False)
        _ENV.filters["hattr"] = lambda s: html.escape(str(s), quote=True)
        _ENV.globals["icon"] = svg.icon
        _ENV.globals["alphabetical"] = collate.alphabetical
        _ENV.filters["unique_sources"] = _unique_sources
        _ENV.globals["ref"] = lambda kind, id: Ref(kind, str(id))
    return _ENV


def _unique_sources(items: Any) -> list[Any]:
    seen: set[tuple[str, str | None]] = set()
    out = []
    for s in items:
        if (s.title, s.url) not in seen:
            seen.add((s.title, s.url))
            out.append(s)
    return out


def format_date(date: Date, ui: dict[str, Any]) -> str:
    if date.day:
        assert date.month
        return str(ui["date_day"]).format(
            y=date.year, d=date.day, month=ui["months"][date.month - 1]
        )
    if date.month:
        return str(ui["date_month"]).format(
            y=date.year, month=ui["months_nominative"][date.month - 1]
        )
    return str(ui["date_year"]).format(y=date.year)


class PageContext:
    """What templates see for one language."""

    def __init__(self, linked: Linked, lang: str) -> None:
        self.linked = linked
        self.c = linked.content
        self.lang = lang
        self.ui = self.c.ui[lang]
        self.topics = {t.id: t for t in self.c.topics}
        self.articles = {a.number: a for a in self.c.articles}
        self.terms = {t.id: t for t in self.c.terms}
        self.events = {e.id: e for e in self.c.events}
        # Look-ups the templates need per page, built once: a template never scans every
        # section for each article, or every article for each section (cost: the square
        # of the content).
        self.sections: dict[int, list[Any]] = {}
        for s in self.c.document.sections:
            self.sections.setdefault(s.number, []).append(s)
        self._by_section: dict[int | None, list[Any]] = {}
        for a in self.c.articles:
            key = a.section if a.section in self.sections else None
            self._by_section.setdefault(key, []).append(a)

    def articles_in(self, section: int | None) -> list[Any]:
        """The articles of a section, in order; ``None``: those of no known section."""
        return self._by_section.get(section, [])

    def date(self, d: Date) -> str:
        return format_date(d, self.ui)

    def paragraph_groups(self, article: Any) -> list[tuple[str, list[tuple[int, Any]]]]:
        """An article's paragraphs by number, in the order first written: each with its
        wordings as ``(index, paragraph)``, the latest first."""
        groups: dict[str, list[tuple[int, Any]]] = {}
        for i, para in enumerate(article.paragraphs):
            groups.setdefault(para.n, []).append((i, para))
        for wordings in groups.values():
            wordings.sort(key=lambda w: w[1].since.sort_key if w[1].since else (0, 0, 0))
            wordings.reverse()
        return list(groups.items())

    def wording_range(self, para: Any) -> str:
        """The dates a wording was valid, from its edition to the next (or to the lapse)."""
        eds = self.c.document.editions
        start = para.since or (eds[0].date if eds else None)
        if start is None or para.until is None:
            return ""
        return str(self.ui["para_range"]).format(start=self.date(start), end=self.date(para.until))

    def successor_articles(self, successor: Any) -> str:
        """The 2026 article numbers, plain (never links to the 1995 articles)."""
        names = [self.ui["successor_article"].format(n=n) for n in successor.articles]
        return str(self.ui["successor_articles"]).format(articles=", ".join(names))

    def ref_link(self, ref: Ref, page: str) -> str:
        """A Markdown link to a referenced item, titled in this language."""
        if ref.kind == "topic":
            return (
                f"[{md_text(self.topics[ref.id].texts[self.lang].title)}]"
                f"({paths.rel(page, paths.topic(ref.id))})"
            )
        if ref.kind == "article":
            a = self.articles[article_no(ref.id)]
            label = self.ui["article_title"].format(n=a.number, title=a.title[self.lang])
            return f"[{md_text(label)}]({paths.rel(page, paths.article(a.number))})"
        if ref.kind == "term":
            return (
                f"[{md_text(self.terms[ref.id].term[self.lang])}]"
                f"({paths.rel(page, paths.term_anchor(ref.id))})"
            )
        e = self.events[ref.id]
        return (
            f"[{md_text(self.date(e.date))} — {md_text(e.title[self.lang])}]"
            f"({paths.rel(page, paths.event_anchor(ref.id))})"
        )

    def handout_links(self, page: str) -> list[Any]:
        """Handouts printed from ``page``, with links to their PDFs in this language."""
        return handouts.links_for_page(self.linked, self.lang, page)

    def body(self, kind: str, id: str | int) -> str:
        return self.linked.bodies[(kind, str(id), self.lang)]

    def drawing(
        self,
        events: list[Event],
        title: str,
        *,
        first_year: int | None = None,
        dates: bool = False,
        prefix: str = "",
    ) -> str:
        """The drawn timeline of ``events`` (HTML: a figure of SVGs), in this language."""
        items = [
            svg.Item(
                id=e.id,
                year=e.date.year,
                category=e.category,
                label=plain(self.body(prefix + "event-title", e.id)),
                tooltip=f"{self.date(e.date)} — {plain(self.body(prefix + 'event-title', e.id))}",
                date=self.date(e.date) if dates else "",
            )
            for e in events
        ]
        years = [e.date.year for e in events]
        first, last = first_year or min(years), max(years)
        cats = [c for c in CATEGORIES if any(e.category == c for e in events)]
        name = self.ui["drawing_title"].format(
            years=f"{first}–{last}" if first != last else str(first), n=len(events)
        )
        name = f"{title}. {name}" if title else name
        return svg.figure(
            svg.draw(
                items,
                first_year=first,
                last_year=last,
                title=name,
                legend=[(c, self.ui[f"category_{c}"]) for c in cats],
            ),
            name,
        )


def plain(markdown: str) -> str:
    """The text a reader sees in a resolved one-line Markdown string (for the drawing)."""
    text = re.sub(r"<[^>]+>", "", markdown)
    text = re.sub(r"\[((?:\\.|[^\]\\])*)\]\([^)\s]*\)", r"\1", text)
    text = re.sub(r"\\([\\`*_\[\]])", r"\1", text)
    return html.unescape(text)


def by_year(events: list[Event]) -> dict[int, list[Event]]:
    years: dict[int, list[Event]] = {}
    for ev in events:
        years.setdefault(ev.date.year, []).append(ev)
    return years


def render(linked: Linked, lang: str) -> dict[str, str]:
    """All Markdown pages of one language: ``{path in docs/<lang>/: text}``."""
    ctx = PageContext(linked, lang)
    c = linked.content
    e = env()
    common = {
        "ctx": ctx,
        "ui": ctx.ui,
        "site": c.site,
        "lang": lang,
        "paths": paths,
        "language": next(x for x in c.site.languages if x.code == lang),
        "document": c.document,
        "parallel_pairs": parallel.pairs(c.site.codes)[lang],
    }
    pages: dict[str, str] = {}
    notice, quiet = c.document.banner, banner.skipped(c.document.banner)

    def put(path: str, template: str, **extra: Any) -> None:
        text = e.get_template(template).render(page=path, **common, **extra)
        pages[path] = banner.add(notice, lang, path, text, quiet)

    put(paths.HOME, "home.md.j2")
    put(paths.TOPICS, "topics.md.j2")
    for t in c.topics:
        put(paths.topic(t.id), "topic.md.j2", topic=t, text=t.texts[lang])
    put(paths.ARTICLES, "articles.md.j2")
    for a in c.articles:
        put(
            paths.article(a.number),
            "article.md.j2",
            article=a,
            cited_by=linked.article_cited_by.get(a.number, []),
        )
    counts = {cat: sum(1 for ev in c.events if ev.category == cat) for cat in CATEGORIES}
    put(
        paths.TIMELINE,
        "timeline.md.j2",
        years=by_year(c.events),
        categories=[(cat, n) for cat, n in counts.items() if n],
        drawing=ctx.drawing(
            c.events, "", first_year=min((ev.date.year for ev in c.events), default=0) // 5 * 5
        )
        if c.events
        else "",
    )
    for m in c.milestones:
        events = [ctx.events[eid] for eid in m.events]
        put(
            paths.milestone(m.id),
            "milestone.md.j2",
            milestone=m,
            years=by_year(events),
            drawing=ctx.drawing(events, m.title[lang], dates=True, prefix="milestone-"),
        )
    put(paths.GLOSSARY, "glossary.md.j2")
    _parallel_pages(linked, lang, put)
    return pages


def _parallel_pages(linked: Linked, lang: str, put: Any) -> None:
    """The side-by-side page of every topic and article in this language's build."""
    c = linked.content
    pairs = parallel.pairs(c.site.codes)[lang]
    if not pairs:
        return
    cols = pairs[0]
    names = {x.code: x.name for x in c.site.languages}
    ctxs = {code: PageContext(linked, code) for code in cols}
    items: list[tuple[str, str, str, Any, dict[str, list[parallel.Section]]]] = []
    for t in c.topics:
        texts = {}
        for col in cols:
            tx = t.texts[col]
            head = [f'<strong class="az-par__title">{md_text(tx.title)}</strong>'] + (
                [linked.bodies[("summary-topic", t.id, col)]] if tx.summary else []
            )
            texts[col] = [
                parallel.Section(None, tuple(head)),
                *parallel.split(linked.bodies[("topic", t.id, col)]),
            ]
        items.append(
            (paths.topic(t.id), paths.parallel_topic(t.id), t.texts[lang].title, t.sources, texts)
        )
    for a in c.articles:
        texts = {}
        for col in cols:
            ui = ctxs[col].ui
            head = f"**{md_text(ui['article_title'].format(n=a.number, title=a.title[col]))}**"
            src = (
                env()
                .get_template("parallel_article.md.j2")
                .render(
                    ctx=ctxs[col],
                    ui=ui,
                    lang=col,
                    page=paths.article(a.number),
                    paths=paths,
                    article=a,
                )
            )
            texts[col] = [parallel.Section(None, (head,)), *parallel.split(src)]
        title = c.ui[lang]["article_title"].format(n=a.number, title=a.title[lang])
        sources = (
            a.sources
            + sum((h.sources for h in a.history), ())
            + sum((v.sources for v in a.versions), ())
            + (a.successor.sources if a.successor else ())
        )
        items.append(
            (paths.article(a.number), paths.parallel_article(a.number), title, sources, texts)
        )
    for original, page, title, sources, texts in items:
        rows = []
        for n, row in enumerate(parallel.align(*(texts[col] for col in cols)), 1):
            cells = []
            for col, cell in zip(cols, row.cells, strict=True):
                if cell is not None:
                    cell = f"{cell} {{#{col}-{n}}}" if row.heading else parallel.standalone(cell)
                    cell = (
                        parallel.rebase(cell, original, page)
                        if col == lang
                        else parallel.relink(cell, original, col, page, lang, c.site.default)
                    )
                cells.append(cell)
            rows.append(parallel.Row(row.heading, tuple(cells)))
        columns = [
            {
                "lang": col,
                "name": names[col],
                "original_label": c.ui[col]["parallel_original"],
                "original": paths.rel(page, original)
                if col == lang
                else paths.cross(page, lang, original, col, c.site.default),
            }
            for col in cols
        ]
        extra = [
            {
                "lang": a_,
                "label": f"{a_} | {b_}",
                "href": paths.cross(page, lang, page, a_, c.site.default),
            }
            for a_, b_ in pairs[1:]
        ]
        put(
            page,
            "parallel.md.j2",
            title=title,
            cols=cols,
            columns=columns,
            rows=rows,
            extra=extra,
            sources=sources,
        )


def nav(linked: Linked, lang: str) -> list[Any]:
    """The MkDocs navigation for one language, with titles in that language."""
    c = linked.content
    ui = c.ui[lang]
    return [
        {ui["home"]: paths.HOME},
        {ui["topics"]: [paths.TOPICS] + [paths.topic(t.id) for t in c.topics]},
        {ui["articles"]: [paths.ARTICLES] + [paths.article(a.number) for a in c.articles]},
        {
            ui["timeline"]: [{ui["timeline_all"]: paths.TIMELINE}]
            + [
                # MkDocs puts nav titles into HTML as they are: escape content text.
                {html.escape(m.title[lang], quote=False): paths.milestone(m.id)}
                for m in c.milestones
            ]
            if c.milestones
            else paths.TIMELINE
        },
        {ui["glossary"]: paths.GLOSSARY},
    ]
