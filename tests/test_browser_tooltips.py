"""Glossary tooltips in a real browser: hover a term, or Tab to it, and its definition shows,
in the page's language (Debian's chromium driven by Playwright, as in test_browser.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

KAZAKH_ONLY = re.compile("[әғқңөұүһі]", re.I)


@pytest.mark.parametrize(("lang", "prefix"), [("kk", ""), ("ru", "/ru")])
def test_term_definition_on_hover_and_on_keyboard_focus(
    server: str,
    browser: Browser,
    built_flagship: Path,  # noqa: F811
    lang: str,
    prefix: str,
) -> None:
    data = json.loads((built_flagship / f"site/data/{lang}.json").read_text(encoding="utf-8"))
    definitions = {t["id"]: t["definition"] for t in data["terms"]}
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.goto(f"{server}{prefix}/topics/judicial-power/")
    assert page.locator("html").get_attribute("lang") == lang
    link = page.locator(".md-content a.az-term").first
    term = (link.get_attribute("href") or "").rsplit("#", 1)[-1]
    expected = " ".join(definitions[term].split())
    assert (KAZAKH_ONLY.search(expected) is not None) == (lang == "kk"), expected
    tooltip = page.locator(".md-tooltip2--active")

    # Hover: the definition appears, tied to the link for assistive technology.
    link.scroll_into_view_if_needed()
    link.hover()
    expect(tooltip).to_have_count(1)
    expect(tooltip).to_have_text(expected)
    expect(tooltip).to_be_visible()
    assert tooltip.get_attribute("role") == "tooltip"
    assert link.get_attribute("aria-describedby") == tooltip.get_attribute("id")
    # Issue 15 item 4: regular weight, and off the line it explains (above or below it).
    inner = tooltip.locator(".md-tooltip2__inner")
    assert inner.evaluate("el => getComputedStyle(el).fontWeight") == "400"
    box, line = inner.bounding_box(), link.bounding_box()
    assert box and line
    assert box["y"] >= line["y"] + line["height"] or box["y"] + box["height"] <= line["y"], (
        box,
        line,
    )
    page.mouse.move(5, 880)
    expect(tooltip).to_have_count(0)

    # Keyboard: focus the link before it, press Tab, and the definition appears again.
    page.evaluate(
        """(el) => {
        const links = [...el.closest('.md-content').querySelectorAll('a[href]')];
        links[links.indexOf(el) - 1].focus();
    }""",
        link.element_handle(),
    )
    page.keyboard.press("Tab")
    assert page.evaluate("(el) => document.activeElement === el", link.element_handle())
    expect(tooltip).to_have_count(1)
    expect(tooltip).to_have_text(expected)
    expect(tooltip).to_be_visible()
    shown = tooltip.get_attribute("id")
    page.keyboard.press("Tab")  # focus moves on: this definition goes away
    expect(page.locator(f"[id='{shown}'].md-tooltip2--active")).to_have_count(0)
    page.close()


def test_later_uses_of_a_term_have_no_tooltip(server: str, browser: Browser) -> None:  # noqa: F811
    page = browser.new_page()
    page.goto(f"{server}/topics/judicial-power/")
    hrefs = page.eval_on_selector_all(
        ".md-content a.az-term", "els => els.map(e => e.getAttribute('href'))"
    )
    assert hrefs and len(hrefs) == len(set(hrefs))
    # Every term linked more than once on the page has exactly one link with a tooltip.
    all_term_links = page.eval_on_selector_all(
        ".md-content a[href*='glossary/#']", "els => els.map(e => e.getAttribute('href'))"
    )
    assert len(all_term_links) > len(hrefs)
    page.close()
