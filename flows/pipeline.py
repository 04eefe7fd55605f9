"""Pipeline: ingest → transform → validate, the job `fiscal run` and the scheduled deployment run."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
from prefect import flow, get_run_logger

from fiscal import interrupts
from fiscal.config import DEFAULT_SAMPLES, DEFAULT_WAREHOUSE, in_project, project_dir
from fiscal.export import export_marts
from fiscal.orchestration import DASK_CHUNK, dask_task_runner
from fiscal.quality.alerts import alert_on_failure, alert_url
from fiscal.quality.validate import ValidationSummary
from fiscal.report.paths import report_folder
from fiscal.report.site import build_report
from fiscal.runs import build_fingerprint, current_validation, exclusive_run, wait_until_writable
from flows.ingest import IngestReport, ingest
from flows.transform import transform
from flows.validate import validate


@dataclass
class PipelineReport:
    ingest: IngestReport
    validation: ValidationSummary
    warehouse: str
    skipped: bool = False  # nothing new landed and the marts were up to date: no rebuild, no validation
    published: str | None = None  # the release readers see (exports/latest), when published
    report: str | None = None  # the static site's index.html, when built


def notify_failure(flow: Any, flow_run: Any, state: Any) -> None:
    """Prefect on_failure and on_crashed hook (called as hook(flow, flow_run, state)): an operational
    alert, recorded in the warehouse when it opens and delivered to the channel either way."""
    if interrupts.requested():
        return  # stopped by Ctrl-C at the terminal: the person who pressed it is told, not alerted
    parameters = flow_run.parameters or {}
    if parameters.get("project"):
        os.environ.setdefault("FISCAL_PROJECT_DIR", parameters["project"])
    try:
        warehouse = in_project(parameters.get("warehouse"), DEFAULT_WAREHOUSE)
    except FileNotFoundError:
        warehouse = None
    message = f"flow run {flow_run.name} ({flow_run.id}) of '{flow.name}' ended {state.type.value}: {state.message}"
    alert_on_failure(warehouse, message, alert_url(parameters.get("alert")))


def _inputs(paths: list[str] | None, inbox: str | None) -> list[str]:
    """The folders and files to ingest: the given ones, plus the inbox (created when missing, so a
    new deployment's first run finds an empty inbox rather than failing); default, the samples."""
    inputs = list(paths or [])
    if inbox:
        folder = Path(inbox) if Path(inbox).is_absolute() else project_dir() / inbox
        folder.mkdir(parents=True, exist_ok=True)
        inputs.append(str(folder))
    return inputs or [str(in_project(None, DEFAULT_SAMPLES))]


@flow(name="pipeline", on_failure=[notify_failure], on_crashed=[notify_failure])
def pipeline(
    paths: list[str] | None = None,
    warehouse: str | None = None,
    alert: str | None = None,
    rebuild: bool = False,
    inbox: str | None = None,
    project: str | None = None,
    publish: bool = True,
    dask: str | None = None,
) -> PipelineReport:
    """Ingest the new files, rebuild the marts, check the identities and publish the marts for readers.

    With nothing new landed and the marts built by these models and rules, it stops after ingest
    (unless `rebuild`). A deployment passes `project` (the checkout: dbt project, GE suites) and
    `inbox` (relative to the project); one run at a time writes a warehouse. `dask` extracts on Dask:
    `local` (a LocalCluster) or a scheduler's address."""
    if project:
        os.environ["FISCAL_PROJECT_DIR"] = str(Path(project).resolve())
    target = in_project(warehouse, DEFAULT_WAREHOUSE)
    logger = get_run_logger()
    with exclusive_run(target):
        ingesting = ingest.with_options(task_runner=dask_task_runner(dask)) if dask else ingest
        ingested = ingesting(_inputs(paths, inbox), str(target), dask_chunk=DASK_CHUNK if dask else None)
        if not (rebuild or ingested.count("landed") or ingested.count("quarantined")):
            with duckdb.connect(str(target), read_only=True) as connection:
                last = current_validation(connection)
            if last is not None:
                logger.info(
                    "nothing new landed and models and rules are unchanged since validation run %s: "
                    "not rebuilding or validating again",
                    last.run_id,
                )
                previous = ValidationSummary(last.run_id, sum(last.by_status.values()), last.by_status)
                previous.data_docs = last.data_docs
                site = report_folder(target) / "index.html"
                return PipelineReport(
                    ingested, previous, str(target), skipped=True, report=str(site) if site.exists() else None
                )
        wait_until_writable(target)
        interrupts.checkpoint()
        transform(str(target))
        interrupts.checkpoint()
        checked = validate(str(target), alert, build_fingerprint(), full=rebuild)
        release = export_marts(target, published_folder(target)) if publish else None
        site = build_report(target, report_folder(target)) if publish else None
    if release is not None:
        logger.info("published %d marts to %s", len(release.tables), release.latest)
    if site is not None:
        logger.info("report: %s", site.index)
    return PipelineReport(
        ingested,
        checked,
        str(target),
        published=str(release.latest) if release else None,
        report=str(site.index) if site else None,
    )


def published_folder(warehouse: Path) -> Path:
    """Where a warehouse's releases go: beside it, named after it (two warehouses never share one)."""
    return warehouse.with_name(warehouse.stem + "-published")


if __name__ == "__main__":
    pipeline()
