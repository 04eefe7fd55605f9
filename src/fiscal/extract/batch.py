"""Process many files in worker processes, each document bounded in time and memory.

A document that runs past its time limit, or whose worker dies (over its memory limit, or killed),
is quarantined with that reason; the other documents of the batch go on. Results are yielded as
each document finishes, so one slow file holds back nothing else.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import signal
from collections.abc import Callable, Iterator
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures import as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from pebble import ProcessExpired, ProcessPool

from fiscal import interrupts
from fiscal.children import die_with_parent
from fiscal.documents.reader import source_of
from fiscal.extract.document import QUARANTINED, ProcessedDocument, process_file

# Limits per document, overridable by environment for unusual corpora (huge scanned reports).
DOCUMENT_SECONDS = float(os.environ.get("FISCAL_DOCUMENT_TIMEOUT_SECONDS", "300"))  # float ok: seconds, not money
# Address space, not memory in use: OCR's runtime reserves about 1.4 GB of it (631 MB resident) for
# one page, so 3 GiB leaves room for the document beside it and still stops a decompression bomb.
WORKER_MEMORY_MB = int(os.environ.get("FISCAL_WORKER_MEMORY_MB", "3072"))
# A worker is replaced after this many documents, so a leak in a reader library cannot accumulate.
TASKS_PER_WORKER = 200


def default_workers() -> int:
    return min(os.cpu_count() or 1, 4)


def _worker_setup(megabytes: int) -> None:
    """Worker initializer: Ctrl-C is the parent's to handle (it stops the pool; a worker that took
    the signal itself would look like a document that killed it), and the address space is capped,
    so a decompression bomb fails this worker alone. A worker dies with the run that started it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent()
    limit = megabytes * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _stop_if_interrupted() -> None:
    """Ctrl-C may reach a worker still starting, before its initializer ignores SIGINT: then the
    interrupt, not the document, ended it, and the run stops instead of quarantining the document."""
    if interrupts.requested():
        raise KeyboardInterrupt


def _stopped(path: Path, reason: str) -> ProcessedDocument:
    return ProcessedDocument(source_of(path), QUARANTINED, reason)


def process_files(
    paths: list[Path],
    workers: int | None = None,
    seconds: float = DOCUMENT_SECONDS,
    memory_mb: int = WORKER_MEMORY_MB,
    work: Callable[[Path], ProcessedDocument] = process_file,
) -> Iterator[ProcessedDocument]:
    """Processed documents, in the order they finish. `workers=0` runs in this process, unbounded
    (for profiling and debugging). `work` is what is done to each file (a module-level function)."""
    workers = default_workers() if workers is None else workers
    if workers == 0:
        yield from map(work, paths)
        return
    # spawn, not fork: the parent runs Prefect's threads, which a forked child must not inherit.
    context = multiprocessing.get_context("spawn")
    pool = ProcessPool(
        max_workers=min(workers, max(len(paths), 1)),
        max_tasks=TASKS_PER_WORKER,
        initializer=_worker_setup,
        initargs=(memory_mb,),
        context=context,
    )
    try:
        futures = {pool.schedule(work, args=(path,), timeout=seconds): path for path in paths}
        for future in as_completed(futures):
            path = futures[future]
            try:
                yield future.result()
            except BrokenProcessPool:
                _stop_if_interrupted()
                raise  # workers that cannot start: ours to report, not the document's
            except FutureTimeout:
                yield _stopped(path, f"extraction stopped after {seconds:g} s (the per-document time limit)")
            except ProcessExpired as error:
                _stop_if_interrupted()
                yield _stopped(
                    path,
                    f"the worker reading it died (exit code {error.exitcode}), most likely over the "
                    f"{memory_mb} MB per-document memory limit",
                )
            except MemoryError:
                yield _stopped(path, f"needs more than the {memory_mb} MB per-document memory limit")
    finally:
        # Done, or interrupted (Ctrl-C, the caller stopped): no worker outlives the batch. (Leaving a
        # `with ProcessPool` block instead waits for every scheduled document.)
        pool.stop()
        pool.join()
