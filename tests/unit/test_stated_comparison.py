"""What the text says of its figures (issue 9, item 7): 决算数大于/小于/等于预算数 against the
line's own budget and actual, as the planted Putuo copy gets it wrong."""

from __future__ import annotations

from fiscal.documents.metadata import detect_metadata
from fiscal.documents.normalise import normalise
from fiscal.extract.statements import extract_statements
from fiscal.quality.rules import DocumentFacts, evaluate
from fiscal.quality.validate import _status
from tests.unit.rows import fact_row

PAGE = (
    "上海市普陀区某局2024年度部门决算\n(三)一般公共预算财政拨款支出决算具体情况\n"
    "1、一般公共服务支出(类)财政事务(款)行政运行(项)。主要用于:局本部人员经费及公用经费等的基本支出。\n"
    "年初预算为1560.05万元,支出决算为1511.89万元。决算数{relation}预算数的主要原因:人员进出及退休变化。\n"
)


def claims(text: str) -> list[tuple[str, str | None]]:
    normalised = normalise(text).text
    extraction = extract_statements(normalised, detect_metadata(normalised))
    return [(f.value_text, f.label) for f in extraction.facts if f.metric == "stated_comparison"]


def test_the_words_are_recorded_with_the_line_they_are_about():
    assert claims(PAGE.format(relation="小于")) == [("决算数小于预算数", "行政运行")]


def line(basis: str, value: str):
    return fact_row("functional:3", value, scope="gpb", basis=basis, name="行政运行", level=3)


def status_of(relation: str) -> str:
    claim = fact_row("stated_comparison", "0", scope="gpb", text=f"决算数{relation}预算数", label="行政运行")
    doc = DocumentFacts("d", facts=[claim], functional=[line("initial_budget", "1560.05"), line("actual", "1511.89")])
    (instance,) = [i for i in evaluate(doc) if i.rule_id == "stated_comparison_agrees"]
    return _status(instance, instance.comparison is not None and not instance.comparison.within_rounding)


def test_a_comparison_the_figures_contradict_is_an_error():
    assert status_of("小于") == "pass"  # 1511.89 < 1560.05
    assert status_of("大于") == "error"
    assert status_of("等于") == "error"


def markers(text: str) -> list[tuple[str, str]]:
    normalised = normalise(text).text
    extraction = extract_statements(normalised, detect_metadata(normalised))
    return [(f.metric, f.value_text) for f in extraction.facts if f.metric in ("stated_year", "placeholder")]


def test_the_document_is_held_to_its_own_year_and_name():
    text = (
        "上海市普陀区XX局2024年度部门决算\n第三部分上海市普陀区财政局2023年度部门决算情况说明\n"
        "截至2023年12月31日,共有车辆0辆。本年支出合计2940.05万元。\n"
    )
    found = markers(text)
    assert ("placeholder", "XX") in found
    assert ("stated_year", "2023年度部门决算") in found and ("stated_year", "截至2023年12月31日") in found
    normalised = normalise(text).text
    extraction = extract_statements(normalised, detect_metadata(normalised))
    rows = [
        fact_row(f.metric, str(f.value) if f.value is not None else "0", text=f.value_text, label=f.label)
        for f in extraction.facts
    ]
    doc = DocumentFacts("d", fiscal_year=2024, doc_type="final_accounts", facts=rows)
    found_status = {
        (i.rule_id, _status(i, not i.comparison.within_rounding))
        for i in evaluate(doc)
        if i.rule_id in ("stated_year_is_the_documents", "no_placeholder_left")
    }
    assert found_status == {
        ("stated_year_is_the_documents", "error"),  # the heading's 2023 and the closing date's 2023
        ("no_placeholder_left", "error"),
    }
