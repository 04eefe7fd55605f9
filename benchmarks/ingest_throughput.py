"""Ingest throughput: documents per second through extraction and landing.

    .venv/bin/python benchmarks/ingest_throughput.py --copies 200

Makes `copies` variants of each sample document (one line changed, so every file has its own
hash), then times extraction alone (one process, and worker processes) and extraction + landing
into a fresh DuckDB file. Prints one line per measurement; rerun to compare.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import duckdb

from fiscal.extract.batch import process_files
from fiscal.land.writer import Lander

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"


def make_corpus(folder: Path, copies: int) -> list[Path]:
    paths = []
    for source in sorted(SAMPLES.glob("*.txt")):
        text = source.read_text(encoding="utf-8")
        for index in range(copies):
            path = folder / f"{source.stem}_{index:05d}.txt"
            path.write_text(f"{text}\n附注{index}\n", encoding="utf-8")
            paths.append(path)
    return paths


def measure(label: str, count: int, started: float) -> None:
    elapsed = time.perf_counter() - started
    print(f"{label:<40} {count:>6} docs {elapsed:8.2f} s {count / elapsed:9.1f} docs/s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=200, help="variants per sample document")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        paths = make_corpus(folder, args.copies)
        started = time.perf_counter()
        facts = sum(len(doc.extraction.facts) for doc in process_files(paths, workers=0) if doc.extraction)
        measure("extract, in this process", len(paths), started)
        started = time.perf_counter()
        list(process_files(paths, workers=2))
        measure("extract, 2 worker processes", len(paths), started)
        started = time.perf_counter()
        with duckdb.connect(str(folder / "bench.duckdb")) as connection:
            lander = Lander(connection)
            for document in process_files(paths, workers=2):
                lander.land(document)
        measure("extract + land (1 transaction/document)", len(paths), started)
        print(f"facts per pass: {facts}")


if __name__ == "__main__":
    main()
