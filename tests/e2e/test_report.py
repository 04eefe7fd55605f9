"""The report site `fiscal run` builds (issue 12): pages from the marts, opened in a real browser.

The run: the bundled samples, the Putuo finance bureau's PDF with planted errors (../shared/corpus)
and a corrupt file. Screenshots go to $FISCAL_TEST_ARTIFACTS (default build/test-artifacts).
"""

from __future__ import annotations

import os
import re
import shutil
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from fiscal.cli import app
from fiscal.report.paths import department_page, document_page
from tests.conftest import copy_samples
from tests.e2e.browser import browser

PLANTED = (
    Path(__file__).resolve().parents[3]
    / "shared"
    / "corpus"
    / "pdf"
    / "putuo_finance_bureau_2024_final_accounts_with_planted_errors.pdf"
)
DEFAULT_ARTIFACTS = Path(__file__).resolve().parents[2] / "build" / "test-artifacts"
ARTIFACTS = Path(os.environ.get("FISCAL_TEST_ARTIFACTS", DEFAULT_ARTIFACTS))


@pytest.fixture(scope="module")
def site(prefect_server, tmp_path_factory):
    if not PLANTED.is_file():
        pytest.skip("shared/corpus is not beside the checkout")
    inbox = tmp_path_factory.mktemp("report-inbox")
    copy_samples(inbox)
    shutil.copy(PLANTED, inbox / PLANTED.name)
    (inbox / "corrupt.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\nendobj\n")
    warehouse = tmp_path_factory.mktemp("report-warehouse") / "fiscal.duckdb"
    result = CliRunner().invoke(app, ["run", str(inbox), "--warehouse", str(warehouse)])
    assert result.exit_code == 0, result.output
    root = warehouse.with_name("fiscal-report")
    assert f"Report (open in a browser): {root / 'index.html'}" in result.output.replace("\n", "")
    return root, warehouse


def _one(warehouse: Path, sql: str) -> tuple:
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        row = connection.execute(sql).fetchone()
    assert row is not None
    return row


def _finance_bureau(warehouse: Path) -> tuple[str, str]:
    return _one(
        warehouse,
        "select department_id, document_id from marts.dim_document where source_file like 'putuo_finance_bureau%'",
    )


def test_the_index_lists_every_document_with_its_status(site):
    root, _ = site
    index = (root / "index.html").read_text(encoding="utf-8")
    assert PLANTED.name in index and "上海市普陀区财政局" in index
    assert "corrupt.pdf" in index and "corrupt or unreadable PDF" in index  # quarantined, with why
    assert (root / "assets" / "report.js").is_file() and "http" not in (root / "assets" / "report.js").read_text()


def test_a_department_year_has_its_headlines_and_charts(site):
    root, warehouse = site
    department, _ = _finance_bureau(warehouse)
    page = (root / department_page(department, 2024)).read_text(encoding="utf-8")
    # 收入支出决算总表, page 6 of the PDF: 本年收入合计 2,946.25, 本年支出合计 2,940.05
    assert re.search(r"本年收入合计.*?2,946\.25", page, re.S) and re.search(r"本年支出合计.*?2,940\.05", page, re.S)
    assert page.count("<svg") >= 2 and "role-mark" in page  # the functional and economic charts, drawn
    assert "一般公共服务支出" in page  # a 类 label of the functional chart


