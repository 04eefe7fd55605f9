"""Pipeline: ingest → transform → validate, the job `fiscal run` and the scheduled deployment run."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from prefect import flow

from fiscal.config import DEFAULT_SAMPLES, DEFAULT_WAREHOUSE
from fiscal.quality.alerts import alert_on_failure, alert_url
from fiscal.quality.validate import ValidationSummary
from flows.ingest import IngestReport, ingest
from flows.transform import transform
from flows.validate import validate


@dataclass
class PipelineReport:
    ingest: IngestReport
    validation: ValidationSummary
    warehouse: str


def notify_failure(flow: Any, flow_run: Any, state: Any) -> None:
    """Prefect on_failure hook (called as hook(flow, flow_run, state)): an operational alert."""
    parameters = flow_run.parameters or {}
    warehouse = Path(parameters.get("warehouse") or DEFAULT_WAREHOUSE)
    message = f"flow run {flow_run.name} ({flow_run.id}) of '{flow.name}' failed: {state.message}"
    alert_on_failure(warehouse, message, alert_url(parameters.get("alert")))


@flow(name="pipeline", on_failure=[notify_failure])
def pipeline(paths: list[str] | None = None, warehouse: str | None = None, alert: str | None = None) -> PipelineReport:
    target = warehouse or str(DEFAULT_WAREHOUSE)
    ingested = ingest(paths or [str(DEFAULT_SAMPLES)], target)
    transform(target)
    checked = validate(target, alert)
    return PipelineReport(ingested, checked, target)


if __name__ == "__main__":
    pipeline()
