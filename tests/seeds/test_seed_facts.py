"""Every figure the seeds state, compared exactly with values written by reading them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from fiscal.extract.document import ProcessedDocument
from tests.seeds import expected


def fact_set(document: ProcessedDocument) -> set[tuple]:
    assert document.extraction is not None
    return {
        (
            f.metric,
            f.scope,
            f.period,
            f.basis,
            f.project_name,
            f.subject_metric,
            f.value if f.value is not None else f.value_text,
        )
        for f in document.extraction.facts
    }


@pytest.mark.parametrize(
    ("prefix", "facts"),
    [
        ("000", expected.SEED_000),
        ("001", expected.SEED_001),
        ("002", expected.SEED_002),
        ("003", expected.SEED_003),
        ("004", expected.SEED_004),
    ],
)
def test_seed_facts_are_exactly_what_the_document_states(processed, prefix, facts):
    extracted = fact_set(processed[prefix])
    assert extracted - facts == set(), "extracted but not stated"
    assert facts - extracted == set(), "stated but not extracted"


def test_seed_metadata(processed):
    expected_metadata = {
        "000": ("performance_project", "土地征收中心", None, 2024),
        "001": ("final_accounts", "米易县集体土地征收补偿安置中心", "米易县", 2023),
        "002": ("performance_overall", "阳西县土地储备和城市更新事务中心", "阳西县", 2023),
        "003": ("performance_overall", "株洲市芦淞区征地工作协调服务中心", "株洲市芦淞区", 2022),
        "004": (
            "performance_overall",
            "乌鲁木齐高新技术产业开发区(新市区)房屋征收与补偿管理办公室(土地征收管理办公室)",
            "乌鲁木齐高新技术产业开发区(新市区)",
            2024,
        ),
    }
    for prefix, (doc_type, department, region, year) in expected_metadata.items():
        md = processed[prefix].metadata
        assert (md.doc_type, md.department, md.region, md.fiscal_year) == (doc_type, department, region, year)


def test_seed_001_functional_lines(processed):
    lines = {
        (line.classification, line.level, line.name, line.class_name, line.kuan_name, line.basis, line.amount_wan)
        for line in processed["001"].extraction.lines
        if line.classification == "functional"
    }
    assert lines == expected.SEED_001_FUNCTIONAL


def test_seed_001_economic_items_of_personnel_and_public_expenses(processed):
    items = {
        (line.parent_metric, line.name, line.amount_wan)
        for line in processed["001"].extraction.lines
        if line.classification == "economic" and line.basis == "actual"
    }
    assert items == expected.SEED_001_ECONOMIC_ACTUAL


def test_seed_001_budgeted_economic_items_keep_their_class(processed):
    budget = [
        line
        for line in processed["001"].extraction.lines
        if line.classification == "economic" and line.basis == "initial_budget"
    ]
    wages = {line.name: line.amount_wan for line in budget if line.class_name == "工资福利支出" and line.level == 2}
    assert wages == {
        "基本工资": Decimal("46.34"),
        "津贴补贴": Decimal("6.11"),
        "绩效工资": Decimal("70.51"),
        "机关事业单位基本养老保险缴费": Decimal("17.4"),
        "职工基本医疗保险缴费": Decimal("9.48"),
        "其他社会保障缴费": Decimal("1.72"),
        "住房公积金": Decimal("14.85"),
        "公务员医疗补助缴费": Decimal("5.87"),
    }
    classes = {line.name: line.amount_wan for line in budget if line.level == 1}
    assert classes == {"工资福利支出": Decimal("179.21"), "对个人和家庭的补助支出": Decimal("0.79")}


def test_seed_001_projects_with_funding_documents(processed):
    projects = {(p.name, p.amount_wan, p.funding_document) for p in processed["001"].extraction.projects}
    assert projects == expected.SEED_001_PROJECTS


def test_stated_shares_attach_to_their_figures(processed):
    shares = {(f.metric, f.pct, f.share_of) for f in processed["001"].extraction.facts if f.pct is not None}
    assert ("basic_expenditure", Decimal("59.37"), "expenditure_total") in shares
    assert ("project_expenditure", Decimal("40.63"), "expenditure_total") in shares
    assert ("gpb_appropriation_income", Decimal("100"), "income_total") in shares
    line_shares = {(line.name, line.pct) for line in processed["001"].extraction.lines if line.pct is not None}
    assert line_shares == {
        ("社会保障和就业支出", Decimal("5.71")),
        ("卫生健康支出", Decimal("3.89")),
        ("自然资源海洋气象等支出", Decimal("86.88")),
        ("住房保障支出", Decimal("3.52")),
    }


def test_every_fact_points_at_its_words(processed):
    """Provenance: the span holds the figure as written, inside the sentence recorded with it."""
    for document in processed.values():
        text = document.text.text
        for fact in document.extraction.facts:
            prov = fact.provenance
            span = text[prov.span_start : prov.span_end]
            assert fact.value_text in span
            assert span in prov.sentence
            source_start, source_end = document.text.source_span(prov.span_start, prov.span_end)
            assert fact.value_text.replace(" ", "") in document.text.source[source_start:source_end].replace(" ", "")


def test_unplaced_figures_are_recorded_not_dropped(processed):
    kinds = {issue.kind for issue in processed["001"].extraction.issues}
    assert "unplaced_amount" in kinds  # e.g. 人员经费因人员调出追减5.94万元
    texts = " ".join(issue.text for issue in processed["001"].extraction.issues)
    assert "追减5.94万元" in texts
    assert "执行率95%" in texts  # a procurement item's rate is not the department's
