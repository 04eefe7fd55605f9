"""Every format reaches the same pipeline; fixtures are built here, nothing binary is committed."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest

from fiscal.extract.document import process_file

EXPLANATION = [
    "某区某局2024年度部门决算",
    "一、收入支出决算总体情况说明",
    "2024年度收入支出总计1,234.56万元。",
    "三、支出决算情况说明",
    "本年支出合计1,234.56万元，其中：基本支出1,000.00万元，占81.00%；项目支出234.56万元，占19.00%。",
]
INDICATOR_TABLE = [
    ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "完成率"],
    ["产出指标", "数量指标", "安置户数", "≥200户", "217户", "108.5%"],
]


def facts_of(path: Path) -> set[tuple]:
    document = process_file(path)
    assert document.status == "landed", document.reason
    return {(f.metric, f.amount_wan) for f in document.extraction.facts}


EXPECTED = {
    ("total_income_expenditure", Decimal("1234.56")),
    ("expenditure_total", Decimal("1234.56")),
    ("basic_expenditure", Decimal("1000.00")),
    ("project_expenditure", Decimal("234.56")),
}


def test_docx_paragraphs_and_tables_in_reading_order(tmp_path: Path):
    import docx

    document = docx.Document()
    for line in EXPLANATION:
        document.add_paragraph(line)
    table = document.add_table(rows=2, cols=6)
    for r, row in enumerate(INDICATOR_TABLE):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    path = tmp_path / "report.docx"
    document.save(path)
    assert facts_of(path) >= EXPECTED
    (indicator,) = process_file(path).extraction.indicators
    assert (indicator.name, indicator.target.comparator, indicator.actual.value) == ("安置户数", "≥", Decimal(217))


def test_xlsx_cells_become_rows(tmp_path: Path):
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "收入支出决算总表"
    for line in EXPLANATION:
        sheet.append([line])  # one filled cell: prose
    sheet.append(["单位：万元"])
    sheet.append(["项目", "决算数"])
    sheet.append(["一、一般公共预算财政拨款收入", 2940.05])
    path = tmp_path / "tables.xlsx"
    workbook.save(path)
    assert facts_of(path) >= EXPECTED
    text = process_file(path).text.text
    assert "\t一、一般公共预算财政拨款收入\t2940.05" in text  # the number exactly as the cell shows it
    assert "\n单位:万元\n" in text


def test_html_page(tmp_path: Path):
    body = "".join(f"<p>{line}</p>" for line in EXPLANATION)
    rows = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in INDICATOR_TABLE)
    head = '<head><meta charset="gbk"><script>var x=1;</script></head>'
    html = f"<html>{head}<body>{body}<table>{rows}</table></body></html>"
    path = tmp_path / "page.html"
    path.write_bytes(html.encode("gbk"))
    assert facts_of(path) >= EXPECTED
    assert len(process_file(path).extraction.indicators) == 1


def test_traditional_characters_in_big5(tmp_path: Path):
    traditional = "臺北市某某局2024年度部門決算\n一、收入支出決算總體情況說明\n2024年度收入支出總計1,234.56萬元。\n"
    path = tmp_path / "big5.txt"
    path.write_bytes(traditional.encode("big5"))
    assert ("total_income_expenditure", Decimal("1234.56")) in facts_of(path)


def _pdf(tmp_path: Path, name: str, password: str | None = None) -> Path:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if password:
        writer.encrypt(password)
    buffer = io.BytesIO()
    writer.write(buffer)
    path = tmp_path / name
    path.write_bytes(buffer.getvalue())
    return path


def test_pdf_without_text_on_any_page_is_quarantined_with_why(tmp_path: Path):
    document = process_file(_pdf(tmp_path, "blank.pdf"))  # a blank page: no text layer, nothing to OCR
    assert (document.status, document.reason) == (
        "quarantined",
        "no text on any page (1 page: no text layer and no image: a blank page)",
    )


def test_encrypted_pdf_is_quarantined(tmp_path: Path):
    document = process_file(_pdf(tmp_path, "locked.pdf", password="secret"))
    assert (document.status, document.reason) == ("quarantined", "encrypted PDF (password required)")


CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "pdf"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared/corpus is not beside the checkout")
def test_real_pdf_explanation_figures():
    """上海市普陀区中共社会工作部 2024 决算 (text layer): figures read from its 第三部分 by hand."""
    document = process_file(CORPUS / "putuo_social_work_dept_2024_final_accounts.pdf")
    facts = {(f.metric, f.scope, f.basis, f.amount_wan) for f in document.extraction.facts}
    assert {
        ("total_income_expenditure", "department", "actual", Decimal("307.82")),
        ("income_total", "department", "actual", Decimal("307.82")),
        ("fiscal_appropriation_income", "department", "actual", Decimal("307.82")),
        ("expenditure_total", "department", "actual", Decimal("307.82")),
        ("basic_expenditure", "department", "actual", Decimal("105.58")),
        ("project_expenditure", "department", "actual", Decimal("202.24")),
        ("gpb_expenditure", "gpb", "initial_budget", Decimal("0")),
        ("gpb_expenditure", "gpb", "budget", Decimal("321.02")),
        ("gpb_expenditure", "gpb", "actual", Decimal("307.82")),
        ("personnel_expense", "gpb", "actual", Decimal("95.36")),
        ("public_expense", "gpb", "actual", Decimal("10.23")),
        ("agency_operating_expense", "department", "actual", Decimal("10.23")),
    } <= facts
    classes = {
        (line.name, line.amount_wan, line.pct)
        for line in document.extraction.lines
        if line.level == 1 and line.source == "text"
    }
    assert classes == {("一般公共服务支出", Decimal("264.87"), Decimal("86.05")),
                       ("社会保障和就业支出", Decimal("10.82"), Decimal("3.52")),
                       ("卫生健康支出", Decimal("2.71"), Decimal("0.88")),
                       ("住房保障支出", Decimal("29.42"), Decimal("9.55"))}  # fmt: skip


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared/corpus is not beside the checkout")
def test_every_corpus_pdf_lands():
    for path in sorted(CORPUS.glob("*.pdf")):
        document = process_file(path)
        assert document.status == "landed", (path.name, document.reason)


def test_an_archive_that_unpacks_past_the_limit_is_refused_before_parsing(monkeypatch):
    import zipfile

    from fiscal.documents import formats
    from fiscal.documents.reader_errors import UnreadableDocument

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\x00" * 1_000_000)  # 1 MB of zeros: a 1 KB file
    monkeypatch.setattr(formats, "MAX_UNPACKED_BYTES", 100_000)
    for reader, kind in ((formats.docx_text, "DOCX"), (formats.xlsx_text, "XLSX")):
        with pytest.raises(UnreadableDocument, match=f"{kind} unpacks to 1000000 bytes"):
            reader(buffer.getvalue())


def test_a_sheet_past_the_row_limit_is_refused(monkeypatch):
    import openpyxl

    from fiscal.documents import formats
    from fiscal.documents.reader_errors import UnreadableDocument

    workbook = openpyxl.Workbook()
    for row in range(60):
        workbook.active.append([f"项目{row}", row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    monkeypatch.setattr(formats, "MAX_SHEET_ROWS", 50)
    with pytest.raises(UnreadableDocument, match="has over 50 rows"):
        formats.xlsx_text(buffer.getvalue())
    monkeypatch.setattr(formats, "MAX_SHEET_ROWS", 100)
    assert "项目59" in formats.xlsx_text(buffer.getvalue())
