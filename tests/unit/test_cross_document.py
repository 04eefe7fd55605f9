"""Cross-document rules on documents written here: prior-year figures, report against accounts."""

from decimal import Decimal as D

from fiscal.quality.rules import DocumentFacts, FactRow, evaluate_corpus
from tests.unit.rows import fact_row

fact = fact_row


def doc(document_id: str, year: int, doc_type: str, *facts: FactRow, department: str = "d1",
        region: str | None = "甲市") -> DocumentFacts:  # fmt: skip
    return DocumentFacts(document_id, department_id=department, region=region, fiscal_year=year, doc_type=doc_type,
                         facts=list(facts))  # fmt: skip


def by_rule(docs: list[DocumentFacts]) -> dict[str, list]:
    found: dict[str, list] = {}
    for document_id, instance in evaluate_corpus(docs):
        found.setdefault(instance.rule_id, []).append((document_id, instance))
    return found


def test_prior_year_implied_by_the_change_is_checked_against_last_years_document():
    this_year = doc("b", 2024, "final_accounts", fact("total_income_expenditure", "421.54"),
                    fact("change_amount", "232.56", subject="total_income_expenditure"))  # fmt: skip
    last_year_right = doc("a", 2023, "final_accounts", fact("total_income_expenditure", "188.98"))
    last_year_wrong = doc("a", 2023, "final_accounts", fact("total_income_expenditure", "190.00"))
    ((document_id, ok),) = by_rule([this_year, last_year_right])["prior_year_agrees_with_previous_document"]
    assert document_id == "b" and ok.comparison.residual == 0
    ((_, wrong),) = by_rule([this_year, last_year_wrong])["prior_year_agrees_with_previous_document"]
    assert wrong.comparison.residual == D("-1.02") and not wrong.comparison.within_rounding


def test_other_departments_and_years_are_not_compared():
    docs = [doc("b", 2024, "final_accounts", fact("total_income_expenditure", "1", period="prior")),
            doc("a", 2023, "final_accounts", fact("total_income_expenditure", "2"), department="other"),
            doc("c", 2022, "final_accounts", fact("total_income_expenditure", "3"))]  # fmt: skip
    assert by_rule(docs) == {}


def test_performance_report_against_final_accounts_is_a_warning_when_it_differs():
    accounts = doc("fa", 2023, "final_accounts", fact("expenditure_total", "2679.48"), fact("self_eval_score", "92"))
    report = doc("pr", 2023, "performance_overall", fact("executed", "2679.45"), fact("self_eval_score", "92"))
    instances = by_rule([accounts, report])["performance_report_agrees_with_final_accounts"]
    assert {(i.key.split()[0], i.comparison.residual) for _, i in instances} == {
        ("metric=executed", D("-0.03")),
        ("metric=self_eval_score", D("0")),
    }
    assert all(i.breach_is_warning for _, i in instances) and {d for d, _ in instances} == {"pr"}


def test_documents_that_name_no_department_are_never_matched():
    # Two pages from different places, neither naming its department: unknown is not equal to unknown.
    this_year = doc("b", 2024, "final_accounts", fact("total_income_expenditure", "1", period="prior"), department=None)
    last_year = doc("a", 2023, "final_accounts", fact("total_income_expenditure", "2"), department=None)
    report = doc("pr", 2023, "performance_overall", fact("executed", "2"), department=None)
    assert by_rule([this_year, last_year, report]) == {}


def test_a_department_of_another_or_of_no_known_region_is_not_compared():
    this_year = doc("b", 2024, "final_accounts", fact("total_income_expenditure", "1", period="prior"))
    elsewhere = doc("a", 2023, "final_accounts", fact("total_income_expenditure", "2"), region="乙县")
    nowhere = doc("c", 2023, "final_accounts", fact("total_income_expenditure", "2"), region=None)
    assert by_rule([this_year, elsewhere]) == {} and by_rule([this_year, nowhere]) == {}
    unplaced = doc("d", 2024, "final_accounts", fact("total_income_expenditure", "1", period="prior"), region=None)
    assert by_rule([unplaced, nowhere]) == {}  # unknown is never equal to unknown
    same = doc("e", 2023, "final_accounts", fact("total_income_expenditure", "2"))
    assert len(by_rule([this_year, same])["prior_year_agrees_with_previous_document"]) == 1


def test_every_document_of_last_year_s_department_year_is_compared_whatever_their_order():
    # Last year published its explanation (188.98) and its tables (190.00) as two documents: this
    # year's 188.98 agrees with the first and not the second, and both are reported, in either order.
    this_year = doc("c", 2024, "final_accounts", fact("total_income_expenditure", "188.98", period="prior"))
    explanation = doc("a", 2023, "final_accounts", fact("total_income_expenditure", "188.98"))
    tables = doc("b", 2023, "final_accounts", fact("total_income_expenditure", "190.00"))

    def residuals(docs: list[DocumentFacts]) -> set[tuple[str, D]]:
        found = by_rule(docs)["prior_year_agrees_with_previous_document"]
        return {(i.key.split("previous=")[1], i.comparison.residual) for _, i in found}

    assert residuals([this_year, explanation, tables]) == {("a", D("0")), ("b", D("-1.02"))}
    assert residuals([tables, this_year, explanation]) == residuals([this_year, explanation, tables])
