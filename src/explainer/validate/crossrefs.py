"""Checks across records: duplicate ids, references between records, the sections a
handout chooses; and the derived relations (a milestone's events, a history entry's
event)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from explainer.load import LDict, LList, RawContent
from explainer.model import (
    Article,
    Content,
    Event,
    Handout,
    HandoutPart,
    Milestone,
    Topic,
    article_no,
)
from explainer.problems import Loc
from explainer.text.markdown import split_sections
from explainer.validate.fields import (
    Fields,
    _lower,
    _upper,
)


def declared(raw: RawContent) -> tuple[set[Any], set[str], set[str], set[str]]:
    """Ids that the content declares, valid or not: articles, topics, terms, events."""
    arts: set[Any] = set()
    for d, loc in raw.articles:
        for value in (d.get("number"), loc.path.rsplit("/", 1)[-1].removesuffix(".yml")):
            if value is not None and not isinstance(value, (LDict, LList)) and article_no(value):
                arts.add(article_no(value))
    tops = set(raw.topics)
    terms = {str(d.get("id")) for d, _ in raw.terms}
    events = {str(d.get("id")) for d, _ in raw.events}
    return arts, tops, terms, events


class CrossRefs(Fields):
    """Checks and relations that need more than one record."""

    def raw_duplicates(self, items: list[tuple[LDict, Loc]], key: str, what: str) -> None:
        """Report every id declared twice, whether or not the records are otherwise valid."""
        seen: dict[str, Loc] = {}
        for d, loc in items:
            k = d.get(key)
            if k is None or isinstance(k, (LDict, LList)):
                continue
            if str(k) in seen:
                self.p.error(loc, f"duplicate {what} '{k}' (first defined at {seen[str(k)]})")
            else:
                seen[str(k)] = loc

    def unique(self, items: list[Any], key: Callable[[Any], str], what: str) -> list[Any]:
        """Keep the first valid record per id (duplicates were reported on the raw data)."""
        seen: set[str] = set()
        out = []
        for item in items:
            if item is None or key(item) in seen:
                continue
            seen.add(key(item))
            out.append(item)
        return out

    def references(self, c: Content) -> None:
        """Metadata references (``articles: […]``, ``topics: […]``, ``terms: […]``) must exist.

        An item that is declared but invalid has its own error already; references to it are
        not reported again."""
        arts, tops, terms, _ = declared(self.raw)

        def check(item: Any, kind: str, values: tuple[Any, ...], known: set[Any]) -> None:
            loc = item.locs.get(f"{kind}s", item.loc)
            for v in values:
                if v not in known:
                    self.p.error(loc, f"unknown {kind} '{v}' in '{kind}s'")

        for t in c.topics:
            check(t, "article", t.articles, arts)
            check(t, "term", t.terms, terms)
        for a in c.articles:
            check(a, "topic", a.topics, tops)
            check(a, "term", a.terms, terms)
            if c.document.sections and not any(s.number == a.section for s in c.document.sections):
                self.p.error(a.loc, f"unknown section {a.section} in article {a.number}")
        for e in c.events:
            check(e, "article", e.articles, arts)
            check(e, "topic", e.topics, tops)
        for tm in c.terms:
            check(tm, "article", tm.articles, arts)
        topics = {t.id: t for t in c.topics}
        for h in c.handouts:
            check(h, "topic", h.topics, tops)
            check(h, "article", h.articles, arts)
            for part in h.parts:
                if part.sections and part.topic in topics:
                    self.handout_sections(h, part, topics[part.topic])

    def handout_sections(self, h: Handout, part: HandoutPart, topic: Topic) -> None:
        """Sections are chosen by position: every language must have them, and the same
        number of them (else position 3 would be different text in different languages)."""
        counts = {
            lang: len(split_sections(topic.texts[lang].body)) - 1
            for lang in self.langs
            if not topic.texts[lang].fallback
        }
        if len(set(counts.values())) > 1:
            listed = ", ".join(f"{n} in {lang}" for lang, n in counts.items())
            self.p.error(
                part.loc,
                f"handout '{h.id}' chooses sections of topic '{topic.id}' "
                f"by position, but its languages have different numbers of '##' "
                f"sections ({listed}): give every language the same headings",
            )
            return
        n = next(iter(counts.values()), 0)
        for s in part.sections:
            if s > n:
                self.p.error(
                    part.loc,
                    f"handout '{h.id}': topic '{topic.id}' has no section "
                    f"{s} (it has {n}: 1–{n} are its '##' headings, 0 the text "
                    "before the first one)",
                )

    def milestone_events(self, milestones: list[Milestone], events: list[Event]) -> list[Milestone]:
        """Each milestone's events (its date range plus its listed ids), in timeline order;
        milestones in the order of their first event."""
        valid = {e.id for e in events}
        out = []
        for m in milestones:

            def belongs(e: Event, m: Milestone = m) -> bool:
                if e.id in m.extra:
                    return True
                if m.start is None and m.end is None:
                    return False
                return (m.start is None or e.date.sort_key >= _lower(m.start)) and (
                    m.end is None or e.date.sort_key <= _upper(m.end)
                )

            chosen = [e.id for e in events if belongs(e)]
            if not chosen:
                if all(x in valid for x in m.extra):  # else an unknown id was reported
                    self.p.error(
                        m.loc,
                        f"milestone '{m.id}' selects no events: check its "
                        "'from', 'to' and 'events'",
                    )
                continue
            out.append(replace(m, events=tuple(chosen)))
        first = {e.id: e.date.sort_key for e in events}
        return sorted(out, key=lambda m: (first[m.events[0]], m.id))

    def history_events(
        self, a: Article, events: set[str], declared_events: set[str], by_date: dict[Any, list[Any]]
    ) -> Article:
        """Tie each history entry to its timeline event: the one it names, or else the event
        of the same date (one that lists the article first). ``events``: the valid event
        ids; ``by_date``: the events of each date (built once, not per article)."""
        history = []
        for h in a.history:
            event = h.event
            if event is not None and event not in events:
                if event not in declared_events:
                    self.p.error(
                        h.loc, f"unknown event '{event}' in a history entry of article {a.number}"
                    )
                event = None
            elif event is None:
                same = sorted(
                    by_date.get(h.date, ()), key=lambda e: (a.number not in e.articles, e.id)
                )
                event = same[0].id if same else None
            history.append(dataclasses.replace(h, event=event))
        return dataclasses.replace(a, history=tuple(history))
