"""Stage 3: resolve references, and compute backlinks. Pure: no disk, no globals."""

from __future__ import annotations

import html
import re
from collections import defaultdict
from dataclasses import dataclass, field

from . import paths
from .model import Content
from .problems import Loc, Problems

REF_RE = re.compile(r"\[\[(?P<kind>[a-z]+):(?P<target>[^\]|]*?)(?:\|(?P<label>[^\]]*))?\]\]")
LEFTOVER_RE = re.compile(r"\[\[[^\]]*(?:\]\]|$)", re.M)
PARA_RE = re.compile(r"^(\d+)\.(\s+)", re.M)
OTHER_DOC_RE = re.compile(r"\{(?P<doc>\d{4}):\s*(?P<text>[^{}]+?)\}")


def md_text(text: str) -> str:
    """Plain text from content, made safe to drop into Markdown that becomes HTML."""
    escaped = html.escape(text, quote=False)
    return re.sub(r"([\\`*_\[\]])", r"\\\1", escaped)


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
    the path the kind implies. Kinds: ``topic`` (body), ``article`` (summary)."""
    article_cited_by: dict[int, list[Ref]] = field(default_factory=dict)
    term_used_by: dict[str, list[Ref]] = field(default_factory=dict)
    event_cites: dict[str, list[Ref]] = field(default_factory=dict)


class Linker:
    def __init__(self, content: Content, problems: Problems,
                 declared: tuple[set[int], set[str], set[str], set[str]] | None = None) -> None:
        self.c = content
        self.p = problems
        # Declared but invalid items have their own error: do not report links to them.
        self.declared = declared or (set(), set(), set(), set())
        self.articles = {a.number: a for a in content.articles}
        self.topics = {t.id: t for t in content.topics}
        self.terms = {t.id: t for t in content.terms}
        self.events = {e.id: e for e in content.events}
        self.cited_by: dict[int, set[Ref]] = defaultdict(set)
        self.used_by: dict[str, set[Ref]] = defaultdict(set)

    def resolve(self, text: str, lang: str, page: str, loc: Loc, owner: Ref,
                first_line: int) -> str:
        ui = self.c.ui[lang]

        def line_of(pos: int) -> Loc:
            return Loc(loc.path, first_line + text.count("\n", 0, pos))

        def sub(m: re.Match[str]) -> str:
            kind, target, label = m.group("kind"), m.group("target").strip(), m.group("label")
            link = self.target(kind, target, lang, ui, line_of(m.start()), owner)
            if link is None:
                return m.group(0)
            href, title = link
            text = md_text(" ".join(label.split())) if label else title
            return f"[{text}]({paths.rel(page, href)})"

        out = REF_RE.sub(sub, text)
        for m in LEFTOVER_RE.finditer(text):
            if not REF_RE.match(text, m.start()):
                self.p.error(line_of(m.start()), f"malformed reference '{m.group(0)[:40]}': write "
                             "[[kind:id]] or [[kind:id|text]]")
        return OTHER_DOC_RE.sub(
            lambda m: f'<span class="cite-other" data-doc="{m.group("doc")}">'
            f'{html.escape(m.group("text"), quote=False)}</span>',
            out,
        )

    def target(self, kind: str, target: str, lang: str, ui: dict[str, str], loc: Loc,
               owner: Ref) -> tuple[str, str] | None:
        raw = f"[[{kind}:{target}]]"
        if kind == "art":
            m = re.fullmatch(r"(\d+)(?:\.(\d+))?", target)
            if not m:
                self.p.error(loc, f"invalid article reference {raw}: write [[art:75]] or "
                             "[[art:76.1]]")
                return None
            num, para = int(m.group(1)), m.group(2)
            if num not in self.articles:
                if num not in self.declared[0]:
                    self.p.error(loc, f"unknown article {num} in {raw}")
                return None
            if owner.kind != "article" or owner.id != str(num):
                self.cited_by[num].add(owner)
            if para:
                return (paths.article(num) + f"#p{para}",
                        md_text(ui["article_para_ref"].format(n=num, p=para)))
            return paths.article(num), md_text(ui["article_ref"].format(n=num))
        if kind == "topic":
            if target not in self.topics:
                if target not in self.declared[1]:
                    self.p.error(loc, f"unknown topic '{target}' in {raw}")
                return None
            return paths.topic(target), md_text(self.topics[target].texts[lang].title)
        if kind == "term":
            if target not in self.terms:
                if target not in self.declared[2]:
                    self.p.error(loc, f"unknown term '{target}' in {raw}")
                return None
            self.used_by[target].add(owner)
            return paths.term_anchor(target), md_text(self.terms[target].term[lang])
        if kind == "event":
            if target not in self.events:
                if target not in self.declared[3]:
                    self.p.error(loc, f"unknown event '{target}' in {raw}")
                return None
            return paths.event_anchor(target), md_text(self.events[target].title[lang])
        self.p.error(loc, f"unknown reference kind '{kind}' in {raw} (use art, topic, term or "
                     "event)")
        return None

    def run(self) -> Linked:
        linked = Linked(self.c)
        for t in self.c.topics:
            owner = Ref("topic", t.id)
            for a in t.articles:
                self.cited_by[a].add(owner)
            for term in t.terms:
                self.used_by[term].add(owner)
            for lang, tx in t.texts.items():
                linked.bodies[("topic", t.id, lang)] = self.resolve(
                    tx.body, lang, paths.topic(t.id), tx.loc, owner, tx.body_line)
        for a in self.c.articles:
            owner = Ref("article", str(a.number))
            for term in a.terms:
                self.used_by[term].add(owner)
            for lang in self.c.site.codes:
                body = self.resolve(a.summary[lang], lang, paths.article(a.number), a.loc, owner,
                                    a.loc.line)
                # Item N of a top-level numbered list is paragraph N: give it an anchor.
                linked.bodies[("article", str(a.number), lang)] = PARA_RE.sub(
                    r'\1.\2<span class="az-para" id="p\1"></span>', body)
        for e in self.c.events:
            owner = Ref("event", e.id)
            for num in e.articles:
                self.cited_by[num].add(owner)
            linked.event_cites[e.id] = [Ref("article", str(n)) for n in e.articles] + [
                Ref("topic", t) for t in e.topics]
            for lang in self.c.site.codes:
                for fname, text in (("title", e.title), ("text", e.text)):
                    linked.bodies[(f"event-{fname}", e.id, lang)] = self.resolve(
                        text[lang], lang, paths.TIMELINE, e.loc, owner, e.loc.line)
        for tm in self.c.terms:
            owner = Ref("term", tm.id)
            for num in tm.articles:
                self.cited_by[num].add(owner)
            for lang in self.c.site.codes:
                linked.bodies[("term", tm.id, lang)] = self.resolve(
                    tm.definition[lang], lang, paths.GLOSSARY, tm.loc, owner, tm.loc.line)
        order = {"topic": 0, "event": 1, "term": 2, "article": 3}
        linked.article_cited_by = {
            n: sorted(refs, key=lambda r: (order[r.kind], r.id))
            for n, refs in self.cited_by.items()}
        linked.term_used_by = {
            t: sorted(refs, key=lambda r: (order[r.kind], r.id))
            for t, refs in self.used_by.items()}
        return linked

    def link_milestones(self, linked: Linked) -> None:
        """Milestone intros, and the texts of their events as seen from a milestone page.

        Runs after ``run``: milestone pages add no backlinks, and an unknown reference in
        an event's text is the same problem already reported for the timeline page."""
        events = {eid for m in self.c.milestones for eid in m.events}
        for m in self.c.milestones:
            page = paths.milestone(m.id)
            for lang in self.c.site.codes:
                linked.bodies[("milestone", m.id, lang)] = self.resolve(
                    m.intro[lang], lang, page, m.locs.get("intro", m.loc),
                    Ref("milestone", m.id), m.locs.get("intro", m.loc).line)
        if not self.c.milestones:
            return
        page = paths.milestone(self.c.milestones[0].id)  # all milestone pages share a folder
        for e in self.c.events:
            if e.id not in events:
                continue
            for lang in self.c.site.codes:
                for fname, text in (("title", e.title), ("text", e.text)):
                    linked.bodies[(f"milestone-event-{fname}", e.id, lang)] = self.resolve(
                        text[lang], lang, page, e.loc, Ref("event", e.id), e.loc.line)


def link(content: Content, problems: Problems,
         declared: tuple[set[int], set[str], set[str], set[str]] | None = None) -> Linked:
    """Resolve every ``[[kind:id]]`` in every language; unknown references are errors."""
    linker = Linker(content, problems, declared)
    linked = linker.run()
    linker.link_milestones(linked)
    return linked
