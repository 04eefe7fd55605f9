"""Ingest: discover → read → normalise → extract → land. Idempotent by document hash.

Every file ends landed or quarantined with its reason (or is reported as already landed, or as a
duplicate of another file in the batch); one bad file never stops the batch.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NONE

from fiscal.documents.reader import discover
from fiscal.extract.batch import process_files
from fiscal.land.writer import Lander, LandingResult

BATCH_SIZE = 200


@dataclass
class IngestReport:
    results: list[LandingResult] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (path, document_id)

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def facts(self) -> int:
        return sum(r.facts for r in self.results)


@task(name="land-batch", cache_policy=NONE)
def land_batch(paths: list[Path], warehouse: Path) -> IngestReport:
    report = IngestReport()
    seen: set[str] = set()
    with duckdb.connect(str(warehouse)) as connection:
        lander = Lander(connection)
        for document in process_files(paths):
            if document.source.document_id in seen:
                report.duplicates.append((str(document.source.path), document.source.document_id))
                continue
            seen.add(document.source.document_id)
            report.results.append(lander.land(document))
    return report


@flow(name="ingest")
def ingest(paths: list[str], warehouse: str) -> IngestReport:
    logger = get_run_logger()
    files = discover([Path(p) for p in paths])
    target = Path(warehouse)
    target.parent.mkdir(parents=True, exist_ok=True)
    logger.info("ingesting %d files into %s", len(files), target)
    report = IngestReport()
    for start in range(0, len(files), BATCH_SIZE):
        batch = land_batch(files[start : start + BATCH_SIZE], target)
        report.results.extend(batch.results)
        report.duplicates.extend(batch.duplicates)
        logger.info(
            "processed %d/%d files: %d landed, %d quarantined, %d already landed",
            min(start + BATCH_SIZE, len(files)),
            len(files),
            report.count("landed"),
            report.count("quarantined"),
            report.count("already_landed"),
        )
    for result in report.results:
        if result.status == "quarantined":
            logger.warning("quarantined %s: %s", result.source_path, result.reason)
    return report
