"""Stage 4: render the linked model into Markdown pages, one language per pass. Pure."""

from __future__ import annotations

import html
import json
import re
from typing import Any, cast

import jinja2

from explainer import layout
from explainer.link import Linked, Linker, Ref
from explainer.model import ArticleNo, Date, Event, article_no, article_order
from explainer.outputs import handouts
from explainer.problems import Problems
from explainer.render import banner, parallel, svg
from explainer.text import collate
from explainer.text.dates import format_date
from explainer.text.markdown import MD_LINK_RE, TAG_RE, md_text, visible_text

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
        _ENV.globals["article_no"] = article_no
    return _ENV


def _unique_sources(items: Any) -> list[Any]:
    seen: set[tuple[str, str | None]] = set()
    out = []
    for s in items:
        if (s.title, s.url) not in seen:
            seen.add((s.title, s.url))
            out.append(s)
    return out


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

        self._words = Linker(self.c, Problems()).words_only
        self.marks = {c.id: (c.shape, c.colour) for c in self.c.site.categories}
        self._categories = {c.id: c.label[lang] for c in self.c.site.categories}
        self._statuses = {x.id: x for x in self.c.document.statuses}

    def category_label(self, category: str) -> str:
        """A category's name in this language (content/site.yml ``categories``)."""
        return self._categories[category]

    def icon(self, category: str) -> str:
        """A category's mark, for the filters and each event."""
        return svg.icon(self.marks[category])

    def status_label(self, status: str | None) -> str:
        """An article status's label in this language (content/document.yml ``statuses``)."""
        return self._statuses[status].label[self.lang] if status else ""

    def with_document_status(self, status: str | None) -> bool:
        """Whether the document's status line follows this article status."""
        if not status:
            return False
        return self._statuses[status].document_status

    def articles_in(self, section: int | None) -> list[Any]:
        """The articles of a section, in order; ``None``: those of no known section."""
        return self._by_section.get(section, [])

    def date(self, d: Date) -> str:
        return format_date(d, self.ui)

    def summary(self, text: str | None, markdown: bool = True) -> str:
        """A page's summary for share previews and the meta description (issue 15 item 6):
        the first paragraph of ``text`` (content in this language) as plain text, the words
        a reader sees, whole sentences up to :data:`SUMMARY_CHARS`. ``markdown``: the text
        is Markdown (its tags go); else it is plain text, shown as written."""
        words = self._words(text or "", self.lang)
        para = next((x for x in re.split(r"\n\s*\n", words) if x.strip()), "")
        para = MD_LINK_RE.sub(r"\1", para)
        if markdown:
            para = html.unescape(TAG_RE.sub("", para))
        # The items of a list, one after the other, without their numbers or bullets.
        para = re.sub(r"(?m)^\s*(?:\d+(?:-\d+)?[.)]|[-+*])\s+", "", para)
        return shorten(" ".join(para.split()))

    def citation(self, page: str, number: str, para: str | None = None) -> str:
        """The citation of an article or one of its paragraphs, as plain text in this
        language: document, article (and paragraph), site, its public address when
        ``base_url`` is set, the as-of date (issue 15: the "copy citation" buttons)."""
        ui, site = self.ui, self.c.site
        ref = (
            ui["article_para_ref"].format(n=number, p=para)
            if para
            else ui["article_ref"].format(n=number)
        )
        url = ""
        if site.base_url:
            anchor = f"#p{para}" if para else ""
            url = f"{layout.public_url(site.base_url, self.lang, site.default, page + anchor)}. "
        language = next(x for x in site.languages if x.code == self.lang)
        return str(ui["cite_text"]).format(
            document=self.c.document.title[self.lang],
            ref=ref,
            site=language.title,
            url=url,
            as_of=as_of_line(site.as_of, ui).rstrip("."),
        )

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

    def existence(self, article: Any) -> tuple[Any, Any]:
        """The editions an article stood in: from its ``adopted`` entry (default: the first
        edition) up to, not including, its ``repealed`` date (``None``: to the lapse)."""
        eds = self.c.document.editions
        adopted = [h.date for h in article.history if h.kind == "adopted"]
        # An article with no 'adopted' entry was inserted by the first edition that its
        # history says changed it (83-1, 94-1, 99).
        amended = [h.date for h in article.history if h.kind == "amended"]
        start = adopted[0] if adopted else amended[0] if amended else eds[0].date if eds else None
        return start, article.repealed

    def edition_rows(self, article: Any) -> list[dict[str, Any]]:
        """One row per edition of the document: what it did to the article (``state``:
        absent, adopted, inserted, amended, unchanged, unknown, repealed, gone) and the history
        entry that says so (its index), if any."""
        start, repealed = self.existence(article)
        by_date: dict[tuple[str, Date], int] = {}
        for i, h in enumerate(article.history):
            by_date.setdefault((h.kind, h.date), i)
        unchanged = set(article.unchanged)
        rows = []
        for ed in self.c.document.editions:
            key = ed.date.sort_key
            entry = by_date.get(("amended", ed.date))
            if start is not None and key < start.sort_key:
                state = "absent"
            elif start is not None and key == start.sort_key:
                adopted = by_date.get(("adopted", ed.date))
                state = "adopted" if ed == self.c.document.editions[0] else "inserted"
                entry = adopted if adopted is not None else entry
            elif repealed is not None and key == repealed.sort_key:
                state = "repealed"
            elif repealed is not None and key > repealed.sort_key:
                state = "gone"
            elif entry is not None:
                state = "amended"
            elif ed.date in unchanged:
                state = "unchanged"
            else:
                state = "unknown"
            in_text = state not in ("absent", "repealed", "gone")
            rows.append({"edition": ed, "state": state, "entry": entry, "in_text": in_text})
        return rows

    def wordings(self, article: Any) -> list[tuple[str, list[tuple[str, int, bool]], list[Any]]]:
        """The article as it read from one edition that changed it to the next, oldest
        first (issue 14 item 3, point in time): a label (the dates), the paragraphs then
        valid (number, index, and whether that wording is known for the period) and the
        edition rows (:meth:`edition_rows`) of the period, so that the article can be read as
        of every edition it lived through. A paragraph given in one wording only is known
        only after the article's last amendment, or last edition that no source says left it
        alone: before it, no source we found may show its wording (the page says so). One
        period: the article never changed (every edition in it is sourced as unchanged)."""
        eds = self.c.document.editions
        first = eds[0].date if eds else None
        start, repealed = self.existence(article)
        rows = self.edition_rows(article)
        changes = [r["edition"].date for r in rows if r["state"] in ("amended", "unknown")]
        bounds = ({start} if start else set()) | set(changes)
        for p in article.paragraphs:
            bounds.update(d for d in (p.since, p.until) if d is not None)
        if repealed is not None:
            bounds = {b for b in bounds if b.sort_key < repealed.sort_key}
        if start is not None:
            bounds = {b for b in bounds if b.sort_key >= start.sort_key}
        points = sorted(bounds, key=lambda d: d.sort_key)
        if not points or not article.paragraphs:
            return []
        last_change = max((d.sort_key for d in changes), default=(0, 0, 0))
        dated = {p.n for p in article.paragraphs if p.since or p.until}
        lapsed = [h.date for h in article.history if h.kind == "lapsed"]
        ends: list[Any] = [*points[1:], repealed or (lapsed[0] if lapsed else None)]
        order = [n for n, _ in self.paragraph_groups(article)]
        out = []
        for begin, end in zip(points, ends, strict=True):
            valid: dict[str, tuple[int, bool]] = {}
            for i, p in enumerate(article.paragraphs):
                since = (p.since or first or begin).sort_key
                if since <= begin.sort_key and (
                    p.until is None or p.until.sort_key > begin.sort_key
                ):
                    valid[p.n] = (i, p.n in dated or begin.sort_key >= last_change)
            label = (
                str(self.ui["para_range"]).format(start=self.date(begin), end=self.date(end))
                if end is not None
                else self.date(begin)
            )
            within = [
                r
                for r in rows
                if r["in_text"]
                and begin.sort_key <= r["edition"].date.sort_key
                and (end is None or r["edition"].date.sort_key < end.sort_key)
            ]
            out.append((label, [(n, *valid[n]) for n in order if n in valid], within))
        return out

    def edition_label(self, ed: Any) -> str:
        """A short name of an edition: its year, or its month and year where two editions
        share a year ("June 2022", "September 2022")."""
        same_year = [e for e in self.c.document.editions if e.date.year == ed.date.year]
        if len(same_year) > 1:
            return self.date(Date(ed.date.year, ed.date.month))
        return self.date(Date(ed.date.year))

    def edition_for_event(self, ev: Event) -> Any:
        """The edition an amendment event of the timeline led to: the one of its date, or
        the first within a week after it (a referendum, then the text in force)."""
        if ev.category != "amendment":
            return None
        day = ev.date.as_date()
        for ed in self.c.document.editions:
            if ev.date.precision == "day" and 0 <= (ed.date.as_date() - day).days <= 7:
                return ed
        return None

    def changed_in(self, article: Any) -> list[Any]:
        """The editions that changed an article (its ``amended`` entries), oldest first."""
        dates = {h.date for h in article.history if h.kind == "amended"}
        return [e for e in self.c.document.editions if e.date in dates]

    def edition_changes(self, ed: Any) -> list[tuple[Any, int]]:
        """The articles an edition changed, each with its ``amended`` history entry."""
        return [
            (a, i)
            for a in self.c.articles
            for i, h in enumerate(a.history)
            if h.kind == "amended" and h.date == ed.date
        ]

    def edition_unknown_count(self, ed: Any) -> int:
        """How many articles stood in the text at an edition that no source we have says
        it changed or left alone."""
        return sum(
            1
            for a in self.c.articles
            for row in self.edition_rows(a)
            if row["edition"] == ed and row["state"] == "unknown"
        )

    def edition_sources(self, ed: Any) -> list[Any]:
        """The edition's sources, then those of each change it made."""
        out = list(ed.sources)
        for a, i in self.edition_changes(ed):
            out += a.history[i].sources
        return out

    def edition_unchanged(self, ed: Any) -> list[Any]:
        """The articles that a source shows the edition left untouched."""
        return [a for a in self.c.articles if ed.date in a.unchanged]

    def edition_adopted(self, ed: Any) -> list[Any]:
        """The articles whose text this edition adopted or inserted."""
        return [
            a
            for a in self.c.articles
            if any(h.kind == "adopted" and h.date == ed.date for h in a.history)
        ]

    def section_articles(self, s: Any) -> list[tuple[Any, Any]]:
        """Every article number of a section (its range and the inserted articles in it),
        with the article if it has a page."""
        numbers: list[Any] = list(range(s.first, s.last + 1))
        numbers += [a.number for a in self.articles_in(s.number) if a.number not in numbers]
        numbers.sort(key=article_order)
        return [(n, self.articles.get(n)) for n in numbers]

    def successor_list(self, successor: Any) -> str:
        """The 2026 articles, named plainly (never links to the 1995 articles)."""
        return ", ".join(self.ui["successor_article"].format(n=n) for n in successor.articles)

    def successor_articles(self, successor: Any) -> str:
        """ "Articles of the 2026 Constitution: …"."""
        return str(self.ui["successor_articles"]).format(articles=self.successor_list(successor))

    def ref_link(self, ref: Ref, page: str) -> str:
        """A Markdown link to a referenced item, titled in this language."""
        if ref.kind == "topic":
            return (
                f"[{md_text(self.topics[ref.id].texts[self.lang].title)}]"
                f"({layout.rel(page, layout.topic(ref.id))})"
            )
        if ref.kind == "article":
            a = self.articles[cast(ArticleNo, article_no(ref.id))]
            label = self.ui["article_title"].format(n=a.number, title=a.title[self.lang])
            return f"[{md_text(label)}]({layout.rel(page, layout.article(a.number))})"
        if ref.kind == "term":
            return (
                f"[{md_text(self.terms[ref.id].term[self.lang])}]"
                f"({layout.rel(page, layout.term_anchor(ref.id))})"
            )
        e = self.events[ref.id]
        return (
            f"[{md_text(self.date(e.date))} — {md_text(e.title[self.lang])}]"
            f"({layout.rel(page, layout.event_anchor(ref.id))})"
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
                mark=self.marks[e.category],
                label=(label := visible_text(self.body(prefix + "event-title", e.id))),
                tooltip=f"{self.date(e.date)} — {label}",
                date=self.date(e.date) if dates else "",
            )
            for e in events
        ]
        years = [e.date.year for e in events]
        first, last = first_year or min(years), max(years)
        cats = [c.id for c in self.c.site.categories if any(e.category == c.id for e in events)]
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
                legend=[(c, self.category_label(c), self.marks[c]) for c in cats],
            ),
            name,
        )


