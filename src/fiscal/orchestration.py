"""Where a run's work runs: Prefect's temporary server for a command-line run, out of reach of the
terminal's Ctrl-C, and the Dask cluster extraction fans out to.

With no PREFECT_API_URL, Prefect starts a temporary API server as a child process in the caller's
process group, so Ctrl-C in the terminal kills it too and the flow, still recording its states,
then waits on a server that is gone. Started here first, the same server runs in a session of its
own and dies with this process (Linux: the parent-death signal), so neither Ctrl-C nor a kill
leaves it behind or cuts it off mid-run. Prefect's clients find it as their temporary server.
"""

from __future__ import annotations

import functools
import os
import subprocess
import types
from typing import Any

from fiscal.children import die_with_parent


def start_temporary_server() -> str | None:
    """Start Prefect's temporary server detached from the terminal; its API address, or None when
    a server is configured (PREFECT_API_URL) and none is needed."""
    if os.environ.get("PREFECT_API_URL"):
        return None
    from prefect.server.api import server as prefect_server

    class DetachedServer(prefect_server.SubprocessASGIServer):
        def _run_uvicorn_command(self) -> subprocess.Popen[Any]:
            detached = functools.partial(subprocess.Popen, start_new_session=True, preexec_fn=die_with_parent)
            real = prefect_server.subprocess
            # The server module's own reference only, for this call: Popen elsewhere is untouched.
            prefect_server.subprocess = types.SimpleNamespace(Popen=detached)  # type: ignore[assignment]
            try:
                return super()._run_uvicorn_command()
            finally:
                prefect_server.subprocess = real

    server = DetachedServer()  # registered as the temporary server every Prefect client looks up
    server.start()
    return server.api_url


# Files a Dask task extracts: big enough to pay for a task's overhead, small enough to spread a batch.
DASK_CHUNK = 25


def dask_task_runner(address: str) -> Any:
    """A Prefect task runner on Dask: `local` starts a LocalCluster of this machine's cores (a worker
    process each, one thread), any other value is a running scheduler's address (tcp://host:8786).

    Each document is still extracted in a bounded child process of the worker (time and memory
    limits, fiscal.extract.batch), so a worker must be allowed children: the LocalCluster's are;
    on a cluster of your own, start the workers with `--no-nanny` or set
    distributed.worker.daemon: false."""
    import dask
    from prefect_dask import DaskTaskRunner

    from fiscal.extract.batch import default_workers

    if address != "local":
        return DaskTaskRunner(address=address)
    dask.config.set({"distributed.worker.daemon": False})
    workers = {"n_workers": default_workers(), "threads_per_worker": 1, "processes": True, "dashboard_address": None}
    return DaskTaskRunner(cluster_kwargs=workers)
