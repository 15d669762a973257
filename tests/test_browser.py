"""What a reader does, in a real browser (Debian's chromium driven by Playwright)."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page, Playwright


def test_language_switch_keeps_the_article(server: str, browser: Browser) -> None:
    page = browser.new_page()
    outside: list[str] = []

    def watch(request: object) -> None:
        url = request.url  # type: ignore[attr-defined]
        host = urlparse(url).hostname
        if url.startswith(("http:", "https:", "ws:", "wss:")) and host != "127.0.0.1":
            outside.append(url)

    page.on("request", watch)
    page.goto(f"{server}/articles/75/")
    assert page.locator("html").get_attribute("lang") == "kk"
    assert "75-бап" in page.locator("h1").inner_text()
    page.locator(".md-header__option .md-select").hover()
    page.locator('.md-select__link[hreflang="ru"]').click()
    page.wait_for_url(f"{server}/ru/articles/75/")
    assert page.locator("html").get_attribute("lang") == "ru"
    assert "Статья 75" in page.locator("h1").inner_text()
    page.locator(".md-header__option .md-select").hover()
    page.locator('.md-select__link[hreflang="en"]').click()
    page.wait_for_url(f"{server}/en/articles/75/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.locator(".md-header__option .md-select").hover()
    page.locator('.md-select__link[hreflang="kk"]').click()
    page.wait_for_url(f"{server}/articles/75/")
    assert outside == []
    page.close()


def test_kazakh_page_shows_kazakh_interface(server: str, browser: Browser) -> None:
    page = browser.new_page()
    page.goto(f"{server}/timeline/")
    assert page.locator("html").get_attribute("lang") == "kk"
    assert page.locator(".md-search__input").get_attribute("placeholder") == "Іздеу"
    assert page.locator("h1").inner_text().rstrip("¶").strip() == "Хронология"
    page.close()


def visible(page: Page, selector: str) -> int:
    return int(
        page.evaluate(
            "s => [...document.querySelectorAll(s)].filter(e => e.offsetParent !== null).length",
            selector,
        )
    )


def test_timeline_filter_shows_only_the_chosen_categories(server: str, browser: Browser) -> None:
    page = browser.new_page()
    outside: list[str] = []
    page.on(
        "request",
        lambda r: (
            outside.append(r.url) if urlparse(r.url).hostname not in (None, "127.0.0.1") else None
        ),
    )
    page.goto(f"{server}/timeline/")
    total = page.locator(".az-event").count()
    courts = page.locator('.az-event[data-category="courts"]').count()
    elections = page.locator('.az-event[data-category="election"]').count()
    assert total == 41 and courts and elections
    assert page.locator(".az-filter").is_visible()
    assert page.locator("#az-filter-label").inner_text() == "Санат бойынша іріктеу:"
    btn = page.locator('.az-filter__btn[data-category="courts"]')
    assert "Соттар" in btn.inner_text()
    assert btn.get_attribute("aria-pressed") == "false"
    reset = page.locator(".az-filter__reset")
    assert reset.is_disabled()

    btn.click()
    assert btn.get_attribute("aria-pressed") == "true"
    assert visible(page, ".az-event") == courts
    assert visible(page, '.az-event[data-category="courts"]') == courts
    for other in ("adoption", "amendment", "election", "anniversary", "new-constitution"):
        assert visible(page, f'.az-event[data-category="{other}"]') == 0, other
    assert page.locator('section[data-year="1991"]').is_hidden()  # an election only
    assert page.locator('section[data-year="2001"]').is_visible()  # a court
    assert page.locator(".az-tl__ev.az-off").count() == total - courts
    assert page.locator('.az-tl__ev[data-category="courts"].az-off').count() == 0
    assert page.locator('.az-tl__ev.az-off[tabindex="-1"]').count() == total - courts
    assert page.locator(".az-filter__status").inner_text() == (
        f"Көрсетілген оқиғалар: {courts} / {total}"
    )
    assert reset.is_enabled()

    # keyboard: Space presses "elections" too, Enter releases "courts"
    page.locator('.az-filter__btn[data-category="election"]').focus()
    page.keyboard.press("Space")
    assert visible(page, ".az-event") == courts + elections
    assert page.locator('section[data-year="1991"]').is_visible()
    btn.focus()
    page.keyboard.press("Enter")
    assert btn.get_attribute("aria-pressed") == "false"
    assert visible(page, ".az-event") == elections
    assert visible(page, '.az-event[data-category="courts"]') == 0

    reset.click()
    assert visible(page, ".az-event") == total
    assert page.locator('.az-filter__btn[aria-pressed="true"]').count() == 0
    assert page.locator(".az-year[hidden]").count() == 0
    assert page.locator(".az-tl__ev.az-off").count() == 0
    assert page.locator(".az-tl__ev[tabindex]").count() == 0
    assert reset.is_disabled()
    assert outside == []
    page.close()


def test_timeline_without_javascript_shows_everything(server: str, browser: Browser) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}/en/timeline/")
    assert page.locator(".az-filter").is_hidden()
    assert visible(page, ".az-event") == page.locator(".az-event").count() == 41
    context.close()


def test_timeline_filter_works_from_files(built_flagship: Path, browser: Browser) -> None:
    page = browser.new_page()
    page.goto((built_flagship / "site/ru/timeline/index.html").as_uri())
    page.locator('.az-filter__btn[data-category="anniversary"]').click()
    assert (
        visible(page, ".az-event")
        == page.locator('.az-event[data-category="anniversary"]').count()
        == 3
    )
    assert page.locator(".az-filter__status").inner_text() == "Показано событий: 3 из 41"
    page.close()


_LABEL_BOXES = """() => [...document.querySelectorAll('.az-tl text tspan,'
    + '.az-tl text:not(:has(tspan))')].map(t => {
        const r = t.getBoundingClientRect();
        const s = t.closest('svg').getBoundingClientRect();
        return [t.textContent, r.left, r.top, r.right, r.bottom, s.left, s.right];
    })"""
"""Every line of text of the drawn timelines: its text, its box and its drawing's edges."""


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("path", ["/timeline/", "/ru/timeline/", "/en/timeline/reform-2022/"])
def test_drawn_timeline_text_does_not_overlap(
    server: str, browser: Browser, path: str, width: int
) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(server + path)
    boxes = page.evaluate(_LABEL_BOXES)
    assert len(boxes) > 10
    for i, (text, left, top, right, bottom, s_left, s_right) in enumerate(boxes):
        assert s_left <= left and right <= s_right + 0.5, text
        for other in boxes[i + 1 :]:
            overlap = (
                left < other[3] - 0.5
                and other[1] < right - 0.5
                and top < other[4] - 0.5
                and other[2] < bottom - 0.5
            )
            assert not overlap, (text, other[0])
    page.close()


