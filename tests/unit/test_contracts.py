"""One home per concept: the vocabulary, catalogue, seed and GE suite agree with each other."""

import csv
from pathlib import Path

from fiscal.extract.catalogue import unknown_metrics
from fiscal.quality.expectations import build_suite
from fiscal.quality.rules import RULES
from fiscal.vocabulary import VOCABULARY_COLUMNS, vocabulary_rows

PROJECT = Path(__file__).resolve().parents[2]


def test_catalogue_yields_only_vocabulary_metrics():
    assert unknown_metrics() == set()


def test_metric_vocabulary_seed_is_generated_from_the_vocabulary():
    with (PROJECT / "seeds" / "metric_vocabulary.csv").open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == VOCABULARY_COLUMNS
    assert [tuple(r) for r in rows[1:]] == vocabulary_rows(), "run `fiscal vocabulary --write`"


def test_identity_suite_holds_one_expectation_per_rule():
    import great_expectations as gx

    gx.get_context(mode="ephemeral")
    suite = build_suite()
    suite_rules = [e.meta["rule_id"] for e in suite.expectations]
    assert suite_rules == [rule.rule_id for rule in RULES]


def test_committed_suite_matches_the_registry():
    committed = PROJECT / "expectations" / "gx" / "expectations" / "identity_rules.json"
    import json

    suite = json.loads(committed.read_text(encoding="utf-8"))
    assert [e["meta"]["rule_id"] for e in suite["expectations"]] == [rule.rule_id for rule in RULES]


def test_a_planted_fault_fails_the_suite(tmp_path):
    """GE, not our code, decides the breach: a residual at or beyond its envelope is unexpected."""
    from decimal import Decimal as D

    import pandas as pd

    from fiscal.quality.expectations import run_checkpoint

    parts_1 = "personnel_expense=0.50 + public_expense=0.50"
    parts_179 = "personnel_expense=179.00 + public_expense=0.18"
    frame = pd.DataFrame(
        {
            "instance_row": [0, 1, 2, 3],
            "rule_id": ["basic_eq_personnel_plus_public"] * 3 + ["same_figure_stated_twice_agrees"],
            "source_file": ["a.txt", "b.txt", "planted.txt", "a.txt"],
            "rule_instance": ["", "", "", "x"],
            "lhs": ["basic_expenditure=1.00", "basic_expenditure=1.01", "basic_expenditure=179.21", None],
            "rhs": [parts_1, parts_1, parts_179, None],
            "tolerance": [D("0.015"), D("0.015"), D("0.01"), None],
            "abs_residual": [D("0"), D("0.01"), D("0.03"), None],
        },
        dtype=object,
    )
    outcome = run_checkpoint(tmp_path, frame)
    assert outcome.breached_rows == {2}
    assert not outcome.success
    assert outcome.expectations_run == len(RULES)
    # the Data Docs name the breach's document and both sides, not only the two numbers compared
    (page,) = (tmp_path / "gx" / "uncommitted" / "data_docs" / "local_site" / "validations").rglob("*.html")
    html = page.read_text(encoding="utf-8")
    assert "planted.txt" in html and "basic_expenditure=179.21" in html and parts_179 in html
    assert "b.txt" not in html  # a rounding difference inside its envelope is not listed


def test_data_docs_keep_only_the_latest_validations(tmp_path):
    from fiscal.quality.expectations import SUITE, prune_validation_history

    for folder in ("validations", "data_docs/local_site/validations"):
        for stamp in range(15):
            (tmp_path / "gx" / "uncommitted" / folder / SUITE / "__none__" / f"2026112{stamp:02d}T000000Z").mkdir(
                parents=True)  # fmt: skip
    assert prune_validation_history(tmp_path, keep=10) == 10
    kept = sorted(p.name for p in (tmp_path / "gx/uncommitted/validations" / SUITE / "__none__").iterdir())
    assert kept == [f"2026112{stamp:02d}T000000Z" for stamp in range(5, 15)]


def test_every_status_is_one_of_six():
    from fiscal.quality.rules import STATUSES

    assert STATUSES == ("pass", "rounding", "warning", "error", "insufficient_data", "not_applicable")
