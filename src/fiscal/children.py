"""Child processes that do not outlive the run that started them.

A run killed outright (SIGKILL, the OOM killer) runs no cleanup, so its extraction workers and
Prefect's temporary server would go on as orphans. On Linux a child can ask the kernel for a signal
when its parent dies (prctl PR_SET_PDEATHSIG); elsewhere this does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import signal
import sys

_PR_SET_PDEATHSIG = 1
_libc_name = ctypes.util.find_library("c") if sys.platform.startswith("linux") else None
# Loaded before any fork: between fork and exec the child may call it, but not import or load.
_prctl = ctypes.CDLL(_libc_name, use_errno=True).prctl if _libc_name else None


def die_with_parent() -> None:
    """Call in the child (a pool initializer, or Popen's preexec_fn): SIGTERM when the parent dies."""
    if _prctl is not None:
        _prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
