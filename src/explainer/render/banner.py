"""The status banner: one notice on every page saying that the document lost force and
linking to what replaced it, from ``banner:`` in content/document.yml.

    banner:
      text: {kk: …, ru: …, en: …}        # the notice (plain text)
      replaced_by: constitution-2026     # the topic that explains what replaced it
      link: {kk: …, ru: …, en: …}        # the link's text

A document still in force leaves ``banner`` out: then no page has one. The topic it links to
does not repeat it (nor does that topic's side-by-side page).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from explainer import layout
from explainer.content_schema import names
from explainer.load import LDict
from explainer.model import Banner
from explainer.text.markdown import md_text

if TYPE_CHECKING:
    from explainer.model import Content
    from explainer.problems import Problems
    from explainer.validate.fields import Fields as Validator

FIELDS = names("banner")


def validate(v: Validator, d: LDict) -> Banner | None:
    """``banner:`` of the document, checked (its topic is checked by :func:`check`)."""
    value = d.get("banner")
    if value is None:
        return None
    if not isinstance(value, LDict):
        v.p.error(
            v.loc(d, "banner"),
            "'banner' in the document must be a mapping (text: {kk: …}, replaced_by: <topic>, "
            "link: {kk: …})",
        )
        return None
    what = "the banner"
    v.fields(value, what, FIELDS)
    text = v.text(value, "text", what)
    link = v.text(value, "link", what)
    topic = None
    if "replaced_by" in value:
        topic = v.ident(value["replaced_by"], v.loc(value, "replaced_by"), "topic")
    else:
        v.req(value, "replaced_by", what)
    v.text_safe(value, "text", plain=True)
    v.text_safe(value, "link", plain=True)
    if text is None or link is None or topic is None:
        return None
    return Banner(text, topic, link, v.loc(value, "replaced_by"))


def check(content: Content, problems: Problems) -> None:
    """The banner's topic must exist."""
    b = content.document.banner
    if b is not None and b.replaced_by not in {t.id for t in content.topics}:
        problems.error(b.loc, f"unknown topic '{b.replaced_by}' in the banner's 'replaced_by'")


_H1 = re.compile(r"^# .*$", re.M)


def html_block(b: Banner, lang: str, page: str) -> str:
    """The notice as an HTML block for the Markdown page at ``page``."""
    href = layout.rel(page, layout.topic(b.replaced_by))
    return (
        f'<div class="az-banner" role="note" markdown>\n\n'
        f":material-alert-circle: **{md_text(b.text[lang])}** "
        f"[{md_text(b.link[lang])}]({href})\n\n"
        "</div>\n"
    )


def add(b: Banner | None, lang: str, page: str, markdown: str, skip: tuple[str, ...]) -> str:
    """``markdown`` with the notice right under its title (unless ``page`` is in ``skip``)."""
    if b is None or page in skip:
        return markdown
    block = html_block(b, lang, page)
    m = _H1.search(markdown)
    if m is None:
        return block + "\n" + markdown
    return markdown[: m.end()] + "\n\n" + block + markdown[m.end() :]


def skipped(b: Banner | None) -> tuple[str, ...]:
    """Pages that carry no notice: the topic about what replaced the document."""
    if b is None:
        return ()
    return (layout.topic(b.replaced_by), layout.parallel_topic(b.replaced_by))
