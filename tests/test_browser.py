"""What a reader does, in a real browser (Debian's chromium driven by Playwright)."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server(built_flagship: Path) -> Iterator[str]:
    handler = functools.partial(Quiet, directory=str(built_flagship / "site"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), "chromium is missing: run `make system`"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


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
