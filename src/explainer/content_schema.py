"""The content schema: every record of ``content/`` with its fields, each typed and documented.

The records are shaped like the files (``from``/``to`` as written, not the computed fields of
:mod:`explainer.model`), and their fields stand in the order the validator's messages list
them ("expected one of: …"). The validator takes the allowed fields from here
(:func:`names`), :mod:`explainer.schema_json` writes a JSON Schema per content file kind from
it (``explainer schema``), and a test checks CONTENT.md's field reference against it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class F:
    """One field of a record."""

    name: str
    """The key as written in the file."""
    type: str
    """``string``, ``integer``, ``boolean``, ``date``, ``text`` (one string per language),
    ``labels`` (plain text per language), ``number`` (an article number), ``ints``, ``ids``,
    ``numbers`` (article numbers), ``sources``, ``mapping``, ``record:<kind>``,
    ``list:<kind>``, or several of these joined by ``|``."""
    doc: str
    """What the field means (the description in the JSON Schema and CONTENT.md)."""
    required: bool = False
    """Whether the validator reports a file without it."""


SCHEMA: dict[str, tuple[F, ...]] = {
    "site": (
        F(
            "languages",
            "list:language",
            "All languages; the first is the default, served at `/`.",
            True,
        ),
        F("as_of", "date", 'The date up to which the content was checked ("as of").', True),
        F(
            "base_url",
            "string",
            "Public address of the hosted site, ending in `/`; leave out when it has none yet.",
        ),
        F("repo_url", "string", "Address of the source repository, if public."),
        F("home", "text", "Home page introduction (Markdown) per language.", True),
        F(
            "ui",
            "mapping",
            "Interface strings per language, over the generator's (`ui: kk: key: …`).",
        ),
        F(
            "slug",
            "string",
            "Short name of the explainer, for file names (`dist/<slug>-offline.zip`).",
        ),
        F(
            "categories",
            "list:category",
            "Categories of timeline events, in the order of the filters and the legend.",
        ),
    ),
    "language": (
        F(
            "code",
            "string",
            "BCP 47 code, used in `<html lang>` and in URLs (`kk`, `ru`, `en`).",
            True,
        ),
        F(
            "name",
            "string",
            "The language's name in itself (`Қазақша`), shown in the language switch.",
            True,
        ),
        F("title", "string", "The site title in this language.", True),
        F("description", "string", "One sentence describing the site, in this language."),
    ),
    "category": (
        F("id", "string", "The category's id, used by events (`category:`).", True),
        F("label", "text", "Its name per language (filters, legend, each event).", True),
        F(
            "shape",
            "string",
            "Its mark in the drawing: circle, square, triangle, diamond, star or ring.",
            True,
        ),
        F("colour", "string", "The mark's colour (`#rrggbb`); default: the shape's."),
    ),
    "document": (
        F("title", "text", "The document's name per language.", True),
        F("official", "text", "Link to the official text per language.", True),
        F(
            "status",
            "text",
            'One line on its status per language (e.g. "in force 1995–2026").',
            True,
        ),
        F("sections", "list:section", "The sections of the document, in order."),
        F(
            "editions",
            "list:edition",
            "The editions of the text, oldest first (the adopted text is the first).",
        ),
        F("preamble", "record:preamble", "A plain-language account of the preamble."),
        F(
            "statuses",
            "list:status",
            "The statuses an article can have; none: articles have no status line.",
        ),
        F("banner", "record:banner", "The notice on every page that the document lost force."),
    ),
    "section": (
        F("number", "integer", "The section's number.", True),
        F("title", "text", "Its title per language.", True),
        F("first", "integer", "First article number in the section.", True),
        F("last", "integer", "Last article number in the section.", True),
        F(
            "summary",
            "text",
            "What the section was about, per language (Markdown, references allowed).",
        ),
    ),
    "edition": (
        F("date", "date", "The edition's date, as used in article histories.", True),
        F("title", "text", 'A short name per language ("The amendments of 7 October 1998").', True),
        F(
            "act",
            "text",
            "The amending act (or the referendum that adopted the text), per language.",
        ),
        F("number", "string", "The act's number, only where a source shows it."),
        F("sources", "sources", "Where the edition was seen.", True),
    ),
    "preamble": (
        F("text", "text", "The account per language (Markdown).", True),
        F("sources", "sources", "Where the preamble was seen.", True),
    ),
    "status": (
        F("id", "string", "The status's id, used by articles (`status:`).", True),
        F("label", "text", "Shown on the article page, per language.", True),
        F("document_status", "boolean", "Whether the document's own status line follows it."),
    ),
    "banner": (
        F("text", "text", "The notice per language.", True),
        F("replaced_by", "string", "The topic that explains what replaced the document.", True),
        F("link", "text", "The text of the link to that topic, per language.", True),
    ),
    "article": (
        F(
            "number",
            "number",
            'The article\'s number: `15`, or `"83-1"` for an inserted article.',
            True,
        ),
        F("section", "integer", "Its section's number (required when the document has sections)."),
        F("title", "text", "Its title per language.", True),
        F("summary", "text", "Plain-language summary per language (Markdown).", True),
        F("status", "string", "One of the document's `statuses` (required when it defines some)."),
        F("history", "list:history", "Dated changes in the article's life."),
        F("versions", "list:version", "The wording at chosen dates, oldest first."),
        F("topics", "ids", "Topic ids that explain the article."),
        F("terms", "ids", "Glossary term ids it uses."),
        F(
            "official",
            "text",
            "Link to the official text per language (defaults to the document's).",
        ),
        F("sources", "sources", "Where the facts were seen.", True),
        F(
            "paragraphs",
            "list:paragraph",
            "Each paragraph in each of its wordings, in order "
            "(required when the document has `editions`).",
        ),
        F("unchanged", "list:date", "Editions that a source shows left the article untouched."),
        F(
            "successor",
            "record:successor",
            "Where its rule went in the Constitution of 2026 "
            "(required when the document has `editions`).",
        ),
        F("repealed", "date", "The edition that removed the whole article from the text, if any."),
    ),
    "history": (
        F("date", "date", "When the change happened.", True),
        F("kind", "string", "One of `adopted`, `amended`, `lapsed`.", True),
        F("text", "text", "Markdown per language; references (`[[art:42.5]]`) allowed.", True),
        F("sources", "sources", "Where the change was seen.", True),
        F(
            "event",
            "string",
            "The timeline event this change belongs to (default: found by its date).",
        ),
    ),
    "version": (
        F("as_of", "date", "The date the text describes.", True),
        F("until", "date", "If given, the wording did not change from `as_of` to this date."),
        F("text", "text", "Markdown per language, a paraphrase.", True),
        F("sources", "sources", "Where the wording was seen.", True),
    ),
    "paragraph": (
        F(
            "n",
            "string|integer",
            'Its number in the last edition: `1`, `"3-1"` (anchor `#p3-1`).',
            True,
        ),
        F("text", "text", "Markdown per language.", True),
        F("since", "date", "The edition that gave it this wording (default: the adopted text)."),
        F(
            "until",
            "date",
            "The edition that replaced (or removed) this wording (default: until the lapse).",
        ),
        F("repealed", "boolean", "True if the edition of `until` removed the paragraph."),
    ),
    "successor": (
        F("status", "string", "`carried`, `not-carried` or `unknown`.", True),
        F("articles", "numbers", "The 2026 article numbers (only if carried)."),
        F(
            "text",
            "text",
            "Plain text per language; never linked to the articles of the 1995 text.",
            True,
        ),
        F("sources", "sources", "Where the successor was seen (not needed when `unknown`)."),
    ),
    "event": (
        F("id", "string", "The event's id (`[[event:id]]`).", True),
        F("date", "date", "When it happened (`1995`, `1995-08`, `1995-08-30`).", True),
        F("category", "string", "One of the site's `categories`.", True),
        F("title", "text", "Its title per language.", True),
        F("text", "text", "What happened, per language (Markdown).", True),
        F("articles", "numbers", "Article numbers it concerns."),
        F("topics", "ids", "Topic ids that explain it."),
        F("note", "text", "Where sources disagree, per language."),
        F("sources", "sources", "Where the event was seen.", True),
    ),
    "term": (
        F("id", "string", "The term's id (`[[term:id]]`).", True),
        F("term", "text", "The term per language.", True),
        F("definition", "text", "One sentence per language (shown in tooltips).", True),
        F("more", "text", "A longer explanation on the glossary page, never in a tooltip."),
        F("articles", "numbers", "Article numbers that use the term."),
        F("sources", "sources", "Where the definition was seen."),
        F("avoid", "mapping", "Per language: words that must not stand for this concept."),
    ),
    "handout": (
        F("id", "string", "The handout's id: `handouts/<edition>/<id>.pdf`.", True),
        F("title", "text", "Its title per language.", True),
        F("summary", "text", "The lead paragraph; default: the first topic's summary."),
        F(
            "topics",
            "list:handout_topic|string",
            "The topics it prints, in order: ids, or `topic:` with `sections:`.",
        ),
        F("articles", "numbers", "Articles to list by section of the document."),
        F(
            "timeline",
            "boolean|record:handout_timeline",
            "Whether it prints the timeline (`true`, or `from:`/`to:` years).",
        ),
        F(
            "editions",
            "ids",
            "`kk`, `ru`, `en` (one language) or `kk-ru` (two side by side); default: all.",
        ),
        F("pages", "integer", "Most pages of a one-language edition (1 or 2)."),
    ),
    "handout_topic": (
        F("topic", "string", "The topic's id.", True),
        F(
            "sections",
            "ints",
            "Sections by position: `1` the first `##` heading, `0` the text before it.",
        ),
    ),
    "handout_timeline": (
        F("from", "integer", "First year of the events printed.", True),
        F("to", "integer", "Last year of the events printed.", True),
    ),
    "milestone": (
        F("id", "string", "Becomes the page `timeline/<id>` (keep it once published).", True),
        F("title", "text", "Its title per language.", True),
        F(
            "intro",
            "text",
            "A short introduction per language (Markdown, references allowed).",
            True,
        ),
        F("from", "date", "Events on or after this date belong to it."),
        F("to", "date", "Events on or before this date (the whole month or year if less precise)."),
        F("events", "ids", "Event ids added to those in the date range."),
    ),
    "topic": (
        F("order", "integer", "Position in the navigation, ascending.", True),
        F("as_of", "date", "The date the page describes.", True),
        F("articles", "numbers", "Article numbers the topic is about.", True),
        F("terms", "ids", "Glossary term ids it explains.", True),
        F("sources", "sources", "Where the facts were seen.", True),
    ),
    "topic_text": (
        F("title", "string", "The topic's title in this language.", True),
        F("summary", "string", "One or two sentences: the lead and the description.", True),
    ),
    "source": (
        F("title", "string", "Human-readable name of the source (publisher, page title).", True),
        F("url", "string", "Address of the page, if it has one."),
    ),
    "diagram": (
        F("id", "string", "The diagram's id (`[[diagram:id]]`).", True),
        F("kind", "string", "How it is drawn: `steps` or `compare`.", True),
        F("title", "labels", "Its title per language (plain text).", True),
        F("description", "labels", "Its text alternative per language (plain text).", True),
        F("columns", "list:diagram_column", "The columns, left to right.", True),
        F("nodes", "list:diagram_node", "The boxes.", True),
        F("edges", "list:diagram_edge", "The arrows between boxes."),
        F("sources", "sources", "Where the facts drawn were seen.", True),
        F("as_of", "date", "The date the drawing describes."),
    ),
    "diagram_node": (
        F("id", "string", "The box's id, used by edges.", True),
        F("column", "string", "The id of its column.", True),
        F("level", "integer", "Its level in the column, 1 at the top.", True),
        F("label", "labels", "Its text per language (plain text).", True),
    ),
    "diagram_edge": (
        F("from", "string", "The id of the box it starts at.", True),
        F("to", "string", "The id of the box it points to.", True),
        F("label", "labels", "Its text per language (plain text)."),
    ),
    "diagram_column": (
        F("id", "string", "The column's id, used by nodes.", True),
        F("label", "labels", "Its heading per language (plain text).", True),
    ),
}
"""Every record kind with its fields, in the order of the files and the messages."""

FILES: dict[str, tuple[str, str, bool]] = {
    "site": ("content/site.yml", "site", False),
    "document": ("content/document.yml", "document", False),
    "article": ("content/articles/*.yml", "article", False),
    "events": ("content/events/*.yml", "event", True),
    "glossary": ("content/glossary/*.yml", "term", True),
    "handouts": ("content/handouts/*.yml", "handout", True),
    "milestones": ("content/milestones/*.yml", "milestone", True),
    "diagrams": ("content/diagrams/*.yml", "diagram", True),
    "topic": ("content/topics/*/topic.yml", "topic", False),
    "topic-text": ("content/topics/*/<lang>.md (front matter)", "topic_text", False),
}
"""Each content file kind: its files, its record kind, and whether it holds a list of them."""


def names(kind: str, *extra: str) -> tuple[str, ...]:
    """The allowed fields of a record kind, in order (``extra``: fields appended)."""
    return (*(f.name for f in SCHEMA[kind]), *extra)


def required(kind: str) -> tuple[str, ...]:
    """The fields a record of this kind cannot leave out."""
    return tuple(f.name for f in SCHEMA[kind] if f.required)


BEGIN = "<!-- field reference: generated by `python -m explainer.content_schema`; do not edit -->"
END = "<!-- end of the field reference -->"

_WORDS = {
    "string": "text",
    "integer": "whole number",
    "boolean": "true/false",
    "date": "date",
    "text": "text per language",
    "labels": "plain text per language",
    "number": "article number",
    "ints": "list of numbers",
    "ids": "list of ids",
    "numbers": "list of article numbers",
    "sources": "list of sources",
    "mapping": "mapping",
}


def _words(spec: str) -> str:
    if spec.startswith("list:"):
        return "list of " + " or ".join(
            _WORDS.get(p, p.replace("_", " ") + "s") for p in spec[5:].split("|")
        )
    return " or ".join(
        _WORDS.get(p, p.removeprefix("record:").replace("_", " ")) for p in spec.split("|")
    )


def reference_md() -> str:
    """CONTENT.md's field reference: a table per record kind, from :data:`SCHEMA`."""
    lines = [BEGIN, ""]
    for kind, fields in SCHEMA.items():
        files = [pattern for pattern, k, _ in FILES.values() if k == kind]
        where = f" ({', '.join(f'`{p}`' for p in files)})" if files else ""
        lines += [f"### `{kind}`{where}", "", "| field | kind | required | meaning |"]
        lines.append("|---|---|---|---|")
        for f in fields:
            req = "yes" if f.required else ""
            lines.append(f"| `{f.name}` | {_words(f.type)} | {req} | {f.doc.replace('|', '/')} |")
        lines.append("")
    return "\n".join([*lines, END])


def update_reference(path: Path) -> bool:
    """Rewrite the field reference in ``path`` (CONTENT.md); ``True`` if it changed."""
    text = path.read_text(encoding="utf-8")
    start, end = text.index(BEGIN), text.index(END) + len(END)
    new = text[:start] + reference_md() + text[end:]
    if new != text:
        path.write_text(new, encoding="utf-8")
    return new != text


if __name__ == "__main__":
    changed = update_reference(Path(__file__).resolve().parents[2] / "CONTENT.md")
    print("CONTENT.md: field reference " + ("updated" if changed else "unchanged"))