SUMMARY_CHARS = 200
"""The longest summary of a page in its share preview (Open Graph, Twitter card)."""
SENTENCE_GAP_RE = re.compile(
    r"(?:(?<=[.!?…])|(?<=[.!?…][»\"”)]))(?<!\bNo\.)(?<!\bп\.)(?<!\bст\.)(?<!\bг\.)\s+"
    r"(?=[«\"“(]?[0-9A-ZА-ЯЁӘҒҚҢӨҰҮҺІ])"
)
"""The space between two sentences (not after "No.", «п.», «ст.», «г.»)."""


def shorten(text: str, limit: int = SUMMARY_CHARS) -> str:
    """``text`` cut to whole sentences of at most ``limit`` characters; where those would
    say less than half of that, to whole words and "…"."""
    if len(text) <= limit:
        return text
    out = ""
    for sentence in SENTENCE_GAP_RE.split(text):
        if len(out) + len(sentence) + 1 > limit:
            break
        out = f"{out} {sentence}" if out else sentence
    if len(out) >= limit // 2:
        return out
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:—–- ") + "…"


def listing(*names: str, limit: int = SUMMARY_CHARS) -> str:
    """The summary of an index page: the names of what it lists, as many as fit."""
    out = ""
    for i, name in enumerate(names):
        more = f"{out} · {name}" if out else name
        if len(more) + (0 if i == len(names) - 1 else 2) > limit:
            return f"{out} …" if out else shorten(name, limit)
        out = more
    return out


