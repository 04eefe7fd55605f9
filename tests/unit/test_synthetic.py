from decimal import Decimal

from fiscal.documents.metadata import detect_metadata
from fiscal.documents.normalise import normalise
from fiscal.extract.statements import extract_statements
from fiscal.synthetic import FAULTS, Planted, generate, measure


def test_generated_corpus_is_reproducible_and_records_its_faults(tmp_path):
    first = generate(tmp_path / "a", 50, seed=3, fault_rate=0.5)
    second = generate(tmp_path / "b", 50, seed=3, fault_rate=0.5)
    assert first == second
    assert (tmp_path / "a" / "synthetic_00001.txt").read_text() == (tmp_path / "b" / "synthetic_00001.txt").read_text()
    faulty = [p for p in first if p.fault]
    assert 10 < len(faulty) < 40 and all(p.expected_rules == FAULTS[p.fault] for p in faulty)


def test_a_consistent_document_adds_up(tmp_path):
    (planted,) = generate(tmp_path, 1, seed=11, fault_rate=0.0)
    text = normalise((tmp_path / planted.file_name).read_text()).text
    facts = {(f.metric, f.scope): f.amount_wan for f in extract_statements(text, detect_metadata(text)).facts
             if f.amount_wan is not None and f.subject_metric is None}  # fmt: skip
    assert facts[("expenditure_total", "department")] == (
        facts[("basic_expenditure", "department")] + facts[("project_expenditure", "department")]
    )
    assert facts[("basic_expenditure", "gpb")] == (
        facts[("personnel_expense", "gpb")] + facts[("public_expense", "gpb")]
    )


def test_recall_and_precision_are_counted_per_document():
    planted = [Planted("a", "share_altered", FAULTS["share_altered"]), Planted("b", None, ()),
               Planted("c", "growth_altered", FAULTS["growth_altered"])]  # fmt: skip
    result = measure(planted, {"a": {"stated_share_eq_part_over_total"}, "b": {"basic_eq_personnel_plus_public"}})
    assert (result.faulty, result.detected, result.flagged, result.flagged_correctly) == (2, 1, 2, 1)
    assert Decimal(str(result.recall)) == Decimal("0.5") and Decimal(str(result.precision)) == Decimal("0.5")
