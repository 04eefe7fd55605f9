"""Pipeline: ingest → transform → validate, the job `fiscal run` and the scheduled deployment run."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb
from prefect import flow, get_run_logger

from fiscal.config import DEFAULT_SAMPLES, DEFAULT_WAREHOUSE, in_project
from fiscal.quality.alerts import alert_on_failure, alert_url
from fiscal.quality.validate import ValidationSummary
from fiscal.runs import build_fingerprint, last_validation
from flows.ingest import IngestReport, ingest
from flows.transform import transform
from flows.validate import validate


@dataclass
class PipelineReport:
    ingest: IngestReport
    validation: ValidationSummary
    warehouse: str
    skipped: bool = False  # nothing new landed and the marts were up to date: no rebuild, no validation


def notify_failure(flow: Any, flow_run: Any, state: Any) -> None:
    """Prefect on_failure hook (called as hook(flow, flow_run, state)): an operational alert."""
    parameters = flow_run.parameters or {}
    warehouse = in_project(parameters.get("warehouse"), DEFAULT_WAREHOUSE)
    message = f"flow run {flow_run.name} ({flow_run.id}) of '{flow.name}' failed: {state.message}"
    alert_on_failure(warehouse, message, alert_url(parameters.get("alert")))


@flow(name="pipeline", on_failure=[notify_failure])
def pipeline(
    paths: list[str] | None = None, warehouse: str | None = None, alert: str | None = None, rebuild: bool = False
) -> PipelineReport:
    """Ingest the new files, rebuild the marts and check the identities. With nothing new landed and
    the marts built by these models and rules, it stops after ingest (unless `rebuild`)."""
    target = str(in_project(warehouse, DEFAULT_WAREHOUSE))
    ingested = ingest(paths or [str(in_project(None, DEFAULT_SAMPLES))], target)
    fingerprint = build_fingerprint()
    if not (rebuild or ingested.count("landed") or ingested.count("quarantined")):
        with duckdb.connect(target, read_only=True) as connection:
            last = last_validation(connection)
        if last is not None and last.fingerprint == fingerprint:
            get_run_logger().info(
                "nothing new landed and models and rules are unchanged since validation run %s: "
                "not rebuilding or validating again",
                last.run_id,
            )
            previous = ValidationSummary(last.run_id, sum(last.by_status.values()), last.by_status)
            previous.data_docs = last.data_docs
            return PipelineReport(ingested, previous, target, skipped=True)
    transform(target)
    checked = validate(target, alert, fingerprint)
    return PipelineReport(ingested, checked, target)


if __name__ == "__main__":
    pipeline()