def as_of_line(date: Date, ui: dict[str, Any]) -> str:
    """The "as of" line of a page, as plain text (the 404 page, which MkDocs renders)."""
    return str(ui["as_of"]).format(date=format_date(date, ui))


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
    language = next(x for x in c.site.languages if x.code == lang)
    common = {
        "ctx": ctx,
        "ui": ctx.ui,
        "site": c.site,
        "lang": lang,
        "layout": layout,
        "language": language,
        "document": c.document,
        "parallel_pairs": parallel.pairs(c.site.codes)[lang],
    }
    pages: dict[str, str] = {}
    notice, quiet = c.document.banner, banner.skipped(c.document.banner)

    # Each page's summary (its share preview and meta description): from its content.
    said: dict[str, str] = {}

    def put(path: str, template: str, summary: str = "", **extra: Any) -> None:
        said[path] = summary
        text = e.get_template(template).render(page=path, page_summary=summary, **common, **extra)
        # The page references of the texts become links of this page (layout.place).
        pages[path] = banner.add(notice, lang, path, layout.place(text, path, lang), quiet)

    put(layout.HOME, "home.md.j2", ctx.summary(language.description, markdown=False))
    put(layout.TOPICS, "topics.md.j2", listing(*[t.texts[lang].title for t in c.topics]))
    for t in c.topics:
        text = t.texts[lang]
        put(layout.topic(t.id), "topic.md.j2", ctx.summary(text.summary, False), topic=t, text=text)
    put(layout.ARTICLES, "articles.md.j2", ctx.summary(c.document.status[lang], markdown=False))
    for a in c.articles:
        put(
            layout.article(a.number),
            "article.md.j2",
            ctx.summary(a.summary[lang]),
            article=a,
            cited_by=linked.article_cited_by.get(a.number, []),
        )
    counts = {
        cat.id: sum(1 for ev in c.events if ev.category == cat.id) for cat in c.site.categories
    }
    put(
        layout.TIMELINE,
        "timeline.md.j2",
        listing(*([m.title[lang] for m in c.milestones] or [ev.title[lang] for ev in c.events])),
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
            layout.milestone(m.id),
            "milestone.md.j2",
            ctx.summary(m.intro[lang]),
            milestone=m,
            years=by_year(events),
            drawing=ctx.drawing(events, m.title[lang], dates=True, prefix="milestone-"),
        )
    terms = collate.alphabetical(c.terms, lang, ctx.ui["alphabet"])
    put(layout.GLOSSARY, "glossary.md.j2", listing(*[tm.term[lang] for _, tm in terms]))
    doc = c.document
    if doc.preamble:
        put(layout.PREAMBLE, "preamble.md.j2", ctx.summary(doc.preamble[lang]))
    for s in doc.sections:
        if s.summary:
            put(layout.section(s.number), "section.md.j2", ctx.summary(s.summary[lang]), section=s)
    if doc.editions:
        put(layout.EDITIONS, "editions.md.j2", ctx.summary(ctx.ui["editions_intro"]))
        for ed in doc.editions:
            act = ed.act[lang] if ed.act else ed.title[lang]
            put(layout.edition(ed.date.iso), "edition.md.j2", ctx.summary(act, False), edition=ed)
        put(layout.TO_2026, "to_2026.md.j2", ctx.summary(ctx.ui["to_2026_intro"]))
    _parallel_pages(linked, lang, put, said)
    return pages


