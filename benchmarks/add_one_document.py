"""Adding one document to a built warehouse: what the run costs, and its validation against a full one.

    .venv/bin/python benchmarks/add_one_document.py --documents 1000

Generates `documents` synthetic disclosures (fiscal.synthetic; some departments with two years),
builds a warehouse from them with `fiscal run`, then lands one more document (the next year of a
department already in the warehouse) with a second `fiscal run`. Prints the wall time of both runs,
the incremental validation's time and the documents it checked and carried, and the time of a
full validation of the same warehouse (every document checked again), which is what the second
run's validation cost before validation was incremental. Rerun to compare.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from fiscal.config import warehouse_gx_root
from fiscal.quality.validate import validate_warehouse
from fiscal.runs import build_fingerprint
from fiscal.synthetic import document, generate

PROJECT = Path(__file__).resolve().parents[1]
FISCAL = Path(sys.executable).with_name("fiscal")


def run(inbox: Path, warehouse: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [str(FISCAL), "run", str(inbox), "--warehouse", str(warehouse), "--json"],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "FISCAL_PROJECT_DIR": str(PROJECT)},
    )
    return time.perf_counter() - started


def last_validation(warehouse: Path) -> tuple:
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        return connection.execute(
            "select epoch(finished_at - started_at), documents_checked, documents_carried, rule_instances "
            "from quality.validation_runs order by started_at desc limit 1"
        ).fetchone()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=1000, help="documents generated before the one added")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        corpus, extra, warehouse = folder / "corpus", folder / "extra", folder / "w.duckdb"
        generate(corpus, args.documents)
        landed = len(list(corpus.glob("*.txt")))
        elapsed = run(corpus, warehouse)
        seconds, checked, carried, instances = last_validation(warehouse)
        print(f"build {landed} documents: run {elapsed:.1f} s; validation {seconds:.1f} s, {checked} checked")

        extra.mkdir()
        text, _, department = document(random.Random(1), 1, 2025, None)
        (extra / "synthetic_00001_next_year.txt").write_text(text, encoding="utf-8")
        elapsed = run(extra, warehouse)
        seconds, checked, carried, instances = last_validation(warehouse)
        print(
            f"add 1 document ({department}, 2025): run {elapsed:.1f} s; incremental validation {seconds:.1f} s, "
            f"{checked} documents checked, {carried} carried, {instances} rule instances"
        )

        started = time.perf_counter()
        full = validate_warehouse(warehouse, warehouse_gx_root(warehouse), build_fingerprint(), full=True)
        print(
            f"full validation of the same warehouse: {time.perf_counter() - started:.1f} s, "
            f"{full.documents_checked} documents checked, {full.instances} rule instances"
        )


if __name__ == "__main__":
    main()
