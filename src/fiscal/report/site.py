"""`fiscal report`: a static site built from the marts, readable without a server or a network.

index.html                           departments and years, documents (landed / quarantined, why)
departments/<department>-<year>.html headline figures, charts, the years side by side, indicators
documents/<document>.html            each finding with both sides, marked in the document's text,
                                     and for a PDF the page with the figures' boxes drawn
findings-for-review.xlsx             the errors and warnings, with decision columns a reviewer fills
                                     in and records with `fiscal review --from-file`
assets/                              the styles and the script (search, sort) it needs
"""

from __future__ import annotations

import shutil
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
from jinja2 import Environment, PackageLoader, select_autoescape

from fiscal.quality.findings import finding_id, latest_findings
from fiscal.report import charts, queries
from fiscal.report.evidence import Mark, boxes_in, evidence_spans, marked_text, render_page
from fiscal.report.exports import boxed_pdf, write_findings
from fiscal.report.paths import department_page, document_page

_HEADLINES = (  # (metric, scope, label) shown at the top of a department-year
    ("total_income_expenditure", "department", "收支总计"),
    ("income_total", "department", "本年收入合计"),
    ("expenditure_total", "department", "本年支出合计"),
    ("fiscal_appropriation_income", "department", "财政拨款收入"),
    ("basic_expenditure", "department", "基本支出"),
    ("project_expenditure", "department", "项目支出"),
    ("personnel_expense", None, "人员经费"),
    ("public_expense", None, "公用经费"),
    ("three_public_total", "fiscal", "“三公”经费"),
    ("agency_operating_expense", None, "机关运行经费"),
    ("procurement_total", None, "政府采购"),
)
_BASIS_NAMES = {"actual": "决算", "budget": "预算", "initial_budget": "年初预算"}


REVIEW_FILE = "findings-for-review.xlsx"


@dataclass(frozen=True)
class BuiltReport:
    index: Path
    department_pages: int
    document_pages: int


def _environment() -> Environment:
    environment = Environment(loader=PackageLoader("fiscal.report"), autoescape=select_autoescape(["html"]))
    environment.filters["money"] = queries.money
    environment.filters["exact"] = lambda value: "" if value is None else format(value.normalize(), "f")
    environment.filters["basis"] = lambda basis: _BASIS_NAMES.get(basis, basis)
    return environment


def build_report(warehouse: Path, out: Path) -> BuiltReport:
    """Write the site for the warehouse's marts and latest validation run into `out` (replaced)."""
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        run_id = queries.latest_run(connection)
        documents = queries.documents(connection)
        years = queries.department_years(connection)
        staging = out.with_name(out.name + ".building")
        shutil.rmtree(staging, ignore_errors=True)
        environment = _environment()
        shutil.copytree(Path(__file__).with_name("static"), staging / "assets")
        by_department: dict[str, list[dict]] = defaultdict(list)
        for year in years:
            by_department[year["department_id"]].append(year)
        for year in years:
            _write_department_year(connection, environment, staging, year, by_department, documents)
        for document in documents:
            if document["status"] == "landed":
                _write_document(connection, environment, staging, document)
        _write(environment, staging / "index.html", "index.html", root="", run_id=run_id, years=years,
               documents=documents, department_page=department_page, document_page=document_page,
               review_file=REVIEW_FILE)  # fmt: skip
    to_review = [f for status in ("error", "warning") for f in latest_findings(warehouse, status=status, limit=10**7)]
    write_findings(to_review, staging / REVIEW_FILE)
    shutil.rmtree(out, ignore_errors=True)
    staging.rename(out)  # readers see the old site or the new one, never half of one
    landed = sum(1 for document in documents if document["status"] == "landed")
    return BuiltReport(out / "index.html", len(years), landed)


def _write(environment: Environment, path: Path, template: str, **context: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(environment.get_template(template).render(**context), encoding="utf-8")


def _headlines(facts: list[dict]) -> list[dict]:
    """Each headline figure as first stated, per basis, with the document that states it."""
    found = []
    for metric, scope, label in _HEADLINES:
        seen: set[str] = set()
        for fact in facts:
            if fact["metric"] != metric or (scope and fact["scope"] != scope) or fact["project_name"]:
                continue
            if fact["basis"] in seen:
                continue
            seen.add(fact["basis"])
            found.append({**fact, "label": label})
    return found


def _write_department_year(
    connection: duckdb.DuckDBPyConnection,
    environment: Environment,
    out: Path,
    year: dict,
    by_department: dict[str, list[dict]],
    documents: list[dict],
) -> None:
    department_id, fiscal_year = year["department_id"], year["fiscal_year"]
    facts = queries.facts_of(connection, department_id, fiscal_year)
    functional = queries.lines_of(connection, "functional", department_id, fiscal_year)
    economic = queries.lines_of(connection, "economic", department_id, fiscal_year)
    _write(
        environment,
        out / department_page(department_id, fiscal_year),
        "department_year.html",
        root="../",
        year=year,
        headlines=_headlines(facts),
        functional_chart=charts.amounts_by_name(functional, "支出功能分类(类)"),
        economic_chart=charts.amounts_by_name(economic, "支出经济分类(类)"),
        sources_chart=charts.amounts_by_name(queries.sources_of(connection, department_id, fiscal_year), "收入来源"),
        years_chart=charts.years_side_by_side(by_department[department_id], "历年收支"),
        other_years=by_department[department_id],
        indicators=queries.indicators_of(connection, department_id, fiscal_year),
        documents=[d for d in documents if d["department_id"] == department_id and d["fiscal_year"] == fiscal_year],
        department_page=department_page,
        document_page=document_page,
    )


def _write_document(connection: duckdb.DuckDBPyConnection, environment: Environment, out: Path, document: dict) -> None:
    text = queries.document_text(connection, document["document_id"]) or ""
    findings = queries.findings_of(connection, document["document_id"])
    boxes = queries.boxes_of(connection, document["document_id"]) if document["format"] == "pdf" else []
    marks: list[Mark] = []
    annotated: list[dict] = []  # the boxes of every finding, for the PDF copy
    for index, finding in enumerate(findings):
        finding["finding_id"] = finding_id(finding["document_id"], finding["rule_id"], finding["rule_instance"])
        spans = evidence_spans(text, finding)
        marks.extend(Mark(start, end, index) for start, end in spans)
        finding["images"] = []
        for page, page_boxes in sorted(boxes_in(spans, boxes).items()):
            image = f"pages/{document['document_id'][:16]}-f{index}-p{page}.png"
            if render_page(Path(document["source_path"]), page, page_boxes, out / image):
                finding["images"].append({"page": page, "path": image})
            note = f"{index + 1}. {finding['status']} {finding['rule_id']}: {finding['metrics']}"
            annotated.extend({**box, "note": note} for box in page_boxes)
    boxed = f"pdfs/{document['document_id'][:16]}-findings.pdf"
    has_boxed = bool(annotated) and boxed_pdf(Path(document["source_path"]), annotated, out / boxed)
    _write(
        environment,
        out / document_page(document["document_id"]),
        "document.html",
        root="../",
        document=document,
        findings=findings,
        text=marked_text(text, marks),
        boxed_pdf=boxed if has_boxed else None,
        department_page=department_page,
    )
