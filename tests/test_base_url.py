"""One public address: ``base_url`` in content/site.yml (or ``EXPLAINER_BASE_URL``), and
nothing else. With it, canonical links, sitemaps, open data and handouts use it; without it,
there are none of them, and no made-up address is printed or encoded anywhere."""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from pathlib import Path

import pytest

from explainer.outputs import handouts
from explainer.pipeline import Project, check

from .conftest import ROOT, run_cli


def _without_base_url(root: Path) -> None:
    site = root / "content" / "site.yml"
    text = site.read_text(encoding="utf-8")
    site.write_text(re.sub(r"(?m)^base_url:.*\n", "", text), encoding="utf-8")


def test_base_url_gives_canonical_links_and_sitemaps(built_basic: Path) -> None:
    html = (built_basic / "site/ru/topics/courts/index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://example.org/test/ru/topics/courts/">' in html
    html = (built_basic / "site/topics/courts/index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://example.org/test/topics/courts/">' in html
    for lang in ("", "ru/", "en/"):
        sitemap = (built_basic / f"site/{lang}sitemap.xml").read_text(encoding="utf-8")
        assert f"<loc>https://example.org/test/{lang}topics/courts/</loc>" in sitemap
        for alt in ("", "ru/", "en/"):  # the hreflang alternates of every page
            code = alt.rstrip("/") or "kk"
            assert (
                f'<xhtml:link rel="alternate" hreflang="{code}" '
                f'href="https://example.org/test/{alt}topics/courts/"/>'
            ) in sitemap


def test_without_base_url_no_canonical_link_sitemap_or_address(basic: Path) -> None:
    _without_base_url(basic)
    r = run_cli(basic, "build", "--strict", "--no-offline")
    assert r.code == 0, r.err
    site = basic / "site"
    assert not list(site.rglob("sitemap.xml*"))
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert 'rel="canonical"' not in text, page
        assert "example.org" not in text, page
    data = json.loads((site / "data/ru.json").read_text(encoding="utf-8"))
    assert data["site"]["base_url"] is None
    assert data["topics"][0]["url"] == "ru/topics/courts/"


def test_environment_variable_overrides_base_url(
    basic: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EXPLAINER_BASE_URL", "https://preview.explainer.test/pr-7")
    site = check(Project.at(basic), strict=True).linked.content.site
    assert site.base_url == "https://preview.explainer.test/pr-7/"
    monkeypatch.setenv("EXPLAINER_BASE_URL", "ftp://x")
    r = run_cli(basic, "check")
    assert r.code == 1
    assert (
        "environment variable EXPLAINER_BASE_URL:1: invalid base_url 'ftp://x': give the "
        "site's public address, https://…/ (or leave base_url out until the site has one)"
    ) in r.err


def test_invalid_base_url_in_site_yml(basic: Path) -> None:
    site = basic / "content" / "site.yml"
    text = site.read_text(encoding="utf-8").replace(
        "base_url: https://example.org/test/", "base_url: example.org"
    )
    site.write_text(text, encoding="utf-8")
    r = run_cli(basic, "check")
    assert r.code == 1
    assert "content/site.yml:6: invalid base_url 'example.org'" in r.err


def test_site_url_in_mkdocs_yml_that_differs_is_an_error(basic: Path) -> None:
    config = basic / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").split("\n")
    lines.insert(1, "site_url: https://other.explainer.test/")
    config.write_text("\n".join(lines), encoding="utf-8")
    r = run_cli(basic, "build", "--strict", "--no-offline")
    assert r.code == 1
    assert (
        "mkdocs.yml:2: site_url 'https://other.explainer.test/' is not the base_url of "
        "content/site.yml (https://example.org/test/): remove site_url from mkdocs.yml"
    ) in r.err
    assert not (basic / "site").exists()


def test_mkdocs_yml_has_no_site_url() -> None:
    for config in ("mkdocs.yml", "mkdocs.offline.yml"):
        assert not re.search(r"(?m)^site_url:", (ROOT / config).read_text(encoding="utf-8"))


def _texts_of(root: Path) -> dict[str, str]:
    """Every output file as text: pages and data as they are, the PDFs through pdftotext,
    the offline zip's members one by one."""
    out: dict[str, str] = {}
    for folder in (root / "site", root / "dist"):
        for p in sorted(folder.rglob("*")):
            if not p.is_file():
                continue
            rel = str(p.relative_to(root))
            if p.suffix == ".pdf":
                out[rel] = subprocess.run(
                    ["pdftotext", str(p), "-"], capture_output=True, text=True, check=True
                ).stdout
            elif p.suffix == ".zip":
                with zipfile.ZipFile(p) as z:
                    for name in z.namelist():
                        if not name.endswith((".pdf", ".woff2", ".png")):
                            out[f"{rel}!{name}"] = z.read(name).decode("utf-8", "replace")
            else:
                out[rel] = p.read_bytes().decode("utf-8", "replace")
    return out


def test_flagship_prints_and_encodes_no_example_domain(built_flagship: Path) -> None:
    """The flagship has no public address yet: no page, sitemap, data file, PDF or QR code
    carries a made-up one."""
    texts = _texts_of(built_flagship)
    assert any(k.endswith(".pdf") for k in texts) and any("!" in k for k in texts)
    bad = [k for k, text in texts.items() if re.search(r"example\.(org|com|net)", text)]
    assert bad == []
    assert not list((built_flagship / "site").rglob("sitemap.xml*"))
    model = check(Project.at(built_flagship), strict=True).linked
    titles = {x.code: x.title for x in model.content.site.languages}
    for job in handouts.jobs(model):
        body = job.html.split("</style>", 1)[1]
        assert "az-qr" not in body and "data:image/svg" not in body, job.rel  # no QR code
        # the footer names the site instead of an address
        for lang, address in re.findall(r'<div class="az-address" lang="(\w+)">(.*?)</div>', body):
            assert address.endswith(" " + titles[lang]) and "<a" not in address, job.rel
