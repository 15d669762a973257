"""What a reader's browser fetches: the requests and bytes of a first page view and of the
pages viewed after it, read from Chromium's own network log (issue 17 item 5).

The hosted site is served the way a static host serves it: gzip for text (HTML, CSS,
JavaScript, JSON, SVG, XML) when the browser asks for it, and a ``Cache-Control: max-age``
(GitHub Pages sends ``max-age=600``), so a second page finds the CSS, the JavaScript and the
fonts in the browser's cache. **Transferred** is Chromium's ``encodedDataLength`` (headers and
the compressed body, as it came over the wire; 0 for what came from the cache), summed over
the view. The offline bundle is opened from ``file://``: nothing is transferred there, so its
views report the bytes read (every file requested, at its size on disk).

Used by the benchmark (``scripts/bench``) and by ``tests/test_page_weight.py``. Chromium is
Debian's (``/usr/bin/chromium``), driven by Playwright: ``playwright install`` cannot
download here.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
"""Without the background-networking flags Chromium calls Google's hosts at start."""

MAX_AGE = 600
COMPRESSIBLE = (
    "text/",
    "application/javascript",
    "application/json",
    "image/svg+xml",
    "application/xml",
)


class StaticHost(http.server.SimpleHTTPRequestHandler):
    """A static host: gzip for text when asked for, ``Cache-Control: max-age``, no log."""

    def log_message(self, *args: object) -> None:
        pass

    def send_head(self) -> Any:  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's address
            path = path / "index.html"
        ctype = self.guess_type(str(path))
        wants = "gzip" in self.headers.get("Accept-Encoding", "")
        if not path.is_file() or not wants or not ctype.startswith(COMPRESSIBLE):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", f"max-age={MAX_AGE}")
        super().end_headers()


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` as :class:`StaticHost` does, on a free local port; yields the base URL."""
    handler = functools.partial(StaticHost, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@dataclass
class Request:
    url: str
    status: int  # 0: failed
    kind: str  # document, stylesheet, script, font, image, fetch, …
    transferred: int  # bytes over the wire (0 from the cache)
    cached: bool


@dataclass
class View:
    url: str
    requests: list[Request] = field(default_factory=list)

    @property
    def transferred(self) -> int:
        return sum(r.transferred for r in self.requests)

    @property
    def failed(self) -> list[Request]:
        return [r for r in self.requests if r.status == 0 or r.status >= 400]

    def by_kind(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for r in self.requests:
            out[r.kind] = out.get(r.kind, 0) + r.transferred
        return dict(sorted(out.items()))

    def summary(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "requests": len(self.requests),
            "from_cache": sum(r.cached for r in self.requests),
            "transferred": self.transferred,
            "by_kind": self.by_kind(),
            "failed": [f"{r.status} {r.url}" for r in self.failed],
        }


def _disk_size(url: str) -> int:
    path = Path(unquote(urlsplit(url).path))
    return path.stat().st_size if path.is_file() else 0


def views(browser: Any, urls: list[str]) -> list[View]:
    """Open ``urls`` one after the other in one tab of a fresh browser profile (an empty
    cache): the first is a first visit, each next one a page viewed after it."""
    context = browser.new_context()
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    pending: dict[str, dict[str, Any]] = {}
    current: list[Request] = []

    def sent(e: dict[str, Any]) -> None:
        pending[e["requestId"]] = {"url": e["request"]["url"], "kind": e.get("type", "Other")}

    def received(e: dict[str, Any]) -> None:
        r = pending.setdefault(e["requestId"], {"url": e["response"]["url"], "kind": "Other"})
        resp = e["response"]
        r["status"] = resp.get("status", 0)
        r["cached"] = bool(resp.get("fromDiskCache") or resp.get("fromMemoryCache"))

    def cached(e: dict[str, Any]) -> None:
        r = pending.setdefault(e["requestId"], {"url": "", "kind": "Other"})
        r["cached"] = True

    def finished(e: dict[str, Any]) -> None:
        r = pending.pop(e["requestId"], None)
        if r is None:
            return
        url = r["url"]
        local = url.startswith("file:")
        size = _disk_size(url) if local else int(e.get("encodedDataLength", 0))
        if r.get("cached"):
            size = 0
        status = r.get("status", 200 if local else 0)
        current.append(
            Request(url, int(status), str(r["kind"]).lower(), size, bool(r.get("cached")))
        )

    def failed(e: dict[str, Any]) -> None:
        r = pending.pop(e["requestId"], None)
        if r is not None:
            current.append(Request(r["url"], 0, str(r["kind"]).lower(), 0, False))

    cdp.on("Network.requestWillBeSent", sent)
    cdp.on("Network.responseReceived", received)
    cdp.on("Network.requestServedFromCache", cached)
    cdp.on("Network.loadingFinished", finished)
    cdp.on("Network.loadingFailed", failed)
    out = []
    try:
        for url in urls:
            current = []
            page.goto(url)
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(300)  # late requests (fonts a script asks for)
            out.append(View(url, sorted(current, key=lambda r: r.url)))
    finally:
        context.close()
    return out


def launch(playwright: Any) -> Any:
    """Debian's Chromium, headless, with the flags that keep it off the network."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
