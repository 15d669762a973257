"""Stage 2: turn raw records into the typed model, collecting every problem on the way.

The checks are split by what they read: :mod:`.fields` (reusable field validators),
:mod:`.settings` (site.yml, document.yml), :mod:`.records` and :mod:`.handout` (one check
per record kind), :mod:`.crossrefs` (duplicates, references, derived relations)."""

from __future__ import annotations

from typing import Any

from explainer.load import RawContent
from explainer.model import Content, article_order
from explainer.problems import Loc, Problems
from explainer.validate import diagrams as validate_diagrams
from explainer.validate import safety
from explainer.validate.crossrefs import CrossRefs, declared
from explainer.validate.fields import PLACEHOLDER_RE, parse_date
from explainer.validate.handout import HandoutChecks
from explainer.validate.records import RecordChecks
from explainer.validate.settings import SettingsChecks
from explainer.validate.textcheck import (
    describe,
    doubled_term_refs,
    mixed_script_words,
    term_consistency,
)

__all__ = ["Validator", "declared", "parse_date", "validate"]


class Validator(SettingsChecks, RecordChecks, HandoutChecks, CrossRefs):
    """The whole check: every record kind, then the cross-record checks."""

    def run(self, texts: dict[str, str]) -> Content | None:
        site = self.site()
        ui = self.ui()
        document = self.document()
        safety.check_settings(self.raw.site, self.raw.document, self.p)
        content_site = site
        topics = [
            t
            for t in (self.topic(f, m, tx, loc) for f, (m, tx, loc) in self.raw.topics.items())
            if t
        ]
        self.raw_duplicates(self.raw.articles, "number", "article")
        self.raw_duplicates(self.raw.events, "id", "event id")
        self.raw_duplicates(self.raw.terms, "id", "term id")
        self.raw_duplicates(self.raw.handouts, "id", "handout id")
        self.raw_duplicates(self.raw.milestones, "id", "milestone id")
        articles = self.unique(
            [self.article(d, loc, document) for d, loc in self.raw.articles],
            lambda a: str(a.number),
            "article",
        )
        events = self.unique(
            [self.event(d, loc) for d, loc in self.raw.events], lambda e: e.id, "event id"
        )
        terms = self.unique(
            [self.term(d, loc) for d, loc in self.raw.terms], lambda t: t.id, "term id"
        )
        handouts = self.unique(
            [self.handout(d, loc) for d, loc in self.raw.handouts], lambda h: h.id, "handout id"
        )
        milestones = self.unique(
            [self.milestone(d, loc) for d, loc in self.raw.milestones],
            lambda m: m.id,
            "milestone id",
        )
        for path, text in texts.items():
            for n, line in enumerate(text.split("\n"), 1):
                for word in mixed_script_words(line):
                    self.p.error(Loc(path, n), describe(word))
                m = PLACEHOLDER_RE.search(line)
                if m:
                    self.p.warning(
                        Loc(path, n),
                        f"placeholder '{m.group(0)}' left from 'explainer new': write the "
                        "real text or source here",
                    )
        for loc, message in term_consistency(texts, terms, self.langs):
            self.p.error(loc, message)
        for loc, message in doubled_term_refs(
            texts, [t for t in terms if t], self.langs, [e for e in events if e]
        ):
            self.p.warning(loc, message)
        if content_site is None:
            return None
        content = Content(
            content_site,
            document,
            sorted(topics, key=lambda t: (t.order, t.id)),
            sorted(articles, key=lambda a: article_order(a.number)),
            sorted(events, key=lambda e: (e.date.sort_key, e.id)),
            sorted(terms, key=lambda t: t.id),
            handouts,
            ui,
        )
        content.milestones = self.milestone_events(milestones, content.events)
        content.diagrams = validate_diagrams.check(self, self.raw.diagrams)
        self.references(content)
        event_ids = {e.id for e in content.events}
        declared_events = declared(self.raw)[3]
        by_date: dict[Any, list[Any]] = {}
        for e in content.events:
            by_date.setdefault(e.date, []).append(e)
        content.articles = [
            self.history_events(a, event_ids, declared_events, by_date) for a in content.articles
        ]
        return content


def validate(
    raw: RawContent, texts: dict[str, str], problems: Problems, ui: dict[str, Any]
) -> Content | None:
    """Check everything in ``raw``; return the model (``None`` if it cannot be built)."""
    return Validator(raw, problems, ui).run(texts)
