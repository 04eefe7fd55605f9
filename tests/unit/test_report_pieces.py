"""Pieces of the report site: money shown exactly, evidence marked where the text states it."""

from __future__ import annotations

from decimal import Decimal as D

from fiscal.report.evidence import Mark, evidence_spans, marked_text
from fiscal.report.queries import money


def test_money_is_shown_exactly_with_separators():
    assert money(D("2946.2500000000")) == "2,946.25"
    assert money(D("0.3600")) == "0.36"
    assert money(D("33172.1525")) == "33,172.1525"  # a 元 amount in 万元 keeps its places
    assert money(None) == ""


def test_a_finding_s_sentences_are_found_in_the_text_and_marked():
    text = "一、收入情况\n本年收入合计2946.25万元,其中:财政拨款收入2940.05万元。\n二、支出<情况>"
    finding = {
        "span_start": None,
        "span_end": None,
        "lhs_evidence": "本年收入合计2946.25万元,其中:财政拨款收入2940.05万元。",
        "rhs_evidence": "",
        "evidence": None,
    }
    spans = evidence_spans(text, finding)
    assert spans == [(7, 7 + len(finding["lhs_evidence"]))]
    html = marked_text(text, [Mark(start, end, 0) for start, end in spans])
    assert '<mark id="evidence-0" data-finding="0">本年收入合计2946.25万元' in html
    assert html.endswith("二、支出&lt;情况&gt;")  # the document's text is escaped, never markup
