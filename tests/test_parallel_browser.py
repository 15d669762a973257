"""Side-by-side pages and the article history in a real browser (desktop and phone width)."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page


def open_page(browser: Browser, url: str, width: int) -> tuple[Page, list[str]]:  # noqa: F811
    page = browser.new_page(viewport={"width": width, "height": 900})
    outside: list[str] = []

    def watch(request: object) -> None:
        u = request.url  # type: ignore[attr-defined]
        if u.startswith(("http:", "https:", "ws:", "wss:")) and urlparse(u).hostname != "127.0.0.1":
            outside.append(u)

    page.on("request", watch)
    page.goto(url)
    return page, outside


def first_rows(page: Page) -> list[list[dict[str, float | str]]]:
    return page.evaluate("""() => [...document.querySelectorAll('.az-par__row')].slice(0, 4)
        .map(r => [...r.querySelectorAll(':scope > .az-par__cell')].map(c => {
            const b = c.getBoundingClientRect();
            return {lang: c.lang, x: b.x, top: b.top, bottom: b.bottom};
        }))""")


def test_columns_side_by_side_on_a_desktop(server: str, browser: Browser) -> None:  # noqa: F811
    page, outside = open_page(browser, f"{server}/ru/parallel/articles/41/", 1280)
    assert page.locator("html").get_attribute("lang") == "ru"
    for row in first_rows(page):
        assert [c["lang"] for c in row] == ["kk", "ru"]
        kk, ru = row
        assert kk["top"] == ru["top"] and kk["x"] < ru["x"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    assert outside == []
    page.close()


@pytest.mark.parametrize("path", ["/parallel/articles/41/", "/en/parallel/topics/judicial-power/"])
def test_cells_stack_on_a_phone(server: str, browser: Browser, path: str) -> None:  # noqa: F811
    page, outside = open_page(browser, f"{server}{path}", 390)
    for row in first_rows(page):
        first, second = row
        assert first["x"] == second["x"] and second["top"] >= first["bottom"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert outside == []
    page.close()


def test_from_article_to_parallel_page_and_the_other_language(
    server: str, browser: Browser
) -> None:  # noqa: F811
    page, outside = open_page(browser, f"{server}/articles/75/", 1280)
    page.locator(".az-parallel-link a", has_text="kk | ru").click()
    page.wait_for_url("**/parallel/articles/75/")
    assert page.locator('.az-par__cell[lang="ru"]').first.inner_text().startswith("Русский")
    page.locator('.az-par__row--langs .az-par__cell[lang="ru"] a').click()
    page.wait_for_url("**/ru/articles/75/")
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.locator("h1").inner_text().startswith("Статья 75. Правосудие")
    assert outside == []
    page.close()


def test_history_date_leads_to_the_timeline_event(server: str, browser: Browser) -> None:  # noqa: F811
    page, _ = open_page(browser, f"{server}/en/articles/41/", 1280)
    # One row per edition of the 1995 text, then the lapse; a dated change links to its event.
    items = page.locator("table.az-editions tr.az-editions__row")
    assert items.count() == 9
    assert items.nth(0).get_attribute("data-state") == "adopted"
    assert items.nth(1).get_attribute("data-state") == "amended"
    items.nth(1).locator("td").first.locator("a").click()
    page.wait_for_url("**/en/timeline/#amendment-1998")
    assert page.locator("#amendment-1998").is_visible()
    page.close()