def test_a_finding_has_both_sides_its_evidence_and_its_page(site):
    root, warehouse = site
    _, document = _finance_bureau(warehouse)
    page = (root / document_page(document)).read_text(encoding="utf-8")
    # the planted words: 行政运行 "决算数大于预算数" with 1511.89 against 1560.05
    assert "stated_comparison_agrees" in page and "1511.89" in page
    assert 'id="evidence-0"' in page and 'href="#evidence-0"' in page
    images = sorted((root / "pages").glob(f"{document[:16]}-*.png"))
    assert images and images[0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_pages_render_in_a_browser_and_a_finding_reaches_its_evidence(site):
    root, warehouse = site
    department, document = _finance_bureau(warehouse)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pages = {
        "index": root / "index.html",
        "department-year": root / department_page(department, 2024),
        "finding": root / document_page(document),
    }
    for name, path in pages.items():
        shot = ARTIFACTS / f"report-{name}.png"
        shot.unlink(missing_ok=True)
        browser(f"--screenshot={shot}", "--window-size=1400,1500", path.as_uri())
        assert shot.is_file() and shot.stat().st_size > 20_000, name  # a page with content, not a blank one
    # after the page's script ran: following a finding's link marks its evidence
    dom = browser("--dump-dom", pages["finding"].as_uri() + "#evidence-0")
    assert re.search(r'<mark[^>]*class="current"', dom)
    dom = browser("--dump-dom", pages["department-year"].as_uri())
    assert "role-mark" in dom and "一般公共服务支出" in dom


def test_a_pdf_copy_boxes_and_labels_each_finding_s_figures(site):
    from pypdf import PdfReader

    root, warehouse = site
    _, document = _finance_bureau(warehouse)
    assert f"pdfs/{document[:16]}-findings.pdf" in (root / document_page(document)).read_text(encoding="utf-8")
    copy = PdfReader(root / "pdfs" / f"{document[:16]}-findings.pdf")
    notes = [
        (number, annotation.get_object()["/Contents"])
        for number, page in enumerate(copy.pages, start=1)
        for annotation in page.get("/Annots") or []
    ]
    # the planted 行政运行 "决算数大于预算数" with 1511.89 < 1560.05, on page 19 of the planted copy
    assert any(number == 19 and "stated_comparison_agrees: 行政运行=1511.89" in note for number, note in notes)


def test_findings_export_to_xlsx_and_csv_with_both_sides_exact(site, tmp_path):
    import openpyxl

    _, warehouse = site
    for name in ("findings.xlsx", "findings.csv"):
        result = CliRunner().invoke(app, ["findings", "--warehouse", str(warehouse), "--export", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(tmp_path / "findings.xlsx").active
    header, *rows = list(sheet.values)
    records = [dict(zip(header, row, strict=True)) for row in rows]
    said = [r for r in records if r["rule_id"] == "stated_comparison_agrees" and r["source_file"] == PLANTED.name]
    assert {str(r["lhs_value"]) for r in said} >= {"1511.89"} and all(r["lhs_evidence"] for r in said)
    text = (tmp_path / "findings.csv").read_text(encoding="utf-8-sig")
    assert text.count("\n") == len(records) + 1 and "1511.8900000000" in text  # every row, digits as stored


def test_a_dismissed_finding_stays_dismissed_out_of_alerts_until_its_figures_change(site, tmp_path):
    from fiscal.quality.alerts import error_alert
    from fiscal.quality.findings import latest_findings
    from fiscal.report.site import build_report

    _, original = site
    warehouse = tmp_path / "reviewed.duckdb"
    shutil.copy(original, warehouse)
    # the planted 行政运行 "决算数大于预算数" (1511.89 against 1560.05)
    [target] = [
        f
        for f in latest_findings(warehouse, limit=1000)
        if f.rule_id == "stated_comparison_agrees" and f.lhs_value == Decimal("1511.89")
    ]
    command = ["review", target.finding_id, "--dismiss", "--reason", "checked with the bureau"]
    result = CliRunner().invoke(app, [*command, "--warehouse", str(warehouse)])
    assert result.exit_code == 0, result.output
    [again] = [f for f in latest_findings(warehouse, limit=1000) if f.finding_id == target.finding_id]
    assert (again.review, again.review_reason) == ("dismissed", "checked with the bureau")
    site_root = build_report(warehouse, tmp_path / "site").index.parent
    assert "dismissed: checked with the bureau" in (site_root / document_page(target.document_id)).read_text("utf-8")

    def alerted(connection: duckdb.DuckDBPyConnection) -> str:
        run_id = connection.execute("select run_id from quality.validation_runs").fetchone()[0]
        alert = error_alert(connection, run_id)
        return alert.body if alert else ""

    with duckdb.connect(str(warehouse)) as connection:
        assert target.rule_instance not in alerted(connection)  # the other errors are still raised
        run_id = connection.execute("select run_id from quality.validation_runs").fetchone()[0]
        linked = error_alert(connection, run_id, original.with_name("fiscal-report"))
        page = (original.with_name("fiscal-report") / document_page(target.document_id)).as_uri()
        assert linked is not None and f"evidence: {page}" in linked.body  # from the alert to the evidence
        # the document's figures change (a corrected version): the decision no longer holds
        connection.execute(
            "update quality.identity_results set lhs_value = lhs_value + 1 "
            "where document_id = ? and rule_id = ? and rule_instance = ?",
            [target.document_id, target.rule_id, target.rule_instance],
        )
        assert target.rule_instance in alerted(connection)
    [reopened] = [f for f in latest_findings(warehouse, limit=1000) if f.finding_id == target.finding_id]
    assert reopened.review is None


def test_decisions_written_into_an_export_are_recorded_and_stale_ones_refused(site, tmp_path):
    import csv

    import openpyxl

    from fiscal.quality.findings import latest_findings

    root, original = site
    warehouse = tmp_path / "decided.duckdb"
    shutil.copy(original, warehouse)
    # the report's file for reviewers, linked from its index
    assert 'href="findings-for-review.xlsx"' in (root / "index.html").read_text(encoding="utf-8")
    exported = tmp_path / "findings.xlsx"
    shutil.copy(root / "findings-for-review.xlsx", exported)
    arguments = ["findings", "--warehouse", str(warehouse), "--export", str(exported)]
    workbook = openpyxl.load_workbook(exported)
    sheet = workbook.active
    header = [cell.value for cell in sheet[1]]
    column = {name: header.index(name) + 1 for name in header}
    rows = {sheet.cell(row, column["finding_id"]).value: row for row in range(2, sheet.max_row + 1)}
    errors = latest_findings(warehouse, limit=1000)
    # the planted 行政运行 "决算数大于预算数" (1511.89 against 1560.05): the reviewer dismisses it
    [planted] = [f for f in errors if f.rule_id == "stated_comparison_agrees" and f.lhs_value == Decimal("1511.89")]
    others = [f for f in errors if f.finding_id != planted.finding_id]
    assert len(others) >= 2
    sheet.cell(rows[planted.finding_id], column["decision"], "dismiss")
    sheet.cell(rows[planted.finding_id], column["decision_reason"], "the bureau corrected the sentence")
    sheet.cell(rows[others[0].finding_id], column["decision"], "accept")  # no reason: refused
    stale = rows[others[1].finding_id]  # figures edited: not those of the finding now
    sheet.cell(stale, column["decision"], "accept")
    sheet.cell(stale, column["decision_reason"], "looked at it")
    sheet.cell(stale, column["lhs_value"], 1)
    workbook.save(exported)

    result = CliRunner().invoke(app, ["review", "--from-file", str(exported), "--warehouse", str(warehouse)])
    assert result.exit_code == 1, result.output  # two rows refused, and said so
    assert "1 decision(s) recorded" in result.output
    said = " ".join(result.output.split())
    assert "needs its reason" in said and "figures changed since the export" in said
    decided = {f.finding_id: (f.review, f.review_reason) for f in latest_findings(warehouse, limit=1000)}
    assert decided[planted.finding_id] == ("dismissed", "the bureau corrected the sentence")
    assert decided[others[0].finding_id] == (None, None) and decided[others[1].finding_id] == (None, None)

    # the same from a CSV export, figures as exported text
    text_export = tmp_path / "findings.csv"
    assert CliRunner().invoke(app, [*arguments[:-1], str(text_export)]).exit_code == 0
    with text_export.open(encoding="utf-8-sig", newline="") as handle:
        records = list(csv.DictReader(handle))
    for record in records:
        if record["finding_id"] == others[0].finding_id:
            record.update(decision="accept", decision_reason="a real inconsistency")
    with text_export.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(records[0]))
        writer.writeheader()
        writer.writerows(records)
    result = CliRunner().invoke(app, ["review", "--from-file", str(text_export), "--warehouse", str(warehouse)])
    assert result.exit_code == 0, result.output
    [accepted] = [f for f in latest_findings(warehouse, limit=1000) if f.finding_id == others[0].finding_id]
    assert (accepted.review, accepted.review_reason) == ("accepted", "a real inconsistency")
