"""Run one MkDocs build in-process (the plugin builds the other languages)."""

from __future__ import annotations

from mkdocs.commands.build import build
from mkdocs.config.defaults import MkDocsConfig


def run_mkdocs(cfg: MkDocsConfig) -> None:
    build(cfg, dirty=False)
