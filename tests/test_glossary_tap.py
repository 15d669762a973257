"""On a touch screen a tap on a glossary term shows its definition in place, under the line
(term-tap.js): no navigation; a tap outside or Escape closes it. A mouse click still follows
the link."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from .test_quality import unzipped  # noqa: F401 (the offline bundle, unpacked)


@pytest.mark.parametrize(("lang", "prefix"), [("kk", ""), ("ru", "/ru")])
def test_tap_shows_the_definition_in_place(
    server: str, browser: Browser, built_flagship: Path, lang: str, prefix: str
) -> None:
    data = json.loads((built_flagship / f"site/data/{lang}.json").read_text(encoding="utf-8"))
    definitions = {t["id"]: " ".join(t["definition"].split()) for t in data["terms"]}
    ctx = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    page = ctx.new_page()
    url = f"{server}{prefix}/topics/judicial-power/"
    page.goto(url)
    link = page.locator(".md-content a.az-term").first
    term = (link.get_attribute("href") or "").rsplit("#", 1)[-1]
    box = page.locator(".az-tap")

    link.scroll_into_view_if_needed()
    link.tap()
    expect(box).to_be_visible()
    assert page.url == url  # no navigation
    assert box.locator(".az-tap__def").inner_text() == definitions[term]
    assert box.get_attribute("lang") == lang
    assert box.locator("a.az-tap__term").get_attribute("href") == link.get_attribute("href")
    assert link.get_attribute("aria-expanded") == "true"
    assert box.locator(".az-tap__def").evaluate("el => getComputedStyle(el).fontWeight") == "400"
    shown, host = box.bounding_box(), link.bounding_box()
    assert shown is not None and host is not None
    assert shown["y"] >= host["y"] + host["height"]  # under the line, not over it
    assert shown["x"] >= 0 and shown["x"] + shown["width"] <= 390
    expect(page.locator(".md-tooltip2--active")).to_be_hidden()  # one box, not two

    # A tap outside (the page's margin, no link there) closes it.
    assert page.evaluate("document.elementFromPoint(4, 600).closest('a') === null")
    page.touchscreen.tap(4, 600)
    expect(box).to_have_count(0)
    assert link.get_attribute("aria-expanded") is None

    # Escape closes it, and focus goes back to the term.
    link.tap()
    expect(box).to_be_visible()
    page.keyboard.press("Escape")
    expect(box).to_have_count(0)
    assert page.evaluate("(el) => document.activeElement === el", link.element_handle())

    # A later link to the same term (it has no tooltip of its own) shows the same definition.
    later = page.locator(f".md-content a[href$='#{term}']:not(.az-term)").first
    if later.count():
        later.scroll_into_view_if_needed()
        later.tap()
        expect(box.locator(".az-tap__def")).to_have_text(definitions[term])
        assert page.url == url
        # A second tap on the same term closes it.
        later.tap()
        expect(box).to_have_count(0)

    # The term in the box leads to its glossary entry.
    link.scroll_into_view_if_needed()
    link.tap()
    box.locator("a.az-tap__term").tap()
    page.wait_for_url(f"**/glossary/#{term}")
    ctx.close()


def test_a_mouse_click_still_follows_the_link(server: str, browser: Browser) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{server}/topics/judicial-power/")
    link = page.locator(".md-content a.az-term").first
    term = (link.get_attribute("href") or "").rsplit("#", 1)[-1]
    link.click()
    page.wait_for_url(f"**/glossary/#{term}")
    assert page.locator(".az-tap").count() == 0
    page.close()


def test_no_serious_accessibility_violations_on_a_phone(server: str, browser: Browser) -> None:
    """axe-core at 390 px, touch: the reflowed tables of the ladder and the elections, and a
    tapped term's box open."""
    from .test_quality import AXE, AXE_RUN

    ctx = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    page = ctx.new_page()
    bad = []
    for path in ("topics/ladder-of-appeal/", "ru/topics/presidential-election/"):
        page.goto(f"{server}/{path}")
        assert page.locator("table[data-stack]").count() > 0
        link = page.locator(".md-content a.az-term").first
        link.scroll_into_view_if_needed()
        link.tap()
        expect(page.locator(".az-tap")).to_be_visible()
        page.add_script_tag(path=str(AXE))
        for v in page.evaluate(AXE_RUN):
            if v["impact"] in ("serious", "critical"):
                bad.append(f"{path}: {v['impact']} {v['id']} ({v['help']}): {v['nodes'][0]}")
    ctx.close()
    assert not bad, "\n".join(bad)


def test_tap_works_offline_from_file(unzipped: Path, browser: Browser) -> None:  # noqa: F811
    """The offline bundle's links read ``../glossary.html#id``: a tap there shows the box too."""
    ctx = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    page = ctx.new_page()
    url = (unzipped / "ru" / "topics" / "judicial-power.html").as_uri()
    page.goto(url)
    link = page.locator(".md-content a.az-term").first
    assert ".html#" in (link.get_attribute("href") or "")
    link.scroll_into_view_if_needed()
    link.tap()
    expect(page.locator(".az-tap")).to_be_visible()
    assert page.url == url
    ctx.close()
