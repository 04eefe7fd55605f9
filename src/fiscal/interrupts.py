"""Ctrl-C as a request to stop at the next safe point, not wherever the signal lands.

The default SIGINT handler raises KeyboardInterrupt in whatever Python code runs next, and DuckDB
turns a pending interrupt into its own error mid-query, which the code around it may take for a
failed statement and go on. Under `install()` the first Ctrl-C only sets a flag; the flows call
`checkpoint()` between documents and between stages, where stopping keeps every committed document
whole. A second Ctrl-C stops at once, as does the first inside `at_once()` (a step such as dbt that
handles KeyboardInterrupt itself, cancelling its queries). Without `install()` (a deployment) nothing changes.
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_requested = threading.Event()
_at_once = threading.Event()  # inside a step that stops cleanly on KeyboardInterrupt itself


def requested() -> bool:
    return _requested.is_set()


def checkpoint() -> None:
    """Stop here (KeyboardInterrupt) when Ctrl-C was pressed since `install()`."""
    if _requested.is_set():
        raise KeyboardInterrupt


def _on_sigint(signum: int, frame: object) -> None:
    if _requested.is_set() or _at_once.is_set():
        _requested.set()
        raise KeyboardInterrupt  # the second Ctrl-C, or a step that can stop anywhere: stop now
    _requested.set()
    sys.stderr.write("\nStopping after the current document (Ctrl-C again to stop at once).\n")


@contextmanager
def install() -> Iterator[None]:
    """Ctrl-C asks to stop at the next checkpoint while the block runs (main thread only)."""
    _requested.clear()
    previous = signal.signal(signal.SIGINT, _on_sigint)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        _requested.clear()


@contextmanager
def at_once() -> Iterator[None]:
    """Ctrl-C stops the block at once (it cleans up after KeyboardInterrupt itself)."""
    checkpoint()
    _at_once.set()
    try:
        yield
    finally:
        _at_once.clear()
