"""Standard tables with no title line: named by a heading above them that their structure agrees
with, or by a structure only one standard table has; otherwise not read, with the reason.

The expected figures are what a reader types from each table.
"""

from __future__ import annotations

from decimal import Decimal as D

from tests.unit.test_flattened_tables import extracted

UNIT = "XX区民政局2023年度部门决算\n单位：万元\n"
SUMMARY_ROWS = (
    "收入\t\t支出\t\n"
    "项目\t决算数\t项目\t决算数\n"
    "一、一般公共预算财政拨款收入\t1,200.50\t一、一般公共服务支出\t900.00\n"
    "{second_income}\t300.00\t二、社会保障和就业支出\t600.50\n"
    "本年收入合计\t1,500.50\t本年支出合计\t1,500.50\n"
    "年初结转和结余\t20.00\t年末结转和结余\t20.00\n"
    "总计\t1,520.50\t总计\t1,520.50\n"
)


def table_facts(text: str) -> set[tuple[str, str, D]]:
    facts = extracted(text).facts
    return {(f.metric, f.scope, f.amount_wan) for f in facts if f.provenance.pattern.startswith("table:")}


def not_read(text: str) -> list[str]:
    return [issue.message for issue in extracted(text).issues if issue.kind == "table_not_read"]


def test_a_two_sided_summary_without_title_is_the_departments_when_it_lists_事业收入():
    facts = table_facts(UNIT + SUMMARY_ROWS.format(second_income="二、事业收入"))
    assert {("income_total", "department", D("1500.50")), ("expenditure_total", "department", D("1500.50")),
            ("total_income_expenditure", "department", D("1520.50")),
            ("carryover_begin", "department", D("20.00"))} <= facts  # fmt: skip
    assert all(scope == "department" for _, scope, _ in facts)


def test_a_summary_of_appropriations_alone_is_the_财政拨款_summary():
    facts = table_facts(UNIT + SUMMARY_ROWS.format(second_income="二、政府性基金预算财政拨款收入"))
    assert ("income_total", "fiscal", D("1500.50")) in facts
    assert ("expenditure_total", "fiscal", D("1500.50")) in facts
    assert ("gov_fund_appropriation_income", "department", D("300.00")) in facts  # its own scope, as in a titled one
    assert not any(metric.endswith("_total") and scope == "department" for metric, scope, _ in facts)


def test_a_comparison_of_totals_by_year_is_no_summary():
    # 本年收入合计 and 本年支出合计 by year, without 总计: a comparison, not the 收支总表; read by its
    # columns, each year's figures are that year's.
    rows = "项目\t2023年决算数\t2022年决算数\n本年收入合计\t1,500.50\t1,400.00\n本年支出合计\t1,480.00\t1,390.00\n"
    text = UNIT + rows
    assert [table.kind for table in extracted(text).tables] == ["comparison"]
    read = extracted(text).facts
    assert {(f.metric, f.period, f.amount_wan) for f in read if f.provenance.pattern.startswith("table:")} == {
        ("income_total", "current", D("1500.50")), ("income_total", "prior", D("1400.00")),
        ("expenditure_total", "current", D("1480.00")), ("expenditure_total", "prior", D("1390.00")),
    }  # fmt: skip
    # under a heading about one fund, whose figures the rows do not say are that fund's: not read
    assert table_facts("XX区民政局2023年度部门决算\n五、一般公共预算财政拨款支出决算情况\n单位：万元\n" + rows) == set()


CODED = (
    "科目编码\t科目名称\t合计\t基本支出\t项目支出{extra_header}\n"
    "合计\t\t1,500.50\t1,000.00\t500.50{extra}\n"
    "208\t社会保障和就业支出\t900.00\t600.00\t300.00{extra}\n"
    "20802\t民政管理事务\t900.00\t600.00\t300.00{extra}\n"
    "210\t卫生健康支出\t600.50\t400.00\t200.50{extra}\n"
)


def test_a_coded_table_whose_funds_are_not_said_is_not_read_and_says_why():
    text = UNIT + CODED.format(extra_header="", extra="")
    extraction = extracted(text)
    assert not [line for line in extraction.lines if line.source.startswith("table:")]
    assert any("whose funds" in reason for reason in not_read(text))


def test_a_coded_table_with_the_departments_own_columns_is_the_支出表():
    text = UNIT + CODED.format(extra_header="\t上缴上级支出\t经营支出\t对附属单位补助支出", extra="\t\t\t")
    extraction = extracted(text)
    lines = {(line.code, line.scope, line.amount_wan) for line in extraction.lines if line.source.startswith("table:")}
    assert lines == {("208", "department", D("900.00")), ("20802", "department", D("900.00")),
                     ("210", "department", D("600.50"))}  # fmt: skip
    assert ("basic_expenditure", "department", D("1000.00")) in table_facts(text)
    assert ("project_expenditure", "department", D("500.50")) in table_facts(text)


def test_a_heading_without_表_names_the_table_its_structure_agrees_with():
    text = (
        "XX区司法局2017年部门预算\n二、一般公共预算基本支出预算(按经济分类)\n单位：元\n"
        "经济分类科目\t预算数\n合计\t14,206,800\n工资福利支出\t11,583,600\n商品和服务支出\t1,872,400\n"
        "对个人和家庭的补助\t750,800\n"
    )
    extraction = extracted(text)
    assert ("basic_expenditure", "gpb", D("1420.68")) in table_facts(text)
    lines = {(line.name, line.level, line.scope, line.basis, line.amount_wan) for line in extraction.lines}
    assert lines == {("工资福利支出", 1, "gpb", "budget", D("1158.36")),
                     ("商品和服务支出", 1, "gpb", "budget", D("187.24")),
                     ("对个人和家庭的补助", 1, "gpb", "budget", D("75.08"))}  # fmt: skip


def test_a_heading_that_names_another_layout_does_not_name_the_table():
    # The heading names a 基本支出 table; the rows are a coded functional table: not read as either.
    text = UNIT.replace("单位", "一般公共预算基本支出决算\n单位") + CODED.format(extra_header="", extra="")
    assert not [f for f in extracted(text).facts if f.provenance.pattern.startswith("table:")]
    assert any("whose funds" in reason for reason in not_read(text))


def test_an_untitled_table_without_unit_is_not_read():
    text = "XX区民政局2023年度部门决算\n" + SUMMARY_ROWS.format(second_income="二、事业收入")
    assert table_facts(text) == set()
    assert any("no unit line" in reason for reason in not_read(text))
