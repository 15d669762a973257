"""The engine's builds, as ``pipeline.build()`` calls them: the hosted site (one MkDocs build
in-process; the plugin builds the other languages) and the offline bundle. The only place
besides the plugin that runs MkDocs."""

from __future__ import annotations

import logging
import os
import shutil
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

from explainer import layout
from explainer.engine import offline
from explainer.problems import BuildError


def run_mkdocs(cfg: MkDocsConfig) -> None:
    build(cfg, dirty=False)


class Pending:
    """An offline MkDocs build running in another process (:func:`start_offline`), on the
    second core while this process builds the site."""

    def __init__(self, pool: ProcessPoolExecutor, future: Future[str | None]) -> None:
        self.pool = pool
        self.future = future

    def wait(self) -> None:
        """Wait for it; its failure is raised here, as the in-process build would."""
        try:
            error = self.future.result()
        finally:
            self.pool.shutdown()
        if error is not None:
            raise BuildError(error)

    def cancel(self) -> None:
        """The site build failed: wait for the other process to end (it writes into the
        staging area, which goes next) and drop what it made."""
        self.future.cancel()
        self.pool.shutdown(wait=True)


def _log_setup() -> tuple[int, str | None]:
    """The level and message format of this process's ``mkdocs`` logger (set by the CLI)."""
    logger = logging.getLogger("mkdocs")
    fmt = next((h.formatter._fmt for h in logger.handlers if h.formatter), None)
    return logger.level, fmt


def _build_elsewhere(
    config: Path, docs_dir: Path, site_dir: Path, strict: bool, log: tuple[int, str | None]
) -> str | None:
    """In the other process: the build, with this process's logging; the error, if any."""
    level, fmt = log
    if fmt is not None:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter(fmt))
        logger = logging.getLogger("mkdocs")
        logger.handlers[:] = [handler]
        logger.setLevel(level)
        logger.propagate = False
    try:
        _build(config, docs_dir, site_dir, strict)
    except BuildError as exc:
        return str(exc)
    return None


def start_offline(
    config: Path, docs_dir: Path, work: Path, strict: bool, workers: int | None
) -> Pending | None:
    """Start the offline bundle's MkDocs build in another process, to run beside the site
    build (both cores: the two builds cost about the same). None with one worker (``--jobs
    1``) or one core: then :func:`build_offline` builds it here, after the site."""
    if (workers or os.cpu_count() or 1) < 2:
        return None
    pool = ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn"))
    return Pending(
        pool, pool.submit(_build_elsewhere, config, docs_dir, work, strict, _log_setup())
    )


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
    top_files: dict[str, str] | None = None,
    pending: Pending | None = None,
) -> bytes:
    """The offline bundle (a zip, in memory): built in ``work`` with the offline config (or
    by ``pending``, already started), the handouts copied from the hosted ``site_dir``,
    pruned of what file:// never uses; ``top_files`` (name: text) are written at its top
    (the start page, README.html)."""
    if pending is not None:
        pending.wait()
    else:
        _build(config, docs_dir, work, strict)
    if (site_dir / layout.HANDOUTS).is_dir():
        shutil.copytree(site_dir / layout.HANDOUTS, work / layout.HANDOUTS)
    offline.prune(work, list(site.codes), site.default)
    for name, text in (top_files or {}).items():
        (work / name).write_text(text, encoding="utf-8")
    return offline.zip_tree(work, zip_name.removesuffix(".zip"), site.as_of.as_date())
