"""Ata Zan explainer generator: structured content -> multilingual MkDocs site."""

from __future__ import annotations

__version__ = "0.1.0"