def _parallel_pages(linked: Linked, lang: str, put: Any, summaries: dict[str, str]) -> None:
    """The side-by-side page of every topic and article in this language's build, each
    with the summary of its original page."""
    c = linked.content
    pairs = parallel.pairs(c.site.codes)[lang]
    if not pairs:
        return
    cols = pairs[0]
    names = {x.code: x.name for x in c.site.languages}
    ctxs = {code: PageContext(linked, code) for code in cols}
    items: list[tuple[str, str, str, Any, dict[str, list[parallel.Section]], Any]] = []
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
            (
                layout.topic(t.id),
                layout.parallel_topic(t.id),
                t.texts[lang].title,
                t.sources,
                texts,
                (t.as_of, None),
            )
        )
    for a in c.articles:
        texts = {}
        for col in cols:
            ui = ctxs[col].ui
            head_line = f"**{md_text(ui['article_title'].format(n=a.number, title=a.title[col]))}**"
            src = (
                env()
                .get_template("parallel_article.md.j2")
                .render(
                    ctx=ctxs[col],
                    ui=ui,
                    lang=col,
                    page=layout.article(a.number),
                    layout=layout,
                    article=a,
                )
            )
            texts[col] = [parallel.Section(None, (head_line,)), *parallel.split(src)]
        title = c.ui[lang]["article_title"].format(n=a.number, title=a.title[lang])
        sources = (
            a.sources
            + sum((h.sources for h in a.history), ())
            + sum((v.sources for v in a.versions), ())
            + (a.successor.sources if a.successor else ())
        )
        items.append(
            (
                layout.article(a.number),
                layout.parallel_article(a.number),
                title,
                sources,
                texts,
                (c.site.as_of, a),
            )
        )
    for original, page, title, sources, texts, (as_of, article) in items:
        rows = []
        for n, row in enumerate(parallel.align(*(texts[col] for col in cols)), 1):
            cells = []
            for col, cell in zip(cols, row.cells, strict=True):
                if cell is not None:  # its page references: placed with the page (put)
                    cell = f"{cell} {{#{col}-{n}}}" if row.heading else parallel.standalone(cell)
                cells.append(cell)
            rows.append(parallel.Row(row.heading, tuple(cells)))
        columns = [
            {
                "lang": col,
                "name": names[col],
                "original_label": c.ui[col]["parallel_original"],
                "original": layout.rel(page, original)
                if col == lang
                else layout.cross(col, original),
            }
            for col in cols
        ]
        extra = [
            {
                "lang": a_,
                "label": f"{a_} | {b_}",
                "href": layout.cross(a_, page),
            }
            for a_, b_ in pairs[1:]
        ]
        put(
            page,
            "parallel.md.j2",
            summaries.get(original, ""),
            title=title,
            cols=cols,
            columns=columns,
            rows=rows,
            extra=extra,
            sources=sources,
            as_of=as_of,
            article=article,
        )


