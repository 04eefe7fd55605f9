from decimal import Decimal

from fiscal.documents.metadata import detect_metadata
from fiscal.documents.normalise import normalise
from fiscal.extract.statements import extract_statements
from fiscal.synthetic import FAULTS, JUST_BEYOND, JUST_INSIDE, ErrorRow, Planted, generate, measure


def test_generated_corpus_is_reproducible_and_records_its_faults(tmp_path):
    first = generate(tmp_path / "a", 60, seed=3, fault_rate=0.5)
    second = generate(tmp_path / "b", 60, seed=3, fault_rate=0.5)
    assert first == second
    assert (tmp_path / "a" / "synthetic_00001.txt").read_text() == (tmp_path / "b" / "synthetic_00001.txt").read_text()
    beyond = [p for p in first if p.beyond]
    assert beyond and all(p.expected_rules == FAULTS[p.fault][1] and p.planted_value for p in beyond)
    assert all(not p.expected_rules for p in first if p.magnitude == JUST_INSIDE)  # still consistent
    pairs = [p for p in first if p.previous_file]
    assert pairs and all((tmp_path / "a" / p.previous_file).exists() for p in pairs)


def test_a_consistent_document_adds_up_within_the_rounding_of_its_figures(tmp_path):
    documents = generate(tmp_path, 40, seed=11, fault_rate=0.0)
    units = set()
    for planted in documents:
        text = normalise((tmp_path / planted.file_name).read_text()).text
        facts = {(f.metric, f.scope): f for f in extract_statements(text, detect_metadata(text)).facts
                 if f.amount_wan is not None and f.subject_metric is None and f.period == "current"}  # fmt: skip
        units.add(facts[("three_public_total", "fiscal")].unit)
        whole = facts[("basic_expenditure", "gpb")]
        parts = [facts[("personnel_expense", "gpb")], facts[("public_expense", "gpb")]]
        # three figures, each rounded to half a unit of its last digit
        envelope = sum((f.precision_wan / 2 for f in [whole, *parts]), Decimal(0))
        assert abs(whole.amount_wan - sum(f.amount_wan for f in parts)) < envelope
    assert {"元", "万元", "亿元"} <= units  # the units real pages use


def test_recall_is_counted_per_finding_at_the_planted_figure():
    planted = [
        Planted("a", "share_altered", JUST_BEYOND, FAULTS["share_altered"][1], "61.27"),
        Planted("b", None),
        Planted("c", "growth_altered", JUST_BEYOND, FAULTS["growth_altered"][1], "12.5"),
        Planted("d", "basic_altered", JUST_INSIDE, (), "100.01"),
    ]
    errors = [
        ErrorRow("a", "stated_share_eq_part_over_total", "project_expenditure share %=61.27 vs (…) × 100"),
        # an error of the right rule at another figure does not find the planted fault
        ErrorRow("c", "growth_eq_change_over_prior", "growth_pct=3.1 vs (change_amount=4) ÷ (…)"),
        ErrorRow("d", "expenditure_total_eq_basic_plus_project", "expenditure_total=200 vs basic=100.01 + …"),
    ]
    result = measure(planted, errors)
    assert (result.faults_beyond, sum(result.found.values())) == (2, 1)
    assert +result.found == {"share": 1} and result.planted_by_family == {"share": 1, "growth": 1}
    assert (result.error_rows, result.rows_at_planted) == (3, 1)
    assert (result.consistent_documents, result.consistent_with_error) == (2, 1)  # d is consistent
    assert (result.inside_planted, result.inside_with_error) == (1, 1)
