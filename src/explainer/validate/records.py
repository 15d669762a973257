"""One check per content record kind: topic, article, event, term, milestone."""

from __future__ import annotations

from explainer.content_schema import names
from explainer.load import LDict, LList, MarkdownFile
from explainer.model import (
    Article,
    Document,
    Event,
    Milestone,
    Term,
    Topic,
    TopicText,
)
from explainer.problems import Loc
from explainer.validate import articles as validate_articles
from explainer.validate import safety
from explainer.validate.crossrefs import declared
from explainer.validate.fields import (
    _MISSING,
    ID_RE,
    _lower,
    _upper,
    each_item,
)
from explainer.validate.history import HistoryChecks
from explainer.validate.textcheck import (
    DEFINITION_WORDS,
    avoid_pattern,
    definition_sentences,
    definition_words,
)


class RecordChecks(HistoryChecks):
    """Each method checks one raw record and returns its model record (``None`` if invalid)."""

    def topic(
        self, folder: str, meta: LDict | None, texts: dict[str, MarkdownFile | None], loc: Loc
    ) -> Topic | None:
        tid = self.ident(folder, loc, "topic")
        if meta is None:
            if loc.path not in self.raw.texts:  # a file that failed to parse is reported
                self.p.error(loc, f"topic '{folder}' has no topic.yml")
            return None
        what = f"topic '{folder}'"
        self.fields(meta, what, names("topic"))
        order = self.integer(meta, "order", what)
        as_of = self.date(meta, "as_of", what)
        articles = self.int_list(meta, "articles", what)
        terms = self.id_list(meta, "terms", what)
        sources = self.sources(meta, what)
        out: dict[str, TopicText] = {}
        for name, md in texts.items():
            if name not in self.langs and md is not None:
                self.p.error(
                    md.loc, f"'{name}.md' is not a site language ({', '.join(self.langs)})"
                )
        for lang in self.langs:
            md = texts.get(lang)
            if md is None:
                continue
            tw = f"{what} ({lang})"
            self.fields(md.meta, tw, names("topic_text"))
            title = self.string(md.meta, "title", tw)
            summary = self.string(md.meta, "summary", tw) or ""
            self.markdown_safe(md.body, Loc(md.loc.path, md.body_line))
            for key in ("title", "summary"):
                if isinstance(md.meta.get(key), str):
                    safety.check_title(md.meta[key], self.loc(md.meta, key), self.p)
            if title:
                out[lang] = TopicText(lang, title, summary, md.body, md.loc, md.body_line)
        if not out:
            if texts:
                return None
            self.p.error(loc, f"{what} has no text in any language ({self.langs[0]}.md, …)")
            return None
        first = out.get(self.langs[0]) or next(iter(out.values()))
        for lang in self.langs:
            if lang not in out and lang not in texts:
                self.p.warning(
                    loc,
                    f"missing translation '{lang}' of {what}: "
                    f"add {loc.path.rsplit('/', 1)[0]}/{lang}.md",
                )
                out[lang] = TopicText(
                    lang,
                    first.title,
                    first.summary,
                    first.body,
                    first.loc,
                    first.body_line,
                    fallback=True,
                )
        if tid is None or order is None or as_of is None or len(out) < len(self.langs):
            return None
        return Topic(tid, order, as_of, articles, terms, sources, out, loc, dict(meta.key_locs))

    def article(self, d: LDict, loc: Loc, document: Document) -> Article | None:
        num = validate_articles.number(self, d)
        what = f"article {num}" if num is not None else "an article"
        self.fields(d, what, names("article"))
        stem = loc.path.rsplit("/", 1)[-1].removesuffix(".yml")
        if num is not None and stem != str(num):
            self.p.error(
                self.loc(d, "number"),
                f"article number {num} does not match its file "
                f"name '{stem}.yml' (name it {num}.yml)",
            )
        # A section is named only when the document has sections.
        section = self.integer(d, "section", what, required=bool(document.sections))
        if section is not None and not document.sections:
            self.p.error(
                self.loc(d, "section"),
                f"article {num} names section {section}, but the document has no "
                "'sections' (content/document.yml): remove 'section' or add the sections",
            )
            section = None
        title = self.text(d, "title", what)
        summary = self.text(d, "summary", what)
        statuses = tuple(x.id for x in document.statuses)
        if statuses:
            status = self.choice(d, "status", what, statuses)
        else:  # the document defines no statuses: articles have none
            status = None
            if d.get("status") is not None:
                self.p.error(
                    self.loc(d, "status"),
                    f"article {num} has a status, but content/document.yml defines no "
                    "'statuses': add them there (id, label per language) or remove 'status'",
                )
        history = self.history(d, what)
        versions = self.versions(d, what, history)
        topics = self.id_list(d, "topics", what)
        terms = self.id_list(d, "terms", what)
        official = self.text(d, "official", what, required=False) or document.official
        sources = self.sources(d, what)
        extra = validate_articles.article_fields(self, d, what, history, document.editions)
        self.text_safe(d, "title", plain=True)
        self.text_safe(d, "summary")
        safety.check_urls(d, "official", self.p)
        if (
            num is None
            or (section is None and document.sections)
            or (status is None and statuses)
            or not title
            or not summary
        ):
            return None
        return Article(
            num,
            section,
            title,
            summary,
            status,
            history,
            topics,
            terms,
            official,
            sources,
            loc,
            dict(d.key_locs),
            versions,
            **extra,
        )

    def event(self, d: LDict, loc: Loc) -> Event | None:
        eid = self.req(d, "id", "an event")
        eid = self.ident(eid, self.loc(d, "id"), "event") if eid is not _MISSING else None
        what = f"event '{eid}'" if eid else "an event"
        self.fields(d, what, names("event"))
        date = self.date(d, "date", what)
        category = self.string(d, "category", what)
        known = tuple(c.id for c in self.site_categories)
        if category is not None and category not in known:
            self.p.error(
                self.loc(d, "category"),
                f"unknown category '{category}' in {what} ("
                + (
                    f"the categories of content/site.yml: {', '.join(known)})"
                    if known
                    else "content/site.yml defines no 'categories': add them there)"
                ),
            )
            category = None
        title = self.text(d, "title", what)
        text = self.text(d, "text", what)
        note = self.text(d, "note", what, required=False)
        sources = self.sources(d, what)
        for lang_title, title_loc in safety.each_text(d, "title"):
            safety.check_title(lang_title, title_loc, self.p, markdown_field=True)
        self.text_safe(d, "text")
        self.text_safe(d, "note", plain=True)
        if not eid or not date or not category or not title or not text:
            return None
        return Event(
            eid,
            date,
            category,
            title,
            text,
            self.int_list(d, "articles", what),
            self.id_list(d, "topics", what),
            note,
            sources,
            loc,
            dict(d.key_locs),
        )

    def term(self, d: LDict, loc: Loc) -> Term | None:
        tid = self.req(d, "id", "a term")
        tid = self.ident(tid, self.loc(d, "id"), "term") if tid is not _MISSING else None
        what = f"term '{tid}'" if tid else "a term"
        self.fields(d, what, names("term"))
        term = self.text(d, "term", what)
        definition = self.text(d, "definition", what)
        more = self.text(d, "more", what, required=False)
        sources = self.sources(d, what, required=False)
        avoid = self.avoid(d, what, term or {})
        self.text_safe(d, "term", plain=True)
        self.text_safe(d, "definition")
        self.text_safe(d, "more")
        if tid:
            self.tooltip_sized(d, tid)
        if not tid or not term or not definition:
            return None
        return Term(
            tid,
            term,
            definition,
            self.int_list(d, "articles", what),
            sources,
            loc,
            dict(d.key_locs),
            avoid,
            more,
        )

    def tooltip_sized(self, d: LDict, tid: str) -> None:
        """A definition is a tooltip: one sentence of at most ``DEFINITION_WORDS`` words in
        each language (a warning, so ``--strict`` refuses it); the rest goes to ``more:``."""
        value = d.get("definition")
        if not isinstance(value, LDict):
            return
        for lang, v in value.items():
            if not isinstance(v, str) or lang not in self.langs:
                continue
            loc = value.key_locs[lang]
            n = definition_words(v)
            if n > DEFINITION_WORDS:
                self.p.warning(
                    loc,
                    f"definition of '{tid}' ({lang}) has {n} words; at most "
                    f"{DEFINITION_WORDS} — move the rest to 'more:'",
                )
            s = definition_sentences(v)
            if s > 1:
                self.p.warning(
                    loc,
                    f"definition of '{tid}' ({lang}) has {s} sentences; one sentence — "
                    "move the rest to 'more:'",
                )

    def avoid(self, d: LDict, what: str, term: dict[str, str]) -> dict[str, tuple[str, ...]]:
        """``avoid: {kk: [..], ru: [..]}``: words that must not name the term's concept."""
        value = d.get("avoid")
        if value is None:
            return {}
        if not isinstance(value, LDict):
            self.p.error(
                self.loc(d, "avoid"),
                f"field 'avoid' in {what} must map languages to lists of words",
            )
            return {}
        out: dict[str, tuple[str, ...]] = {}
        for lang, items in value.items():
            lloc = value.key_locs[lang]
            if lang not in self.langs:
                self.p.error(
                    lloc,
                    f"unknown language '{lang}' in 'avoid' of {what} "
                    f"(site languages: {', '.join(self.langs)})",
                )
                continue
            if not isinstance(items, LList):
                self.p.error(lloc, f"'avoid' of {what} must give a list of words per language")
                continue
            phrases = []
            for item, iloc in each_item(items):
                if not isinstance(item, str) or not item.strip():
                    self.p.error(iloc, f"empty or invalid word in 'avoid' of {what}")
                elif lang in term and avoid_pattern(item).match(term[lang]):
                    self.p.error(
                        iloc,
                        f"'avoid' word '{item}' of {what} matches the term '{term[lang]}' itself",
                    )
                else:
                    phrases.append(" ".join(item.split()))
            out[lang] = tuple(phrases)
        return out

    def milestone(self, d: LDict, loc: Loc) -> Milestone | None:
        mid = self.req(d, "id", "a milestone")
        mid = self.ident(mid, self.loc(d, "id"), "milestone") if mid is not _MISSING else None
        what = f"milestone '{mid}'" if mid else "a milestone"
        self.fields(d, what, names("milestone"))
        title = self.text(d, "title", what)
        intro = self.text(d, "intro", what)
        start = self.date(d, "from", what, required=False)
        end = self.date(d, "to", what, required=False)
        extra = self.id_list(d, "events", what)
        self.text_safe(d, "intro")
        self.text_safe(d, "title", plain=True)
        known = declared(self.raw)[3]
        events = d.get("events")
        if isinstance(events, LList):
            for item, item_loc in each_item(events):
                if isinstance(item, str) and ID_RE.match(item) and item not in known:
                    self.p.error(item_loc, f"unknown event '{item}' in 'events' of {what}")
        if start and end and _upper(end) < _lower(start):
            self.p.error(
                self.loc(d, "to"), f"'to' ({end.iso}) is before 'from' ({start.iso}) in {what}"
            )
            return None
        if not any(k in d for k in ("from", "to", "events")):
            self.p.error(d.loc, f"{what} needs a date range ('from', 'to') or a list of 'events'")
            return None
        if not mid or not title or not intro:
            return None
        return Milestone(mid, title, intro, start, end, extra, (), loc, dict(d.key_locs))
