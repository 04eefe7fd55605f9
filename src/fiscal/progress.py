"""Progress of a run, for whoever watches it: the flows report each stage's count to a small JSON
file named by FISCAL_PROGRESS_FILE (the CLI sets it and draws progress bars from it); without that
variable (a deployment) reporting does nothing. The file is replaced atomically, so a reader never
sees half of it."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

PROGRESS_FILE = "FISCAL_PROGRESS_FILE"
STAGES = ("ingest", "transform", "validate")
_MIN_INTERVAL = 0.2  # seconds between writes: progress is for people, not a log


_last_write = 0.0
_state: dict[str, dict[str, object]] = {}


def report(stage: str, done: int, total: int | None, detail: str = "", force: bool = False) -> None:
    """Record that `stage` has done `done` of `total` units (None: not known yet)."""
    global _last_write
    target = os.environ.get(PROGRESS_FILE)
    if not target:
        return
    _state[stage] = {"done": done, "total": total, "detail": detail}
    now = time.monotonic()
    if not force and now - _last_write < _MIN_INTERVAL and (total is None or done < total):
        return
    _last_write = now
    path = Path(target)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(_state, ensure_ascii=False), encoding="utf-8")
    os.replace(temporary, path)


def read(path: Path) -> dict[str, dict[str, object]]:
    """The stages reported so far ({} before the first report, or if the file is unreadable)."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def reset() -> None:
    _state.clear()