def test_drawn_timeline_prints_in_page_sized_parts(server: str, browser: Browser) -> None:
    page = browser.new_page(viewport={"width": 794, "height": 1123})  # A4 at 96 dpi
    page.goto(f"{server}/timeline/")
    page.emulate_media(media="print")
    assert page.locator(".az-filter").is_hidden()
    heights = page.evaluate(
        "[...document.querySelectorAll('.az-tl__svg')].map(s => s.getBoundingClientRect().height)"
    )
    assert len(heights) > 1
    assert all(0 < h < 1123 * 0.6 for h in heights)
    assert page.locator(".az-tl__ev").count() == 41
    page.close()


def test_language_switch_keeps_the_milestone_page(server: str, browser: Browser) -> None:
    page = browser.new_page()
    page.goto(f"{server}/timeline/reform-2022/")
    assert page.locator("h1").inner_text().startswith("2022: конституциялық реформа")
    page.locator(".md-header__option .md-select").hover()
    page.locator('.md-select__link[hreflang="en"]').click()
    page.wait_for_url(f"{server}/en/timeline/reform-2022/")
    assert page.locator("h1").inner_text().startswith("2022: constitutional reform")
    page.locator('.az-tl__ev[href="#constitutional-court-2023"]').click()
    page.wait_for_url(f"{server}/en/timeline/reform-2022/#constitutional-court-2023")
    page.close()


_FONTCONFIGS = {
    # only DejaVu Sans is installed as far as the browser knows
    "only-dejavu-sans": """<match target="pattern"><test name="family"><string>sans-serif</string>
      </test><edit name="family" mode="prepend" binding="strong"><string>DejaVu Sans</string>
      </edit></match>""",
    # another family, with other metrics, is the system's default for every generic name
    "serif-default": """<match target="pattern"><edit name="family" mode="prepend"
      binding="strong"><string>DejaVu Serif</string></edit></match>""",
}


@pytest.mark.parametrize("fontconfig", sorted(_FONTCONFIGS))
def test_timeline_fits_whatever_the_system_fonts(
    server: str, tmp_path: Path, fontconfig: str, playwright: Playwright
) -> None:
    """The drawing is laid out from the shipped font's metrics and names it, so it fits
    whatever font the machine would otherwise use (a fontconfig of our own in a temp folder)."""
    from .conftest import ARGS, CHROMIUM

    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        "<dir>/usr/share/fonts/truetype/dejavu</dir>"
        f"<cachedir>{tmp_path}/cache</cachedir>{_FONTCONFIGS[fontconfig]}</fontconfig>",
        encoding="utf-8",
    )
    env = {**os.environ, "FONTCONFIG_FILE": str(conf)}
    b = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, env=env)
    page = b.new_page(viewport={"width": 390, "height": 900})
    for path in ("/timeline/", "/ru/timeline/"):
        page.goto(server + path)
        page.evaluate("document.fonts.ready")
        fams = page.evaluate(
            "[...document.querySelectorAll('.az-tl__svg')].map(s => "
            "getComputedStyle(s.querySelector('text')).fontFamily)"
        )
        assert fams and all(f.startswith('"Noto Sans"') for f in fams), fams
        loaded = page.evaluate("document.fonts.check('13px \"Noto Sans\"', 'әғқңөұүһі')")
        assert loaded
        boxes = page.evaluate(_LABEL_BOXES)
        assert len(boxes) > 10
        for text, _left, _top, right, _bottom, _s_left, s_right in boxes:
            assert right <= s_right + 0.5, (fontconfig, path, text)
    b.close()


def test_kazakh_heading_is_drawn_in_one_face(server: str, browser: Browser) -> None:
    """A light (300) h1 with Kazakh letters: every run of glyphs comes from the shipped font
    (Chromium reports the platform font used for each node)."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server + "/topics/rights-in-court/")
    page.evaluate("document.fonts.ready")
    h1 = page.locator("h1").inner_text()
    assert any(c in h1 for c in "әғқңөұүһі"), h1
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "h1"})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    # one face for every glyph, Kazakh letters included: the shipped light weight
    assert {f["familyName"] for f in fonts} == {"Noto Sans Light"}, fonts
    assert page.evaluate("getComputedStyle(document.querySelector('h1')).fontWeight") == "300"
    page.close()
