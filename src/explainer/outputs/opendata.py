"""The open-data export: the linked model per language as JSON (schema in DATA.md)."""

from __future__ import annotations

import json
import re
from typing import Any

from explainer import layout
from explainer.link import Linked, Linker
from explainer.model import Date, Source
from explainer.problems import Problems

SCHEMA = "ata-zan-explainer/1"


def _date(d: Date) -> dict[str, Any]:
    return {"date": d.iso, "precision": d.precision}


def _sources(items: tuple[Source, ...]) -> list[dict[str, Any]]:
    return [{"title": s.title, "url": s.url} for s in items]


def words(markdown: str) -> int:
    """Words a reader sees: Markdown syntax and references are not counted."""
    text = re.sub(r"\[\[[a-z]+:[^\]|]*\|([^\]]*)\]\]", r"\1", markdown)
    text = re.sub(r"\[\[[a-z]+:([^\]]*)\]\]", r"\1", text)
    text = re.sub(r"\{\d{4}:\s*([^{}]*)\}", r"\1", text)
    text = re.sub(r"[#*_>|`\[\]()-]+", " ", text)
    return len(re.findall(r"\w[\w'’.-]*", text))


def export(linked: Linked, lang: str) -> dict[str, Any]:
    """Every text is plain: a reference (``[[term:court|courts]]``) is the words a reader
    sees, ``{2026: …}`` its text, no emphasis marks; the links are in the id lists beside it
    (``articles``, ``terms``, ``cited_by``…). Paragraph breaks stay as blank lines."""
    c = linked.content
    words_only = Linker(c, Problems()).words_only

    def t(text: str) -> str:
        return words_only(text, lang)

    def opt(text: dict[str, str] | None) -> str | None:
        return t(text[lang]) if text else None

    def url(md: str) -> str:
        address = layout.public_url(c.site.base_url, lang, c.site.default, md)
        return address or layout.site_path(lang, c.site.default, md)

    return {
        "schema": SCHEMA,
        "lang": lang,
        "as_of": c.site.as_of.iso,
        "site": {
            "title": next(x.title for x in c.site.languages if x.code == lang),
            "base_url": c.site.base_url,
            "languages": [x.code for x in c.site.languages],
        },
        "document": {
            "title": c.document.title[lang],
            "official": c.document.official[lang],
            "status": c.document.status[lang],
            "preamble": opt(c.document.preamble),
            "editions": [
                {
                    "date": e.date.iso,
                    "title": e.title[lang],
                    "act": e.act[lang] if e.act else None,
                    "number": e.number,
                    "url": url(layout.edition(e.date.iso)),
                    "sources": _sources(e.sources),
                }
                for e in c.document.editions
            ],
        },
        "topics": [
            {
                "id": tp.id,
                "order": tp.order,
                "as_of": tp.as_of.iso,
                "title": tp.texts[lang].title,
                "summary": t(tp.texts[lang].summary),
                "translated": not tp.texts[lang].fallback,
                "words": words(tp.texts[lang].body),
                "url": url(layout.topic(tp.id)),
                "articles": list(tp.articles),
                "terms": list(tp.terms),
                "sources": _sources(tp.sources),
            }
            for tp in c.topics
        ],
        "articles": [
            {
                "number": a.number,
                "section": a.section,
                "title": a.title[lang],
                "summary": t(a.summary[lang]),
                "status": a.status,
                "official": a.official[lang],
                "url": url(layout.article(a.number)),
                "topics": list(a.topics),
                "terms": list(a.terms),
                "history": [
                    {
                        **_date(h.date),
                        "kind": h.kind,
                        "text": t(h.text[lang]),
                        "event": h.event,
                        "sources": _sources(h.sources),
                    }
                    for h in a.history
                ],
                "versions": [
                    {
                        "as_of": v.as_of.iso,
                        "until": v.until.iso if v.until else None,
                        "text": t(v.text[lang]),
                        "sources": _sources(v.sources),
                    }
                    for v in a.versions
                ],
                "paragraphs": [
                    {
                        "n": p.n,
                        "text": t(p.text[lang]),
                        "since": p.since.iso if p.since else None,
                        "until": p.until.iso if p.until else None,
                        "repealed": p.repealed,
                    }
                    for p in a.paragraphs
                ],
                "unchanged": [d.iso for d in a.unchanged],
                "repealed": a.repealed.iso if a.repealed else None,
                "successor": {
                    "status": a.successor.status,
                    "articles": list(a.successor.articles),
                    "text": t(a.successor.text[lang]),
                    "sources": _sources(a.successor.sources),
                }
                if a.successor
                else None,
                "cited_by": [
                    {"kind": r.kind, "id": r.id} for r in linked.article_cited_by.get(a.number, [])
                ],
                "sources": _sources(a.sources),
            }
            for a in c.articles
        ],
        "events": [
            {
                "id": e.id,
                **_date(e.date),
                "category": e.category,
                "title": e.title[lang],
                "text": t(e.text[lang]),
                "note": opt(e.note),
                "url": url(layout.event_anchor(e.id)),
                "articles": list(e.articles),
                "topics": list(e.topics),
                "sources": _sources(e.sources),
            }
            for e in c.events
        ],
        "terms": [
            {
                "id": tm.id,
                "term": tm.term[lang],
                "definition": t(tm.definition[lang]),
                **({"more": t(tm.more[lang])} if tm.more else {}),
                "translations": dict(tm.term),
                "url": url(layout.term_anchor(tm.id)),
                "articles": list(tm.articles),
                "used_by": [
                    {"kind": r.kind, "id": r.id} for r in linked.term_used_by.get(tm.id, [])
                ],
                "sources": _sources(tm.sources),
            }
            for tm in c.terms
        ],
        "milestones": [
            {
                "id": m.id,
                "title": m.title[lang],
                "intro": t(m.intro[lang]),
                "from": m.start.iso if m.start else None,
                "to": m.end.iso if m.end else None,
                "url": url(layout.milestone(m.id)),
                "events": list(m.events),
            }
            for m in c.milestones
        ],
    }


def dumps(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode()
