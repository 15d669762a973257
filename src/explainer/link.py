"""Stage 3: resolve references, and compute backlinks. Pure: no disk, no globals."""

from __future__ import annotations

import html
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from explainer import layout
from explainer.model import ArticleNo, Content, HistoryEntry, Version, article_no
from explainer.problems import Loc, Problems
from explainer.text import autolink
from explainer.text.markdown import MD_LINK_RE, NUMBERED_RE, OTHER_DOC_RE, REF_RE, md_text

LEFTOVER_RE = re.compile(r"\[\[[^\]\n]*(?:\]\]?|$)", re.M)
"""Anything that starts like a reference: one that is not a whole ``[[kind:id]]`` (one
bracket missing, cut at the end of a line) is reported, not published as text."""
ART_REF_RE = re.compile(r"(\d+(?:-\d+)?)(?:\.(\d+(?:-\d+)?))?")
"""The target of ``[[art:…]]``: ``75``, ``76.1``, ``83-1``, ``83-1.2``, ``76.3-1``."""


def tooltip_text(text: str) -> str:
    """Plain text for a Markdown link title that Material shows as a tooltip. Material puts
    the title into the tooltip as HTML, so ``& < >`` are escaped twice (once for the
    attribute, once for the tooltip); quotes once, backslashes as a character reference."""
    once = html.escape(text, quote=False)
    return html.escape(once, quote=True).replace("\\", "&#92;")


@dataclass(frozen=True)
class Ref:
    """Something that cites something else."""

    kind: str
    """``topic``, ``article``, ``event`` or ``term``."""
    id: str


@dataclass
class Linked:
    """The model with every reference resolved, per language."""

    content: Content
    bodies: dict[tuple[str, str, str], str] = field(default_factory=dict)
    """(kind, id, lang) -> Markdown with references turned into links, for the page at
    the path the kind implies. Kinds: ``topic`` (body), ``article`` (summary), ``history`` and
    ``version`` (id ``<article>/<index>``), ``event-title``, ``event-text``, ``event-note``,
    ``term`` (definition, on the glossary), ``term-in-topic`` (the same, on a topic page),
    ``summary-home``, ``summary-topics`` and ``summary-topic`` (a topic's summary on the home
    page, on the topic index and on its own page's side-by-side view)."""
    article_cited_by: dict[ArticleNo, list[Ref]] = field(default_factory=dict)
    term_used_by: dict[str, list[Ref]] = field(default_factory=dict)
    event_cites: dict[str, list[Ref]] = field(default_factory=dict)


