"""A throwaway project for the tests, the benchmark and the synthetic content: ``content/``
and, beside it, the MkDocs configs and ``overrides/`` of a source project (the repository),
so that ``explainer --root DEST build`` works in ``DEST``.

The one place that knows what a project is made of besides its content; ``tests/conftest.py``,
``scripts/bench`` and ``scripts/synth.py`` use it.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

CONFIGS = ("mkdocs.yml", "mkdocs.offline.yml")
"""The MkDocs configs of a project (the hosted site and the offline bundle)."""

OVERRIDES = "overrides"
"""The theme overrides folder the configs name (``custom_dir``)."""


def make_project(
    dest: Path,
    content: Path | Callable[[Path], object],
    *,
    source: Path,
) -> Path:
    """``dest/content`` — a copy of the folder ``content``, or written by ``content(dest /
    "content")`` — and the configs and ``overrides/`` of ``source`` beside it. What ``dest``
    held of those is replaced; anything else in it (``site/``, ``dist/``) is left. A config
    that ``source`` lacks is not written. Returns ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    if (dest / "content").exists():
        shutil.rmtree(dest / "content")
    if callable(content):
        content(dest / "content")
    else:
        shutil.copytree(content, dest / "content")
    for config in CONFIGS:
        if (source / config).is_file():
            shutil.copy(source / config, dest / config)
    if (dest / OVERRIDES).exists():
        shutil.rmtree(dest / OVERRIDES)
    shutil.copytree(source / OVERRIDES, dest / OVERRIDES)
    return dest
