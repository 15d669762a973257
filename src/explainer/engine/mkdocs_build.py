"""The engine's builds, as ``pipeline.build()`` calls them: the hosted site (one MkDocs build
in-process; the plugin builds the other languages) and the offline bundle. The only place
besides the plugin that runs MkDocs."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

from explainer.engine import offline
from explainer.problems import BuildError


def run_mkdocs(cfg: MkDocsConfig) -> None:
    build(cfg, dirty=False)


def _build(config: Path, docs_dir: Path, site_dir: Path, strict: bool) -> None:
    try:
        cfg = load_config(
            config_file=str(config), docs_dir=str(docs_dir), site_dir=str(site_dir), strict=strict
        )
        run_mkdocs(cfg)
    except (MkDocsException, SystemExit) as exc:
        raise BuildError(f"mkdocs build failed: {exc}; nothing was replaced") from None


def build_site(config: Path, docs_dir: Path, site_dir: Path, strict: bool) -> None:
    """The hosted site of every language from ``docs_dir`` (the default language's docs)."""
    _build(config, docs_dir, site_dir, strict)


def build_offline(
    config: Path,
    docs_dir: Path,
    site_dir: Path,
    work: Path,
    site: Any,
    zip_name: str,
    strict: bool,
) -> bytes:
    """The offline bundle (a zip, in memory): built in ``work`` with the offline config, the
    handouts copied from the hosted ``site_dir``, pruned of what file:// never uses."""
    _build(config, docs_dir, work, strict)
    if (site_dir / "handouts").is_dir():
        shutil.copytree(site_dir / "handouts", work / "handouts")
    offline.prune(work, list(site.codes), site.default)
    return offline.zip_tree(work, zip_name.removesuffix(".zip"), site.as_of.as_date())
