"""Transform: `dbt build` (seeds, models, tests) against the warehouse. A failure fails the flow."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger

from fiscal import interrupts, progress
from fiscal.config import project_dir


def dbt_artifacts(warehouse: Path) -> Path:
    """dbt's target and log folder for a warehouse, beside it: the manifest and docs of one
    warehouse never describe another's relations."""
    return warehouse.resolve().with_name(warehouse.stem + "-dbt")


_RESULT_EVENTS = {"LogModelResult": "total", "LogSeedResult": "total", "LogTestResult": "num_models"}


def _progress(event: Any) -> None:
    """dbt's per-node result events, as the transform stage's progress (node i of n)."""
    total_field = _RESULT_EVENTS.get(event.info.name)
    if total_field is not None:
        data = event.data
        progress.report("transform", data.index, getattr(data, total_field) or None, data.node_info.node_name)


def run_dbt(arguments: list[str], warehouse: Path) -> None:
    from dbt.cli.main import dbtRunner

    project = project_dir()
    os.environ["FISCAL_WAREHOUSE"] = str(warehouse.resolve())
    artifacts = dbt_artifacts(warehouse)
    with interrupts.at_once():  # dbt cancels its queries on KeyboardInterrupt and re-raises it
        result = dbtRunner(callbacks=[_progress]).invoke([
            *arguments, "--project-dir", str(project), "--profiles-dir", str(project), "--quiet",
            "--target-path", str(artifacts / "target"), "--log-path", str(artifacts / "logs"),
        ])  # fmt: skip
    if isinstance(result.exception, KeyboardInterrupt):
        raise KeyboardInterrupt  # dbtRunner returns it as the result; the run stops, it did not fail
    if not result.success:
        failed = []
        if result.result is not None and hasattr(result.result, "results"):
            failed = [
                f"{r.node.name}: {r.message}" for r in result.result.results if str(r.status) in ("error", "fail")
            ]
        detail = "; ".join(failed) or str(result.exception)
        raise RuntimeError(f"dbt {' '.join(arguments)} failed: {detail}")


@flow(name="transform")
def transform(warehouse: str, select: str | None = None) -> None:
    arguments = ["build"] + (["--select", select] if select else [])
    get_run_logger().info("dbt %s", " ".join(arguments))
    run_dbt(arguments, Path(warehouse))
