"""Pipeline: ingest → transform → validate, the job `fiscal run` and the scheduled deployment run."""

from __future__ import annotations

from dataclasses import dataclass

from prefect import flow

from fiscal.config import DEFAULT_SAMPLES, DEFAULT_WAREHOUSE
from fiscal.quality.validate import ValidationSummary
from flows.ingest import IngestReport, ingest
from flows.transform import transform
from flows.validate import validate


@dataclass
class PipelineReport:
    ingest: IngestReport
    validation: ValidationSummary
    warehouse: str


@flow(name="pipeline")
def pipeline(paths: list[str] | None = None, warehouse: str | None = None) -> PipelineReport:
    target = warehouse or str(DEFAULT_WAREHOUSE)
    ingested = ingest(paths or [str(DEFAULT_SAMPLES)], target)
    transform(target)
    checked = validate(target)
    return PipelineReport(ingested, checked, target)


if __name__ == "__main__":
    pipeline()
