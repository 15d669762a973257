"""The offline bundle's start page: ``README.html`` at the top of the zip's folder.

Whoever unpacks the zip (a librarian, a teacher) sees a short page in every language of
the site: what the bundle is, which file to open for each language, and the date the
content was checked. It is one self-contained file (no scripts, no styles from elsewhere):
it opens from ``file://`` in any browser. Every text from content is escaped.
"""

from __future__ import annotations

from html import escape
from typing import Any

from explainer import layout
from explainer.model import Site
from explainer.render import as_of_line

NAME = "README.html"

STYLE = (
    "body{font-family:system-ui,'DejaVu Sans',sans-serif;max-width:40rem;margin:2rem auto;"
    "padding:0 1rem;line-height:1.5;color:#1a1a1a}section{border-top:1px solid #ccc;"
    "padding:.5rem 0 1rem}a{color:#1a3e9c}.open{font-size:1.15rem}"
)


def start_page(site: Site, ui: dict[str, dict[str, Any]]) -> str:
    """The start page's HTML: one section per language, the default language first."""
    first = site.default
    parts = [
        "<!doctype html>",
        f'<html lang="{escape(first)}">',
        '<head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width,initial-scale=1">',
        f"<title>{escape(' · '.join(x.title for x in site.languages))}</title>",
        f"<style>{STYLE}</style></head>",
        "<body>",
    ]
    for language in site.languages:
        code, strings = language.code, ui[language.code]
        index = layout.offline_start(code, first)
        parts += [
            f'<section lang="{escape(code)}">',
            f"<h2>{escape(language.title)}</h2>",
            f"<p>{escape(strings['offline_what'])}</p>",
            f'<p class="open"><a href="{escape(index)}">'
            f"{escape(strings['offline_open'].format(file=index))}</a></p>",
            f"<p>{escape(as_of_line(site.as_of, strings))}</p>",
            "</section>",
        ]
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)
