"""An article's ``history`` and ``versions``, checked against each other."""

from __future__ import annotations

from typing import Any

from explainer.content_schema import names
from explainer.load import LDict, LList
from explainer.model import (
    HISTORY_KINDS,
    HistoryEntry,
    Version,
)
from explainer.validate.fields import (
    Fields,
)


class HistoryChecks(Fields):
    """Checks of an article's history entries and versions."""

    def history(self, d: LDict, what: str) -> tuple[HistoryEntry, ...]:
        value = d.get("history")
        if value is None:
            return ()
        if not isinstance(value, LList):
            self.p.error(self.loc(d, "history"), f"'history' in {what} must be a list")
            return ()
        out = []
        for item, loc in self.each_mapping(
            value, f"each history entry of {what} must be a mapping"
        ):
            hw = f"a history entry of {what}"
            self.fields(item, hw, names("history"))
            date = self.date(item, "date", hw)
            kind = self.choice(item, "kind", hw, HISTORY_KINDS)
            text = self.text(item, "text", hw)
            sources = self.sources(item, hw)
            event = self.string(item, "event", hw, required=False)
            if event is not None:
                event = self.ident(event, self.loc(item, "event"), "event")
            self.text_safe(item, "text")
            if date and kind and text:
                out.append(HistoryEntry(date, kind, text, sources, loc, event))
        return tuple(sorted(out, key=lambda h: h.date.sort_key))

    def versions(
        self, d: LDict, what: str, history: tuple[HistoryEntry, ...]
    ) -> tuple[Version, ...]:
        """What the article said at chosen dates; checked against its history."""
        value = d.get("versions")
        if value is None:
            return ()
        if not isinstance(value, LList) or not value:
            self.p.error(self.loc(d, "versions"), f"'versions' in {what} must be a non-empty list")
            return ()
        out: list[Version] = []
        for item, loc in self.each_mapping(
            value, f"each version of {what} must be a mapping (as_of: …, text: …, sources: …)"
        ):
            vw = f"a version of {what}"
            self.fields(item, vw, names("version"))
            as_of = self.date(item, "as_of", vw)
            until = self.date(item, "until", vw, required=False)
            text = self.text(item, "text", vw)
            sources = self.sources(item, vw)
            self.text_safe(item, "text")
            if as_of and until and until.sort_key <= as_of.sort_key:
                self.p.error(
                    self.loc(item, "until"),
                    f"'until' ({until.iso}) must be later than 'as_of' ({as_of.iso}) in {vw}",
                )
                continue
            if as_of and text:
                out.append(Version(as_of, until, text, sources, loc))
        out.sort(key=lambda v: v.as_of.sort_key)
        amendments = [h.date for h in history if h.kind == "amended"]

        def between(start: Any, end: Any) -> list[Any]:
            return [x for x in amendments if start.sort_key < x.sort_key <= end.sort_key]

        for prev, v in zip(out, out[1:], strict=False):
            if v.as_of.sort_key == prev.as_of.sort_key:
                self.p.error(
                    v.loc, f"two versions of {what} as of {v.as_of.iso} (first at {prev.loc})"
                )
            elif prev.until is None and not between(prev.as_of, v.as_of):
                self.p.error(
                    v.loc,
                    f"versions of {what} as of {prev.as_of.iso} and "
                    f"{v.as_of.iso} differ, but its history records no amendment "
                    "between them (add it to 'history', or give the first version "
                    f"'until: {v.as_of.iso}')",
                )
        for v in out:
            if v.until is not None:
                changed = between(v.as_of, v.until)
                if changed:
                    self.p.error(
                        v.loc,
                        f"the version of {what} as of {v.as_of.iso} says the "
                        f"wording did not change until {v.until.iso}, but its history "
                        f"records an amendment on {changed[0].iso}",
                    )
        return tuple(out)
