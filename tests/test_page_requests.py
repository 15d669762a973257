"""A reader's page view in Chromium: every request succeeds, and the languages share one copy
of the CSS and JavaScript (issue 17 item 5)."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import Quiet


@pytest.fixture(scope="module")
def basic_server(built_basic: Path) -> Iterator[str]:
    handler = functools.partial(Quiet, directory=str(built_basic / "site"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def page_view(browser: object, url: str) -> list[tuple[int, str]]:
    """(status, URL) of every response a first view of ``url`` gets."""
    page = browser.new_page()  # type: ignore[attr-defined]
    seen: list[tuple[int, str]] = []
    page.on("response", lambda r: seen.append((r.status, r.url)))
    page.on("requestfailed", lambda r: seen.append((0, r.url)))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.close()
    return seen


def test_a_page_view_has_no_failed_request(basic_server: str, browser: object) -> None:
    assets: dict[str, set[str]] = {}
    for lang in ("", "ru/", "en/"):
        seen = page_view(browser, f"{basic_server}/{lang}topics/courts/")
        assert [u for u in seen if u[0] == 0 or u[0] >= 400] == [], lang
        assert any(u.endswith(f"/{lang}topics/courts/") for _, u in seen)
        assets[lang] = {u for _, u in seen if "/assets/" in u and u.endswith((".css", ".js"))}
        fonts = {u for _, u in seen if "/assets/fonts/" in u}
        assert fonts and all(u.startswith(f"{basic_server}/assets/") for u in fonts)
    # the same CSS and JavaScript files for every language (the fonts a page loads depend on
    # its letters): a reader's browser caches one copy
    assert assets[""] and all(a == assets[""] for a in assets.values())
    assert all(u.startswith(f"{basic_server}/assets/") for u in assets[""])
