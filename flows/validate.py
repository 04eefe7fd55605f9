"""Validate: check the accounting identities over the marts; results go to the `quality` schema."""

from __future__ import annotations

from pathlib import Path

from prefect import flow, get_run_logger

from fiscal.config import warehouse_gx_root
from fiscal.quality.alerts import alert_on_errors, alert_url
from fiscal.quality.validate import ValidationSummary, validate_warehouse
from flows.transform import run_dbt


@flow(name="validate")
def validate(
    warehouse: str, alert: str | None = None, fingerprint: str | None = None, full: bool = False
) -> ValidationSummary:
    """Check the identities (only where the marts changed, unless `full`); on errors, raise an alert
    (quality.alerts, and the channel if one is set)."""
    logger = get_run_logger()
    summary = validate_warehouse(Path(warehouse), warehouse_gx_root(Path(warehouse)), fingerprint, full)
    logger.info(
        "%d rule instances (%d documents checked, %d carried from the last run): %s",
        summary.instances,
        summary.documents_checked,
        summary.documents_carried,
        summary.by_status,
    )
    if summary.by_status.get("error"):
        logger.warning(
            "%d identity errors; see quality.identity_results (run %s)", summary.by_status["error"], summary.run_id
        )
        alert_on_errors(Path(warehouse), summary.run_id, alert_url(alert))
    run_dbt(["build", "--select", "mart_data_quality", "mart_department_year"], Path(warehouse))
    return summary