class Linker:
    def __init__(
        self,
        content: Content,
        problems: Problems,
        declared: tuple[set[ArticleNo], set[str], set[str], set[str]] | None = None,
    ) -> None:
        self.c = content
        self.p = problems
        # Declared but invalid items have their own error: do not report links to them.
        self.declared = declared or (set(), set(), set(), set())
        self.articles = {a.number: a for a in content.articles}
        self.topics = {t.id: t for t in content.topics}
        self.terms = {t.id: t for t in content.terms}
        self.events = {e.id: e for e in content.events}
        self.cited_by: dict[ArticleNo, set[Ref]] = defaultdict(set)
        self.used_by: dict[str, set[Ref]] = defaultdict(set)
        # Paragraph anchors each article page has, per language: its ``paragraphs``, or
        # else the numbered items of its summary (see NUMBERED_RE).
        self.paras = {
            (a.number, lang): {p.n for p in a.paragraphs}
            if a.paragraphs
            else {n for n, _ in NUMBERED_RE.findall(a.summary[lang])}
            for a in content.articles
            for lang in content.site.codes
        }
        # (lang, page, term id) whose definition a link on that page already shows.
        self.tipped: set[tuple[str, str, str]] = set()

    def citation(
        self, lang: str, page: str, owner: Ref
    ) -> Callable[[ArticleNo, str | None], str | None]:
        """The auto-linker's target for a cited article: ``None`` (stays plain text) for an
        article without a page and for the page's own article. Records the backlink."""

        def href(num: ArticleNo, para: str | None) -> str | None:
            if num not in self.articles or owner == Ref("article", str(num)):
                return None
            self.cited_by[num].add(owner)
            to = layout.article(num)
            # Paragraph 3-1 was inserted after paragraph 3: land on 3.
            base = para.split("-")[0] if para else None
            if base and base in self.paras[(num, lang)]:
                to += f"#p{base}"
            return layout.cross(lang, to)

        return href

    def plain(
        self, text: str, lang: str, page: str, owner: Ref, written_in: str | None = None
    ) -> str:
        """Plain text made safe for Markdown, with citations auto-linked and ``{2026: …}``
        marked (for texts that are not Markdown: history entries, notes, summaries).
        ``written_in``: the language of the text, if not the page's (a fallback)."""
        out = autolink.autolink(md_text(text), written_in or lang, self.citation(lang, page, owner))
        return OTHER_DOC_RE.sub(
            lambda m: (
                f'<span class="cite-other" data-doc="{m.group("doc")}">{m.group("text")}</span>'
            ),
            out,
        )

    def plain_definition(self, tid: str, lang: str) -> str:
        """A term's definition as plain text (references become their words)."""
        return " ".join(self.words_only(self.terms[tid].definition[lang], lang).split())

    def words_only(self, text: str, lang: str) -> str:
        """``text`` as plain text: each ``[[kind:id|label]]`` becomes the words a reader sees
        (its label, or the article's, topic's, term's or event's name), ``{2026: …}`` its
        text, emphasis marks (``*``, backticks) go, line breaks stay (the tooltips, the
        open-data export)."""
        ui = self.c.ui[lang]

        def words(m: re.Match[str]) -> str:
            kind, target, label = m.group("kind"), m.group("target").strip(), m.group("label")
            if label:
                return label
            num = ART_REF_RE.fullmatch(target) if kind == "art" else None
            if num and num.group(2):
                return ui["article_para_ref"].format(n=num.group(1), p=num.group(2))
            if num:
                return ui["article_ref"].format(n=num.group(1))
            if kind == "topic" and target in self.topics:
                return self.topics[target].texts[lang].title
            if kind == "term" and target in self.terms:
                return self.terms[target].term[lang]
            if kind == "event" and target in self.events:
                return self.events[target].title[lang]
            return target

        text = OTHER_DOC_RE.sub(r"\g<text>", REF_RE.sub(words, text))
        return re.sub(r"[*`]+", "", text).strip()

    def resolve(
        self,
        text: str,
        lang: str,
        page: str,
        loc: Loc,
        owner: Ref,
        first_line: int,
        *,
        autolinks: bool = True,
        tooltips: bool = True,
        written_in: str | None = None,
    ) -> str:
        """Markdown of one text for ``page``: explicit references become links, natural
        citations of articles too (``autolinks``, in the forms of the language the text is
        ``written_in``, by default the page's), and the first link to each term on the page
        carries the term's definition as its tooltip (``tooltips``)."""
        ui = self.c.ui[lang]
        # The auto-linker goes first (it leaves [[…]] alone) and adds no line breaks, so
        # line numbers stay right.
        pre = text
        if autolinks:
            pre = autolink.autolink(text, written_in or lang, self.citation(lang, page, owner))

        def line_of(pos: int, within: str) -> Loc:
            return Loc(loc.path, first_line + within.count("\n", 0, pos))

        def sub(m: re.Match[str]) -> str:
            kind, target, label = m.group("kind"), m.group("target").strip(), m.group("label")
            if kind == "diagram":
                return self.diagram(target, lang, line_of(m.start(), pre))
            link = self.target(kind, target, lang, ui, line_of(m.start(), pre), owner)
            if link is None:
                return m.group(0)
            href, title = link
            text = md_text(" ".join(label.split())) if label else title
            if kind == "term" and tooltips and (lang, page, target) not in self.tipped:
                # The first link to a term on a page shows its definition (Material's
                # content.tooltips turns the title into a tooltip on hover and focus).
                self.tipped.add((lang, page, target))
                tip = tooltip_text(self.plain_definition(target, lang))
                return f'[{text}]({layout.cross(lang, href)} "{tip}"){{ .az-term }}'
            return f"[{text}]({layout.cross(lang, href)})"

        def written(m: re.Match[str]) -> str:
            ref = layout.reference(m.group(2), page, lang)
            if ref is None:
                return m.group(0)
            return f"[{m.group(1)}]({ref}{m.group(3) or ''}){m.group(4) or ''}"

        # Links written as Markdown (``../topics/x.md``, ``#anchor``) become page references
        # too: every link to a page leaves this stage independent of where it will stand.
        out = MD_LINK_RE.sub(written, REF_RE.sub(sub, pre))
        for m in LEFTOVER_RE.finditer(text):
            if not REF_RE.match(text, m.start()):
                self.p.error(
                    line_of(m.start(), text),
                    f"malformed reference "
                    f"'{m.group(0)[:40]}': write [[kind:id]] or [[kind:id|text]]",
                )
        return OTHER_DOC_RE.sub(
            lambda m: (
                f'<span class="cite-other" data-doc="{m.group("doc")}">'
                f"{html.escape(m.group('text'), quote=False)}</span>"
            ),
            out,
        )

    def diagram(self, target: str, lang: str, loc: Loc) -> str:
        """``[[diagram:id]]``: the drawn figure (a raw HTML block, on one line)."""
        from explainer.render import diagram_svg

        d = self.c.diagrams.get(target)
        if d is None:
            self.p.error(loc, f"unknown diagram '{target}' in [[diagram:{target}]]")
            return ""
        return diagram_svg.figure(d, lang, self.c.ui[lang])

    def target(
        self, kind: str, target: str, lang: str, ui: dict[str, str], loc: Loc, owner: Ref
    ) -> tuple[str, str] | None:
        raw = f"[[{kind}:{target}]]"
        if kind == "art":
            m = ART_REF_RE.fullmatch(target)
            num = article_no(m.group(1)) if m else None
            if m is None or num is None:
                self.p.error(
                    loc,
                    f"invalid article reference {raw}: write [[art:75]], [[art:76.1]] "
                    "or [[art:83-1]]",
                )
                return None
            para = m.group(2)
            if num not in self.articles:
                if num not in self.declared[0]:
                    self.p.error(loc, f"unknown article {num} in {raw}")
                return None
            if para and self.articles[num].paragraphs and para not in self.paras[(num, lang)]:
                known = ", ".join(dict.fromkeys(p.n for p in self.articles[num].paragraphs))
                self.p.error(
                    loc, f"article {num} has no paragraph {para} in {raw} (it has {known})"
                )
                return None
            if owner.kind != "article" or owner.id != str(num):
                self.cited_by[num].add(owner)
            if para:
                return (
                    layout.article(num) + f"#p{para}",
                    md_text(ui["article_para_ref"].format(n=num, p=para)),
                )
            return layout.article(num), md_text(ui["article_ref"].format(n=num))
        if kind == "topic":
            if target not in self.topics:
                if target not in self.declared[1]:
                    self.p.error(loc, f"unknown topic '{target}' in {raw}")
                return None
            return layout.topic(target), md_text(self.topics[target].texts[lang].title)
        if kind == "term":
            if target not in self.terms:
                if target not in self.declared[2]:
                    self.p.error(loc, f"unknown term '{target}' in {raw}")
                return None
            self.used_by[target].add(owner)
            return layout.term_anchor(target), md_text(self.terms[target].term[lang])
        if kind == "event":
            if target not in self.events:
                if target not in self.declared[3]:
                    self.p.error(loc, f"unknown event '{target}' in {raw}")
                return None
            return layout.event_anchor(target), md_text(self.events[target].title[lang])
        self.p.error(
            loc,
            f"unknown reference kind '{kind}' in {raw} (use art, topic, term, event or diagram)",
        )
        return None

    def run(self) -> Linked:
        linked = Linked(self.c)
        for t in self.c.topics:
            owner = Ref("topic", t.id)
            for number in t.articles:
                self.cited_by[number].add(owner)
            for term in t.terms:
                self.used_by[term].add(owner)
            # A missing translation shows the text of the first language that has one.
            written = next((x for x in self.c.site.codes if not t.texts[x].fallback), None)
            for lang, tx in t.texts.items():
                src = written if tx.fallback else lang
                linked.bodies[("topic", t.id, lang)] = self.resolve(
                    tx.body, lang, layout.topic(t.id), tx.loc, owner, tx.body_line, written_in=src
                )
                for kind, page in (
                    ("summary-home", layout.HOME),
                    ("summary-topics", layout.TOPICS),
                    ("summary-topic", layout.topic(t.id)),
                ):
                    linked.bodies[(kind, t.id, lang)] = self.plain(
                        tx.summary, lang, page, owner, written_in=src
                    )
        for a in self.c.articles:
            owner = Ref("article", str(a.number))
            for term in a.terms:
                self.used_by[term].add(owner)
            page = layout.article(a.number)
            for lang in self.c.site.codes:
                body = self.resolve(a.summary[lang], lang, page, a.loc, owner, a.loc.line)
                # Item N of a top-level numbered list is paragraph N: give it an anchor
                # (unless the article has its paragraphs apart, which carry the anchors).
                linked.bodies[("article", str(a.number), lang)] = (
                    body
                    if a.paragraphs
                    else NUMBERED_RE.sub(r'\1.\2<span class="az-para" id="p\1"></span>', body)
                )
                for i, para in enumerate(a.paragraphs):
                    linked.bodies[("paragraph", f"{a.number}/{i}", lang)] = self.resolve(
                        para.text[lang], lang, page, para.loc, owner, para.loc.line
                    )
                if a.successor:
                    # Never auto-linked: its numbers are those of the 2026 text.
                    linked.bodies[("successor", str(a.number), lang)] = self.resolve(
                        a.successor.text[lang],
                        lang,
                        page,
                        a.successor.loc,
                        owner,
                        a.successor.loc.line,
                        autolinks=False,
                    )
                # History entries and versions: Markdown with references, on the same page.
                entries: tuple[tuple[str, tuple[HistoryEntry | Version, ...]], ...] = (
                    ("history", a.history),
                    ("version", a.versions),
                )
                for kind, items in entries:
                    for i, item in enumerate(items):
                        linked.bodies[(kind, f"{a.number}/{i}", lang)] = self.resolve(
                            item.text[lang],
                            lang,
                            layout.article(a.number),
                            item.loc,
                            owner,
                            item.loc.line,
                        )
        for e in self.c.events:
            owner = Ref("event", e.id)
            for num in e.articles:
                self.cited_by[num].add(owner)
            linked.event_cites[e.id] = [Ref("article", str(n)) for n in e.articles] + [
                Ref("topic", t) for t in e.topics
            ]
            for lang in self.c.site.codes:
                # The title is a heading: no auto-links there.
                for fname, text in (("title", e.title), ("text", e.text)):
                    linked.bodies[(f"event-{fname}", e.id, lang)] = self.resolve(
                        text[lang],
                        lang,
                        layout.TIMELINE,
                        e.loc,
                        owner,
                        e.loc.line,
                        autolinks=fname == "text",
                    )
                if e.note:
                    linked.bodies[("event-note", e.id, lang)] = self.plain(
                        e.note[lang], lang, layout.TIMELINE, owner
                    )
        for tm in self.c.terms:
            owner = Ref("term", tm.id)
            for num in tm.articles:
                self.cited_by[num].add(owner)
            for lang in self.c.site.codes:
                linked.bodies[("term", tm.id, lang)] = self.resolve(
                    tm.definition[lang], lang, layout.GLOSSARY, tm.loc, owner, tm.loc.line
                )
                if tm.more:
                    # Shown on the glossary page only; a tooltip carries the definition.
                    line = tm.locs["more"].line if "more" in tm.locs else tm.loc.line
                    linked.bodies[("term-more", tm.id, lang)] = self.resolve(
                        tm.more[lang], lang, layout.GLOSSARY, tm.loc, owner, line
                    )
                # The same definition under "related terms" on a topic page (every topic
                # page is in the same folder, so one text serves them all). A problem in it
                # is reported once: Problems.sorted() drops repeats.
                linked.bodies[("term-in-topic", tm.id, lang)] = self.resolve(
                    tm.definition[lang],
                    lang,
                    layout.TOPICS,
                    tm.loc,
                    owner,
                    tm.loc.line,
                    tooltips=False,
                )
        order = {"topic": 0, "event": 1, "term": 2, "article": 3}
        linked.article_cited_by = {
            n: sorted(refs, key=lambda r: (order[r.kind], r.id))
            for n, refs in self.cited_by.items()
        }
        linked.term_used_by = {
            t: sorted(refs, key=lambda r: (order[r.kind], r.id)) for t, refs in self.used_by.items()
        }
        return linked

    def link_document(self, linked: Linked) -> None:
        """The texts of the document's own pages: the preamble, the section summaries, and
        each article's change as its edition's page shows it (cited again from there, so
        that the article it names is a link).

        Runs after ``run``: these pages add no backlinks."""
        doc = self.c.document
        for lang in self.c.site.codes:
            if doc.preamble:
                loc = doc.preamble_locs.get(lang, doc.loc)
                linked.bodies[("preamble", "", lang)] = self.resolve(
                    doc.preamble[lang], lang, layout.PREAMBLE, loc, Ref("preamble", ""), loc.line
                )
            for s in doc.sections:
                if s.summary:
                    loc = s.summary_locs.get(lang, doc.loc)
                    linked.bodies[("section", str(s.number), lang)] = self.resolve(
                        s.summary[lang],
                        lang,
                        layout.section(s.number),
                        loc,
                        Ref("section", str(s.number)),
                        loc.line,
                    )
        editions = {e.date for e in doc.editions}
        for a in self.c.articles:
            for i, h in enumerate(a.history):
                if h.kind != "amended" or h.date not in editions:
                    continue
                page = layout.edition(h.date.iso)
                for lang in self.c.site.codes:
                    linked.bodies[("edition-change", f"{a.number}/{i}", lang)] = self.resolve(
                        h.text[lang], lang, page, h.loc, Ref("edition", h.date.iso), h.loc.line
                    )

    def link_milestones(self, linked: Linked) -> None:
        """Milestone intros, and the texts of their events as seen from a milestone page.

        Runs after ``run``: milestone pages add no backlinks, and an unknown reference in
        an event's text is the same problem already reported for the timeline page."""
        events = {eid for m in self.c.milestones for eid in m.events}
        for m in self.c.milestones:
            page = layout.milestone(m.id)
            for lang in self.c.site.codes:
                linked.bodies[("milestone", m.id, lang)] = self.resolve(
                    m.intro[lang],
                    lang,
                    page,
                    m.locs.get("intro", m.loc),
                    Ref("milestone", m.id),
                    m.locs.get("intro", m.loc).line,
                )
        if not self.c.milestones:
            return
        page = layout.milestone(self.c.milestones[0].id)  # all milestone pages share a folder
        for e in self.c.events:
            if e.id not in events:
                continue
            for lang in self.c.site.codes:
                for fname, text in (("title", e.title), ("text", e.text)):
                    linked.bodies[(f"milestone-event-{fname}", e.id, lang)] = self.resolve(
                        text[lang],
                        lang,
                        page,
                        e.loc,
                        Ref("event", e.id),
                        e.loc.line,
                        autolinks=fname == "text",
                    )
                if e.note:
                    linked.bodies[("milestone-event-note", e.id, lang)] = self.plain(
                        e.note[lang], lang, page, Ref("event", e.id)
                    )


def link(
    content: Content,
    problems: Problems,
    declared: tuple[set[ArticleNo], set[str], set[str], set[str]] | None = None,
) -> Linked:
    """Resolve every ``[[kind:id]]`` in every language; unknown references are errors."""
    linker = Linker(content, problems, declared)
    linked = linker.run()
    linker.link_milestones(linked)
    linker.link_document(linked)
    return linked
