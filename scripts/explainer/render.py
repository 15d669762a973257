"""Stage 4: render the linked model into Markdown pages, one language per pass. Pure."""

from __future__ import annotations

import html
import json
from typing import Any

import jinja2

from . import paths
from .link import Linked, Ref, md_text
from .model import Date

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
        _ENV.filters["h"] = lambda s: html.escape(str(s), quote=False)
        _ENV.filters["attr"] = lambda s: json.dumps(str(s), ensure_ascii=False)
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
        return str(ui["date_day"]).format(y=date.year, d=date.day,
                                          month=ui["months"][date.month - 1])
    if date.month:
        return str(ui["date_month"]).format(y=date.year,
                                            month=ui["months_nominative"][date.month - 1])
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

    def ref_link(self, ref: Ref, page: str) -> str:
        """A Markdown link to a referenced item, titled in this language."""
        if ref.kind == "topic":
            return f"[{md_text(self.topics[ref.id].texts[self.lang].title)}]" \
                   f"({paths.rel(page, paths.topic(ref.id))})"
        if ref.kind == "article":
            a = self.articles[int(ref.id)]
            label = self.ui["article_title"].format(n=a.number, title=a.title[self.lang])
            return f"[{md_text(label)}]({paths.rel(page, paths.article(a.number))})"
        if ref.kind == "term":
            return f"[{md_text(self.terms[ref.id].term[self.lang])}]" \
                   f"({paths.rel(page, paths.term_anchor(ref.id))})"
        e = self.events[ref.id]
        return f"[{md_text(self.date(e.date))} — {md_text(e.title[self.lang])}]" \
               f"({paths.rel(page, paths.event_anchor(ref.id))})"

    def body(self, kind: str, id: str | int) -> str:
        return self.linked.bodies[(kind, str(id), self.lang)]


def render(linked: Linked, lang: str) -> dict[str, str]:
    """All Markdown pages of one language: ``{path in docs/<lang>/: text}``."""
    ctx = PageContext(linked, lang)
    c = linked.content
    e = env()
    common = {"ctx": ctx, "ui": ctx.ui, "site": c.site, "lang": lang, "paths": paths,
              "language": next(x for x in c.site.languages if x.code == lang),
              "document": c.document}
    pages: dict[str, str] = {}

    def put(path: str, template: str, **extra: Any) -> None:
        pages[path] = e.get_template(template).render(page=path, **common, **extra)

    put(paths.HOME, "home.md.j2")
    put(paths.TOPICS, "topics.md.j2")
    for t in c.topics:
        put(paths.topic(t.id), "topic.md.j2", topic=t, text=t.texts[lang])
    put(paths.ARTICLES, "articles.md.j2")
    for a in c.articles:
        put(paths.article(a.number), "article.md.j2", article=a,
            cited_by=linked.article_cited_by.get(a.number, []))
    years: dict[int, list[Any]] = {}
    for ev in c.events:
        years.setdefault(ev.date.year, []).append(ev)
    put(paths.TIMELINE, "timeline.md.j2", years=years)
    put(paths.GLOSSARY, "glossary.md.j2")
    return pages


def nav(linked: Linked, lang: str) -> list[Any]:
    """The MkDocs navigation for one language, with titles in that language."""
    c = linked.content
    ui = c.ui[lang]
    return [
        {ui["home"]: paths.HOME},
        {ui["topics"]: [paths.TOPICS] + [paths.topic(t.id) for t in c.topics]},
        {ui["articles"]: [paths.ARTICLES] + [paths.article(a.number) for a in c.articles]},
        {ui["timeline"]: paths.TIMELINE},
        {ui["glossary"]: paths.GLOSSARY},
    ]
