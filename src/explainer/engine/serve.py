"""The live preview: MkDocs' dev server on the project (the plugin regenerates docs/ from
content/ before every rebuild)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.commands.serve import serve as mkdocs_serve


def serve(root: Path, dev_addr: str) -> None:
    mkdocs_serve(config_file=str(root / "mkdocs.yml"), livereload=True, dev_addr=dev_addr)
