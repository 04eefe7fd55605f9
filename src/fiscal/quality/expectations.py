"""Great Expectations: the identity suite, generated from the rule registry, and its checkpoint.

The file context lives in expectations/gx (suites, validation definition and checkpoint are
committed JSON; uncommitted/ holds results and Data Docs). Every run rewrites the suite from
RULES, so the suite cannot drift from the registry; a test checks it holds one expectation per rule.

Each expectation asks, for the instances of one rule, that the rounding envelope is wider than the
residual (tolerance > |residual|). The rows GE reports as unexpected are the errors.
GE is imported lazily: importing it costs seconds.
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fiscal.quality.data_docs import make_offline
from fiscal.quality.rules import RULES, Rule

if TYPE_CHECKING:
    import pandas as pd

SUITE = "identity_rules"
DATA_SOURCE = "identity_checks"
ASSET = "rule_instances"
BATCH = "all_instances"
CHECKPOINT = "identity_checkpoint"
# The frame the suite validates: one row per rule instance. The Data Docs list each breach with the
# columns named here (its row, document, instance and both sides), not only the two numbers compared.
INSTANCE_ROW = "instance_row"
NAMED_IN_DATA_DOCS = [INSTANCE_ROW, "source_file", "rule_instance", "lhs", "rhs"]
FRAME_COLUMNS = [INSTANCE_ROW, "rule_id", "source_file", "rule_instance", "lhs", "rhs", "tolerance", "abs_residual"]
RESULT_FORMAT = {"result_format": "COMPLETE", "unexpected_index_column_names": NAMED_IN_DATA_DOCS}
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CheckpointOutcome:
    success: bool
    breached_rows: set[int]  # the instance rows GE found unexpected
    expectations_run: int
    data_docs: str | None


def expectation_for(rule: Rule) -> Any:
    import great_expectations as gx

    return gx.expectations.ExpectColumnPairValuesAToBeGreaterThanB(
        column_A="tolerance",
        column_B="abs_residual",
        or_equal=False,
        row_condition=f'rule_id=="{rule.rule_id}"',
        condition_parser="pandas",
        ignore_row_if="either_value_is_missing",
        meta={
            "rule_id": rule.rule_id,
            "kind": rule.kind,
            "severity": rule.severity,
            "description_zh": rule.description_zh,
            "description_en": rule.description_en,
        },
        description=f"{rule.rule_id}: {rule.description_en} ({rule.description_zh})",
    )


def build_suite() -> Any:
    import great_expectations as gx

    suite = gx.ExpectationSuite(name=SUITE, meta={"generated_from": "fiscal.quality.rules.RULES"})
    for rule in RULES:
        suite.add_expectation(expectation_for(rule))
    return suite


def _signature(expectations: list[Any]) -> list[tuple[str, str, str]]:
    """What expectations check, without the ids GE assigns anew each time."""
    import json

    return [
        (config.type, json.dumps(config.kwargs, sort_keys=True, default=str), json.dumps(config.meta, sort_keys=True))
        for config in (expectation.configuration for expectation in expectations)
    ]


def _suite(context: Any) -> Any:
    """The committed suite if it still says what the registry says; otherwise the registry's.

    (Building an ExpectationSuite named like a stored one writes to the store, so the comparison
    uses bare expectations and the suite is built only when it must be replaced.)
    """
    try:
        existing = context.suites.get(SUITE)
    except Exception:  # GE raises several types for a missing suite
        existing = None
    wanted = _signature([expectation_for(rule) for rule in RULES])
    if existing is not None and _signature(existing.expectations) == wanted:
        return existing
    return context.suites.add_or_update(build_suite())


def open_context(gx_root: Path) -> Any:
    """The file context with the data source, suite, validation definition and checkpoint in place.

    Objects already stored are reused, so a run leaves the committed JSON untouched unless the
    rule registry changed.
    """
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    # GE compares the Decimals exactly; only its stored JSON rounds them, which it logs per value.
    logging.getLogger("great_expectations.util").setLevel(logging.ERROR)
    context = gx.get_context(mode="file", project_root_dir=str(gx_root))
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    try:
        source = context.data_sources.get(DATA_SOURCE)
    except (KeyError, ValueError, LookupError):
        source = context.data_sources.add_pandas(DATA_SOURCE)
    try:
        asset = source.get_asset(ASSET)
    except LookupError:
        asset = source.add_dataframe_asset(ASSET)
    try:
        batch = asset.get_batch_definition(BATCH)
    except (KeyError, LookupError, ValueError):
        batch = asset.add_batch_definition_whole_dataframe(BATCH)
    suite = _suite(context)
    try:
        definition = context.validation_definitions.get(SUITE)
        if definition.suite.id != suite.id:
            raise LookupError("suite replaced")
    except Exception:  # missing or stale
        definition = context.validation_definitions.add_or_update(
            gx.ValidationDefinition(name=SUITE, data=batch, suite=suite)
        )
    try:
        if context.checkpoints.get(CHECKPOINT).result_format != RESULT_FORMAT:
            raise LookupError("result format changed")
    except Exception:  # missing or stale
        context.checkpoints.add_or_update(
            gx.Checkpoint(
                name=CHECKPOINT,
                validation_definitions=[definition],
                actions=[gx.checkpoint.UpdateDataDocsAction(name="update_data_docs")],
                result_format=RESULT_FORMAT,
            )
        )
    return context


LOCAL_SITE = Path("gx") / "uncommitted" / "data_docs" / "local_site"
KEEP_VALIDATIONS = 10  # Data Docs show the latest runs; results in quality.identity_results keep all


def prune_validation_history(gx_root: Path, keep: int = KEEP_VALIDATIONS) -> int:
    """Delete all but the newest `keep` stored validation results (and their Data Docs pages)."""
    removed = 0
    uncommitted = gx_root / "gx" / "uncommitted"
    for folder in (uncommitted / "validations", gx_root / LOCAL_SITE / "validations"):
        runs = sorted((p for p in folder.glob(f"{SUITE}/*/*") if p.is_dir()), key=lambda p: p.name, reverse=True)
        for old in runs[keep:]:
            shutil.rmtree(old)
            removed += 1
    return removed


def run_checkpoint(gx_root: Path, frame: pd.DataFrame) -> CheckpointOutcome:
    context = open_context(gx_root)
    result = context.checkpoints.get(CHECKPOINT).run(batch_parameters={"dataframe": frame})
    if prune_validation_history(gx_root):
        context.build_data_docs()  # the index must not list the pages just removed
    still_remote = make_offline(gx_root / LOCAL_SITE)
    if still_remote:
        log.warning("Data Docs still load %s from the network (not vendored)", ", ".join(sorted(still_remote)))
    breached: set[int] = set()
    expectations_run = 0
    for validation in result.run_results.values():
        for outcome in validation.results:
            expectations_run += 1
            # rows named by the index columns; a bare index label (a checkpoint without them) is the row too
            rows = outcome.result.get("unexpected_index_list") or []
            breached.update(row[INSTANCE_ROW] if isinstance(row, dict) else int(row) for row in rows)
    sites = context.get_docs_sites_urls()
    data_docs = sites[0]["site_url"] if sites else None
    return CheckpointOutcome(bool(result.success), breached, expectations_run, data_docs)