def nav(linked: Linked, lang: str) -> list[Any]:
    """The MkDocs navigation for one language, with titles in that language."""
    c = linked.content
    ui = c.ui[lang]
    return [
        {ui["home"]: layout.HOME},
        {ui["topics"]: [layout.TOPICS] + [layout.topic(t.id) for t in c.topics]},
        {ui["articles"]: _article_nav(linked, lang)},
        {
            ui["timeline"]: [{ui["timeline_all"]: layout.TIMELINE}]
            + [
                # MkDocs puts nav titles into HTML as they are: escape content text.
                {html.escape(m.title[lang], quote=False): layout.milestone(m.id)}
                for m in c.milestones
            ]
            if c.milestones
            else layout.TIMELINE
        },
        {ui["glossary"]: layout.GLOSSARY},
    ]


def _article_nav(linked: Linked, lang: str) -> list[Any]:
    """The articles part of the navigation: the index, the preamble, each section with its
    articles (under the section's page, where it has one), the 1995 → 2026 page, the
    editions."""
    c = linked.content
    ui = c.ui[lang]
    doc = c.document
    out: list[Any] = [layout.ARTICLES]
    if not any(s.summary for s in doc.sections):  # no section pages: one flat list
        return out + [layout.article(a.number) for a in c.articles]
    if doc.preamble:
        out.append(layout.PREAMBLE)
    numbers = {s.number for s in doc.sections}
    by_section: dict[Any, list[str]] = {}
    for a in c.articles:
        key = a.section if a.section in numbers else None
        by_section.setdefault(key, []).append(layout.article(a.number))
    for s in doc.sections:
        pages = ([layout.section(s.number)] if s.summary else []) + by_section.get(s.number, [])
        if pages:
            title = f"{ui['section'].format(n=s.number)}. {s.title[lang]}"
            out.append({html.escape(title, quote=False): pages})
    out += by_section.get(None, [])
    if doc.editions:
        out.append(layout.TO_2026)
        out.append(
            {ui["editions"]: [layout.EDITIONS] + [layout.edition(e.date.iso) for e in doc.editions]}
        )
    return out
