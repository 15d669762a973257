"""Dates in words, in a language's own forms (its UI strings: month names, the order of
day, month and year)."""

from __future__ import annotations

from typing import Any

from explainer.model import Date


def format_date(date: Date, ui: dict[str, Any]) -> str:
    if date.day:
        assert date.month
        return str(ui["date_day"]).format(
            y=date.year, d=date.day, month=ui["months"][date.month - 1]
        )
    if date.month:
        return str(ui["date_month"]).format(
            y=date.year, month=ui["months_nominative"][date.month - 1]
        )
    return str(ui["date_year"]).format(y=date.year)
