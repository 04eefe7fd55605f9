"""Wording classes found on benchmarks/wording_dev: the texts are written in those shapes, the expected
figures are what a reader types from them."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

from fiscal.documents.reader import SourceDocument, document_id_of
from fiscal.extract.document import process_text
from fiscal.extract.model import Fact


def facts_of(text: str) -> list[Fact]:
    data = text.encode("utf-8")
    document = process_text(SourceDocument(Path("page.txt"), document_id_of(data), "text", len(data), "utf-8", text))
    assert document.extraction is not None
    return document.extraction.facts


def test_three_public_expenditure_total_is_the_three_public_total():
    found = {(f.metric, f.period, f.amount_wan) for f in facts_of(
        "某局2015年度部门决算\n\n2015年，区商务局“三公”经费支出合计25.63万元，比2014年的31.90万元减少6.27万元。"
    )}  # fmt: skip
    assert ("three_public_total", "current", D("25.63")) in found
    assert not [f for f in found if f[0] == "expenditure_total"]


def test_parts_after_an_aside_in_parentheses_belong_to_the_sentence_s_figure():
    found = {(f.metric, f.basis, f.amount_wan) for f in facts_of(
        "某局2014年度部门决算\n\n2014年“三公”经费支出决算为98.60万元，比年初预算减少31.40万元（年初预算130.00万元），"
        "其中：因公出国（境）费18.20万元，公务接待费17.95万元。"
    )}  # fmt: skip
    assert ("three_public_total", "actual", D("98.60")) in found
    assert {
        ("three_public_outbound_travel", "actual", D("18.20")),
        ("three_public_reception", "actual", D("17.95")),
    } <= found


def test_a_project_self_evaluation_s_figures_are_its_project_s():
    named = facts_of(
        "2023年度项目支出绩效自评报告\n\n项目名称：居家养老服务补贴项目\n主管部门：某区民政局\n\n"
        "项目年初预算数386.00万元，全年预算数412.50万元，全年执行数398.26万元，预算执行率96.55%。\n"
    )
    assert {(f.metric, f.project_name) for f in named if f.metric in ("budget_initial", "executed")} == {
        ("budget_initial", "居家养老服务补贴项目"), ("executed", "居家养老服务补贴项目"),
    }  # fmt: skip
    titled = facts_of(
        "某中学2018年度校舍修缮项目支出绩效自评报告\n\n一、基本情况\n\n实际支出2,714,356.80元，预算执行率94.91%。\n"
    )
    assert {f.project_name for f in titled if f.metric == "executed"} == {"校舍修缮项目"}
    several = facts_of(
        "2023年度项目支出绩效自评报告\n\n项目名称：甲项目\n\n全年执行数10.00万元。\n\n项目名称：乙项目\n\n全年执行数20.00万元。\n"
    )
    assert {f.project_name for f in several if f.metric == "executed"} == {None}  # two projects: not guessed
