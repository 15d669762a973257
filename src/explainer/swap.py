"""Outputs as one transaction: ``docs/``, ``site/`` and the offline zip are replaced together
or not at all.

A build stages the new docs, site and zip beside the old ones (same file systems), then
swaps them in with ``os.replace``: for each output, the old one is moved to a backup, the
new one into its place. A journal in the staging folder lists the swaps before the first
one; if the process dies between two of them, the next build finds the journal of a dead
process and moves every backup back, so the previous complete set is restored, and removes
the dead staging folder. If a swap fails (a read-only folder, a full disk), the swaps done
so far are undone at once and the error is reported in one line.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

JOURNAL = "journal.json"
PID = "pid"
STAGING_PREFIX = ".explainer-"


@dataclass(frozen=True)
class Swap:
    target: Path
    """The output (``docs``, ``site``, ``dist/ata-zan-offline.zip``)."""
    new: Path
    """Its staged replacement."""
    backup: Path
    """Where the old output goes while the swaps are done."""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # pragma: no cover - another user's process
        return True
    return True


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    elif os.path.lexists(path):
        path.unlink()


def start(staging: Path) -> None:
    """Mark ``staging`` as this process's (a later build leaves it alone while it lives)."""
    (staging / PID).write_text(str(os.getpid()), encoding="utf-8")


def _undo(swaps: list[Swap]) -> None:
    """Put every backup back (in reverse order); a staged output moved in goes back to
    its staging place."""
    for s in reversed(swaps):
        if os.path.lexists(s.backup):
            if os.path.lexists(s.target) and not os.path.lexists(s.new):
                os.replace(s.target, s.new)
            elif os.path.lexists(s.target):
                _remove(s.target)
            os.replace(s.backup, s.target)


def commit(staging: Path, swaps: list[Swap]) -> None:
    """Swap every staged output in; on an ``OSError``, undo what was done and raise it."""
    journal = [[str(s.target), str(s.new), str(s.backup)] for s in swaps]
    (staging / JOURNAL).write_text(json.dumps(journal), encoding="utf-8")
    done: list[Swap] = []
    try:
        for s in swaps:
            done.append(s)
            if os.path.lexists(s.target):
                os.replace(s.target, s.backup)
            os.replace(s.new, s.target)
    except OSError:
        _undo(done)
        raise
    (staging / JOURNAL).unlink()
    for s in swaps:
        _remove(s.backup)


def recover(root: Path) -> list[str]:
    """Restore the outputs of builds that died while swapping, and remove the staging
    folders of dead builds (those of a running build are left alone). Returns what was
    done, for the log."""
    notes = []
    for staging in sorted(root.glob(STAGING_PREFIX + "*")):
        if not staging.is_dir() or staging.is_symlink():
            continue
        pid_file = staging / PID
        try:
            pid = int(pid_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pid = 0
        if pid and _alive(pid) and pid != os.getpid():
            continue
        journal = staging / JOURNAL
        if journal.is_file():
            try:
                swaps = [
                    Swap(Path(t), Path(n), Path(b)) for t, n, b in json.loads(journal.read_text())
                ]
            except (OSError, ValueError):
                swaps = []
            _undo(swaps)
            notes.append(f"restored the outputs of an interrupted build ({staging.name})")
            for s in swaps:  # a staged zip lives beside the zip, outside staging
                if not str(s.new).startswith(str(staging)):
                    _remove(s.new)
        shutil.rmtree(staging, ignore_errors=True)
        notes.append(f"removed {staging.name}, left by a build that did not finish")
    return notes
