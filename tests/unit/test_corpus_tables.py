"""The finance bureau's standard tables (上海市普陀区财政局 2024 部门决算), figures read from the PDF.

Read from ../shared/corpus (not committed); skipped when the corpus is not beside the checkout.
"""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from fiscal.extract.document import ProcessedDocument, process_file

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "pdf"
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared/corpus is not beside the checkout")


@pytest.fixture(scope="module")
def finance() -> ProcessedDocument:
    return process_file(CORPUS / "putuo_finance_bureau_2024_final_accounts.pdf")


def table_facts(document: ProcessedDocument, title: str) -> set[tuple]:
    return {
        (f.metric, f.scope, f.amount_wan) for f in document.extraction.facts if f.provenance.pattern == f"table:{title}"
    }


def table_lines(document: ProcessedDocument, title: str) -> set[tuple]:
    return {(line.level, line.code, line.name, line.amount_wan) for line in document.extraction.lines
            if line.source == f"table:{title}"}  # fmt: skip


def test_income_and_expenditure_summary(finance):
    assert table_facts(finance, "收入支出决算总表") == {
        ("gpb_appropriation_income", "department", D("2940.05")),  # 一、一般公共预算财政拨款收入
        ("other_income", "department", D("6.20")),  # 八、其他收入
        ("income_total", "department", D("2946.25")),  # 本年收入合计
        ("expenditure_total", "department", D("2940.05")),  # 本年支出合计
        ("carryover_begin", "department", D("49.14")),  # 年初结转和结余
        ("carryover_end", "department", D("55.34")),  # 年末结转和结余
        ("total_income_expenditure", "department", D("2995.39")),  # 总计 (both sides)
    }
    assert table_lines(finance, "收入支出决算总表") == {
        (1, None, "一般公共服务支出", D("2106.66")), (1, None, "社会保障和就业支出", D("326.71")),
        (1, None, "卫生健康支出", D("60.99")), (1, None, "住房保障支出", D("445.69")),
    }  # fmt: skip


def test_expenditure_table_with_codes_over_three_columns(finance):
    assert table_facts(finance, "支出决算表") == {
        ("expenditure_total", "department", D("2940.05")),
        ("basic_expenditure", "department", D("2336.91")),
        ("project_expenditure", "department", D("603.14")),
    }
    lines = table_lines(finance, "支出决算表")
    assert {
        (1, "201", "一般公共服务支出", D("2106.66")), (2, "20106", "财政事务", D("2106.66")),
        (3, "2010601", "行政运行", D("1511.89")), (3, "2010602", "一般行政管理事务", D("10.00")),
        (3, "2010607", "信息化建设", D("135.25")), (3, "2010608", "财政委托业务支出", D("449.52")),
        (1, "208", "社会保障和就业支出", D("326.72")), (3, "2080501", "行政单位离退休", D("84.65")),
        (3, "2080505", "机关事业单位基本养老保险缴费支出", D("160.75")),
        (3, "2080506", "机关事业单位职业年金缴费支出", D("80.38")),
        (3, "2080599", "其他行政事业单位养老支出", D("0.94")), (1, "210", "卫生健康支出", D("60.99")),
        (3, "2101101", "行政单位医疗", D("60.99")), (1, "221", "住房保障支出", D("445.69")),
        (3, "2210201", "住房公积金", D("187.19")), (3, "2210203", "购房补贴", D("258.50")),
    } <= lines  # fmt: skip


def test_income_table_totals_by_source(finance):
    assert table_facts(finance, "收入决算表") == {
        ("income_total", "department", D("2946.25")),
        ("fiscal_appropriation_income", "department", D("2940.05")),
        ("other_income", "department", D("6.20")),
    }


def test_gpb_tables(finance):
    assert table_facts(finance, "一般公共预算财政拨款支出决算表") == {
        ("gpb_expenditure", "gpb", D("2940.05")), ("basic_expenditure", "gpb", D("2336.91")),
        ("project_expenditure", "gpb", D("603.14")),
    }  # fmt: skip
    assert table_facts(finance, "一般公共预算财政拨款基本支出决算表") == {
        ("personnel_expense", "gpb", D("2152.26")), ("public_expense", "gpb", D("184.65")),
    }  # fmt: skip
    basic = table_lines(finance, "一般公共预算财政拨款基本支出决算表")
    assert {
        (1, "301", "工资福利支出", D("2082.85")),
        (2, "30101", "基本工资", D("262.33")),
        (2, "30102", "津贴补贴", D("1238.58")),
        (1, "302", "商品和服务支出", D("171.07")),
        (1, "303", "对个人和家庭的补助", D("69.41")),
        (1, "310", "资本性支出", D("13.58")),
    } <= basic


def test_blank_cells_are_not_zero(finance):
    summary = table_facts(finance, "收入支出决算总表")
    assert not any(metric == "business_income" for metric, _, _ in summary)  # 五、事业收入 is blank


def test_three_public_table_columns_by_template_order():
    planning = process_file(CORPUS / "putuo_planning_resources_bureau_2024_final_accounts.pdf")
    facts = {(f.metric, f.basis, f.amount_wan) for f in planning.extraction.facts
             if f.provenance.pattern == "table:财政拨款“三公”经费支出决算表"}  # fmt: skip
    # 合计 2.85 | 0.39; 因公出国(境)费, 公务用车 (小计, 购置费, 运行维护费) 0.00; 公务接待费 2.85 | 0.39
    assert facts == {
        ("three_public_total", "budget", D("2.85")), ("three_public_total", "actual", D("0.39")),
        ("three_public_outbound_travel", "budget", D("0.00")), ("three_public_outbound_travel", "actual", D("0.00")),
        ("three_public_vehicle", "budget", D("0.00")), ("three_public_vehicle", "actual", D("0.00")),
        ("three_public_vehicle_purchase", "budget", D("0.00")), ("three_public_vehicle_purchase", "actual", D("0.00")),
        ("three_public_vehicle_operation", "budget", D("0.00")),
        ("three_public_vehicle_operation", "actual", D("0.00")),
        ("three_public_reception", "budget", D("2.85")), ("three_public_reception", "actual", D("0.39")),
    }  # fmt: skip


def test_every_standard_table_is_found(finance):
    assert {t.kind for t in finance.extraction.tables} == {
        "summary", "income", "expenditure", "fiscal_summary", "gpb_expenditure", "gpb_basic", "three_public",
        "gov_fund", "soe_capital",
    }  # fmt: skip
    assert {t.unit for t in finance.extraction.tables} == {"万元"}


def test_fiscal_appropriation_summary(finance):
    assert table_facts(finance, "财政拨款收入支出决算总表") == {
        ("gpb_appropriation_income", "department", D("2940.05")),  # 一、一般公共预算财政拨款
        ("income_total", "fiscal", D("2940.05")),  # 本年收入合计
        ("expenditure_total", "fiscal", D("2940.05")),  # 本年支出合计
        ("gpb_expenditure", "gpb", D("2940.05")),  # 本年支出合计 under 一般公共预算财政拨款
        ("carryover_begin", "fiscal", D("21.63")),  # 年初财政拨款结转和结余
        ("carryover_end", "fiscal", D("21.63")),  # 年末财政拨款结转和结余
        ("total_income_expenditure", "fiscal", D("2961.68")),  # 总计, both sides
    }
