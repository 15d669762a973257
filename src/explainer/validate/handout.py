"""The handout record (content/handouts/*.yml): its topics, timeline and editions."""

from __future__ import annotations

from explainer.content_schema import names
from explainer.load import LDict, LList
from explainer.model import (
    Handout,
    HandoutPart,
)
from explainer.problems import Loc
from explainer.validate import safety
from explainer.validate.fields import (
    _MISSING,
    Fields,
    each_item,
)


class HandoutChecks(Fields):
    """Checks of a handout."""

    def handout(self, d: LDict, loc: Loc) -> Handout | None:
        hid = self.req(d, "id", "a handout")
        hid = self.ident(hid, self.loc(d, "id"), "handout") if hid is not _MISSING else None
        what = f"handout '{hid}'" if hid else "a handout"
        self.fields(d, what, names("handout"))
        title = self.text(d, "title", what)
        summary = self.text(d, "summary", what, required=False)
        safety.check_plain_fields(d, ("title", "summary"), self.p)
        parts = self.handout_parts(d, what)
        articles = self.int_list(d, "articles", what)
        timeline, years = self.handout_timeline(d, what)
        editions = self.editions(d, what)
        pages = self.integer(d, "pages", what, required=False)
        if pages is not None and pages not in (1, 2):
            self.p.error(
                self.loc(d, "pages"),
                f"'pages' in {what} must be 1 or 2 (the most pages of a one-language edition)",
            )
            pages = None
        if (
            not parts
            and not articles
            and not timeline
            and not any(k in d for k in ("topics", "articles", "timeline"))
        ):
            self.p.error(
                loc, f"{what} prints nothing: give 'topics', 'articles' or 'timeline: true'"
            )
        if not hid or not title or editions is None:
            return None
        return Handout(
            hid,
            title,
            tuple(p.topic for p in parts),
            timeline,
            editions,
            loc,
            dict(d.key_locs),
            parts,
            articles,
            summary,
            years,
            pages or 2,
        )

    def handout_parts(self, d: LDict, what: str) -> tuple[HandoutPart, ...]:
        value = self.list_field(d, "topics", what)
        if value is None:
            return ()
        out = []
        for item, loc in each_item(value):
            if isinstance(item, LDict):
                self.fields(item, f"a topic of {what}", names("handout_topic"))
                tid = self.string(item, "topic", f"a topic of {what}")
                tid = self.ident(tid, self.loc(item, "topic"), "topic") if tid else None
                sections = self.int_list(
                    item,
                    "sections",
                    f"a topic of {what}",
                    "a section number (0 is the text before the first heading)",
                )
                raw_sections = item.get("sections")
                if isinstance(raw_sections, LList):
                    for n, sloc in each_item(raw_sections):
                        if isinstance(n, int) and n < 0:
                            self.p.error(
                                sloc, f"invalid section {n} in {what}: sections are numbered from 0"
                            )
                    sections = tuple(n for n in sections if n >= 0)
                if tid:
                    out.append(HandoutPart(tid, tuple(dict.fromkeys(sections)), loc))
            else:
                tid = self.ident(item, loc, "topic")
                if tid:
                    out.append(HandoutPart(tid, (), loc))
        return tuple(out)

    def handout_timeline(self, d: LDict, what: str) -> tuple[bool, tuple[int, int] | None]:
        value = d.get("timeline")
        if value is None or value is False:
            return False, None
        if value is True:
            return True, None
        if not isinstance(value, LDict):
            self.p.error(
                self.loc(d, "timeline"),
                f"'timeline' in {what} must be true or a range of years ({{from: 1995, to: 2026}})",
            )
            return False, None
        tw = f"the timeline of {what}"
        self.fields(value, tw, names("handout_timeline"))
        first = self.integer(value, "from", tw)
        last = self.integer(value, "to", tw)
        if first is None or last is None:
            return False, None
        if first > last:
            self.p.error(value.loc, f"empty range of years {first}–{last} in {tw}")
            return False, None
        return True, (first, last)

    def editions(self, d: LDict, what: str) -> tuple[str, ...] | None:
        """Languages (``kk``) or pairs side by side (``kk-ru``); default: every language and
        the first two side by side."""
        value = d.get("editions")
        if value is None:
            return (*self.langs, "-".join(self.langs[:2])) if len(self.langs) > 1 else self.langs
        if not isinstance(value, LList) or not value:
            self.p.error(self.loc(d, "editions"), f"'editions' in {what} must be a non-empty list")
            return None
        out: list[str] = []
        ok = True
        for item, loc in each_item(value):
            langs = str(item).split("-")
            if isinstance(item, (LDict, LList)) or not (
                len(langs) in (1, 2)
                and all(x in self.langs for x in langs)
                and len(set(langs)) == len(langs)
            ):
                self.p.error(
                    loc,
                    f"unknown edition '{item}' in {what}: use a language "
                    f"({', '.join(self.langs)}) or two different ones side by side "
                    f"('{'-'.join(self.langs[:2])}')",
                )
                ok = False
            elif item in out:
                self.p.error(loc, f"duplicate edition '{item}' in {what}")
            else:
                out.append(str(item))
        return tuple(out) if ok else None
