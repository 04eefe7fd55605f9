"""Ingest: discover → read → normalise → extract → land. Idempotent by document hash.

Every file ends landed or quarantined with its reason (or is reported as already landed, or as a
duplicate of another file in the batch); one bad file never stops the batch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NONE
from prefect.futures import as_completed

from fiscal import interrupts, progress
from fiscal.documents.reader import discover, display_path, source_of
from fiscal.extract.batch import process_files
from fiscal.extract.document import ProcessedDocument
from fiscal.land.schema import ensure_schemas
from fiscal.land.writer import WAREHOUSE_FAILURES, Lander, LandingResult
from fiscal.runs import connect_for_writing

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


Extractor = Callable[[list[Path]], Iterable[ProcessedDocument]]


@task(name="extract-batch", cache_policy=NONE)
def extract_batch(paths: list[str]) -> list[ProcessedDocument]:
    """A batch extracted where the flow's task runner puts it (a Dask worker, with `fiscal run --dask`),
    each document still in its own bounded worker process there."""
    return list(process_files([Path(p) for p in paths], workers=1))  # Dask spreads the batches


def on_dask(chunk: int) -> Extractor:
    """Extraction as Prefect tasks on the flow's task runner, `chunk` files a task; the documents come
    back in the order their tasks finish, to be landed here, by the one writer."""

    def extract(paths: list[Path]) -> Iterator[ProcessedDocument]:
        futures = [extract_batch.submit([str(p) for p in paths[i : i + chunk]]) for i in range(0, len(paths), chunk)]
        for future in as_completed(futures):
            yield from future.result()

    return extract


@task(name="land-batch", cache_policy=NONE)
def land_batch(paths: list[Path], warehouse: Path, done_before: int = 0, total: int | None = None) -> IngestReport:
    """Files already landed (by the hash of their bytes) or repeated in the batch are not extracted
    again; the rest are extracted in bounded workers, as each finishes, and landed in bulk
    (fiscal.land.writer: all-or-nothing per document)."""
    return land(paths, warehouse, process_files, done_before, total)


def land(
    paths: list[Path], warehouse: Path, extract: Extractor, done_before: int = 0, total: int | None = None
) -> IngestReport:
    """land_batch's work, with the extraction given: this process's bounded pool, or on_dask."""
    report = IngestReport()
    with connect_for_writing(warehouse) as connection:
        lander = Lander(connection)
        todo: list[Path] = []
        seen: dict[str, str] = {}
        for path in paths:
            source = source_of(path)
            if source.document_id in lander.known:
                report.results.append(LandingResult(source.document_id, display_path(path), "already_landed", None, 0))
            elif source.document_id in seen:
                report.duplicates.append((display_path(path), source.document_id))
            else:
                seen[source.document_id] = display_path(path)
                todo.append(path)
        total = total or len(paths)
        skipped = len(paths) - len(todo)  # already landed, or repeated in the batch
        progress.report("ingest", done_before + skipped, total, "files already landed skipped")
        try:
            for extracted, document in enumerate(extract(todo), start=1):
                report.results.extend(lander.add(document))
                progress.report("ingest", done_before + skipped + extracted, total, display_path(document.source.path))
                interrupts.checkpoint()  # between documents: every landed one is committed whole
        except WAREHOUSE_FAILURES:
            raise  # the warehouse cannot take the queue either
        except BaseException:
            lander.flush()  # a stop or a broken pool: what was extracted lands before the run ends
            raise
        report.results.extend(lander.flush())
    return report


@flow(name="ingest")
def ingest(paths: list[str], warehouse: str, dask_chunk: int | None = None) -> IngestReport:
    """`dask_chunk`: extract on the flow's task runner (set with ingest.with_options, see
    fiscal.orchestration.dask_task_runner) in tasks of that many files; else in this process's
    bounded pool."""
    logger = get_run_logger()
    files = discover([Path(p) for p in paths])
    target = Path(warehouse)
    target.parent.mkdir(parents=True, exist_ok=True)
    logger.info("ingesting %d files into %s", len(files), target)
    progress.report("ingest", 0, len(files), force=True)
    if not files:  # an empty inbox still leaves a warehouse the models can be built on
        with connect_for_writing(target) as connection:
            ensure_schemas(connection)
    report = IngestReport()
    for start in range(0, len(files), BATCH_SIZE):
        chunk = files[start : start + BATCH_SIZE]
        # On Dask the batch lands here, in the flow: its extraction tasks are submitted from flow code.
        batch = (
            land(chunk, target, on_dask(dask_chunk), start, len(files))
            if dask_chunk
            else land_batch(chunk, target, start, len(files))
        )
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
