"""Process many files: in worker processes when there are enough to pay for them."""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from fiscal.extract.document import ProcessedDocument, process_file

MIN_FILES_FOR_WORKERS = 16


def process_files(paths: list[Path], workers: int | None = None) -> Iterator[ProcessedDocument]:
    """Processed documents in input order. Extraction is CPU-bound Python: processes, not threads."""
    workers = workers or min(os.cpu_count() or 1, 4)
    if workers <= 1 or len(paths) < MIN_FILES_FOR_WORKERS:
        yield from map(process_file, paths)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(process_file, paths, chunksize=8)
