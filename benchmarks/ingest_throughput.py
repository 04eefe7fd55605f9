"""Ingest throughput: documents per second through extraction and landing.

    .venv/bin/python benchmarks/ingest_throughput.py --copies 200

Makes `copies` variants of each sample document (one line changed, so every file has its own
hash), then times extraction alone (one process, and worker processes), extraction + landing into a
fresh DuckDB file, and landing alone of the already extracted documents: one transaction per
document, in bulk (fiscal.land.writer.Lander.add/flush), and the floor, every row in one insert per
table in one transaction. Prints one line per measurement; rerun to compare.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import duckdb

from fiscal.extract.batch import process_files
from fiscal.land.writer import BATCH_DOCUMENTS, Lander, document_rows, merged_rows

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
        documents = list(process_files(paths, workers=0))
        facts = sum(len(doc.extraction.facts) for doc in documents if doc.extraction)
        measure("extract, in this process", len(paths), started)
        started = time.perf_counter()
        list(process_files(paths, workers=2))
        measure("extract, 2 worker processes", len(paths), started)
        started = time.perf_counter()
        with duckdb.connect(str(folder / "bench.duckdb")) as connection:
            lander = Lander(connection)
            for document in process_files(paths, workers=2):
                lander.add(document)
            lander.flush()
        measure("extract + land (in bulk)", len(paths), started)
        land_only(folder, documents)
        print(f"facts per pass: {facts}")


def land_only(folder: Path, documents: list) -> None:
    """Landing alone, the documents extracted already: per document, in bulk, and the floor."""
    with duckdb.connect(str(folder / "per_document.duckdb")) as connection:
        lander = Lander(connection)
        started = time.perf_counter()
        for document in documents:
            lander.land(document)
        measure("land only, 1 transaction/document", len(documents), started)
    with duckdb.connect(str(folder / "bulk.duckdb")) as connection:
        lander = Lander(connection)
        started = time.perf_counter()
        for document in documents:
            lander.add(document)
        lander.flush()
        measure(f"land only, in bulk ({BATCH_DOCUMENTS} documents)", len(documents), started)
    with duckdb.connect(str(folder / "floor.duckdb")) as connection:
        lander = Lander(connection)
        started = time.perf_counter()
        lander.write(merged_rows(document_rows(document) for document in documents))
        measure("floor: every row in one insert per table", len(documents), started)


if __name__ == "__main__":
    main()
