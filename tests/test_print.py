"""Printing a site page from the browser: clean A4, no navigation, link addresses shown."""

from __future__ import annotations

import subprocess
from pathlib import Path

from playwright.sync_api import Browser


def test_print_hides_navigation_and_shows_link_addresses(
    server: str,  # noqa: F811
    browser: Browser,  # noqa: F811
    tmp_path: Path,
) -> None:
    page = browser.new_page()
    page.goto(f"{server}/ru/topics/rights-in-court/")
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.md-header', '.md-tabs', '.md-sidebar--primary',
        '.md-sidebar--secondary', '.md-search', '.md-footer'].map(s => {
          const el = document.querySelector(s);
          return [s, el ? getComputedStyle(el).display : 'absent'];
        })""")
    assert all(display in ("none", "absent") for _, display in hidden), hidden
    assert any(display == "none" for _, display in hidden)
    after = page.evaluate("""() => {
        const content = (sel) => {
          const a = document.querySelector('.md-content ' + sel);
          return getComputedStyle(a, '::after').content;
        };
        return {page: content('a[href^="../../articles/"]'),
                pdf: content('a[href$="kk-ru/rights-in-court.pdf"]'),
                external: content('a[href^="https://adilet"]'),
                anchor: content('a[href^="#"]')};
      }""")
    # Links to other pages show their full address where the site is served.
    assert after["page"].startswith(f'" ({server}/ru/articles/')
    assert after["pdf"] == f'" ({server}/handouts/kk-ru/rights-in-court.pdf)"'
    assert after["external"].startswith('" (https://adilet.zan.kz/')
    assert after["anchor"] in ("none", "normal")
    pdf = tmp_path / "page.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert "(A4)" in info
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert text.lstrip().startswith("Права и свободы под защитой суда")  # no header first
    assert "Памятки для печати (PDF)" in text
    assert "Содержание" not in text  # no table of contents sidebar
    page.close()
