"""Each PDF page is read by the first engine that can (issue 11): pdfplumber, PDFium where pdfplumber
raises on the page, OCR where the page is a scan. The scans are made inside the test: pages of
上海市普陀区财政局 2024 部门决算 (../shared/corpus) rendered to images by PDFium and saved as an
image-only PDF, so their OCR figures can be compared with the same pages' text layer."""

from __future__ import annotations

import io
from decimal import Decimal as D
from pathlib import Path

import duckdb
import pypdfium2
import pytest

from fiscal.documents import ocr, pdf
from fiscal.documents.reader import SourceDocument, document_id_of
from fiscal.extract.document import ProcessedDocument, process_text
from fiscal.land.writer import Lander

PDF = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "pdf" / "putuo_finance_bureau_2024_final_accounts.pdf"
EXPLANATION_PAGES = (21, 22)  # 收入支出决算总体情况说明 … (prose and figures)


@pytest.fixture(scope="module")
def putuo() -> pypdfium2.PdfDocument:
    if not PDF.is_file():
        pytest.skip("shared/corpus is not beside the checkout")
    return pypdfium2.PdfDocument(PDF)


def _pages_as_pdf(document: pypdfium2.PdfDocument, pages: tuple[int, ...]) -> bytes:
    """The pages themselves, text layer and all."""
    subset = pypdfium2.PdfDocument.new()
    subset.import_pages(document, [page - 1 for page in pages])
    buffer = io.BytesIO()
    subset.save(buffer)
    return buffer.getvalue()


def _pages_as_scan(document: pypdfium2.PdfDocument, pages: tuple[int, ...]) -> bytes:
    """The pages as images only, at 144 dpi, as a scanner would give them."""
    images = [document[page - 1].render(scale=2).to_pil().convert("RGB") for page in pages]
    buffer = io.BytesIO()
    images[0].save(buffer, "PDF", save_all=True, append_images=images[1:], resolution=144)
    return buffer.getvalue()


def _processed(data: bytes) -> ProcessedDocument:
    text, layout = pdf.pdf_text_and_layout(data)
    source = SourceDocument(Path("pages.pdf"), document_id_of(data), "pdf", len(data), None, text, layout)
    return process_text(source)


def _figures(document: ProcessedDocument) -> set[tuple]:
    assert document.extraction is not None
    return {(f.metric, f.scope, f.period, f.basis, f.amount_wan) for f in document.extraction.facts if f.amount_wan}


def test_a_page_pdfplumber_fails_on_is_read_by_pdfium(putuo, monkeypatch, caplog):
    data = _pages_as_pdf(putuo, EXPLANATION_PAGES)
    expected = _figures(_processed(data))
    original = pdf._plumber_page

    def fails_on_the_second_page(page, number, builder):
        if number == 2:
            raise ValueError("a malformed content stream")
        original(page, number, builder)

    monkeypatch.setattr(pdf, "_plumber_page", fails_on_the_second_page)
    document = _processed(data)
    reads = document.source.layout.page_reads
    assert [(read.page, read.engine) for read in reads] == [(1, "pdfplumber"), (2, "pypdfium2")]
    assert reads[1].note == "pdfplumber failed: ValueError: a malformed content stream"
    assert "page 2: pdfplumber failed" in caplog.text and "Traceback" in caplog.text
    # PDFium's order of the prose is pdfplumber's here: the second page's figures are all found
    assert _figures(document) == expected
    # page 22 of the PDF: "行政运行(项)。…年初预算为1560.05万元,支出决算为1511.89万元"
    lines = {(line.name, line.basis, line.amount_wan) for line in document.extraction.lines}
    assert {("行政运行", "initial_budget", D("1560.05")), ("行政运行", "actual", D("1511.89"))} <= lines


def test_a_page_no_engine_reads_is_recorded_and_the_rest_lands(putuo, monkeypatch):
    data = _pages_as_pdf(putuo, EXPLANATION_PAGES)

    def fails(page, number, builder):
        if number == 1:
            raise ValueError("broken")
        return original_plumber(page, number, builder)

    def pdfium_fails(page, number, builder):
        raise RuntimeError("broken too")

    original_plumber = pdf._plumber_page
    monkeypatch.setattr(pdf, "_plumber_page", fails)
    monkeypatch.setattr(pdf, "_pdfium_page", pdfium_fails)
    monkeypatch.setattr(ocr, "unavailable_reason", lambda: "OCR switched off by the test")
    text, layout = pdf.pdf_text_and_layout(data)
    first, second = layout.page_reads
    assert (first.engine, first.chars) == ("none", 0)
    assert first.note == (
        "pdfplumber failed: ValueError: broken; PDFium failed: RuntimeError: broken too; "
        "no text layer, and OCR switched off by the test"
    )
    assert second.engine == "pdfplumber" and "支出决算为1511.89万" in text  # page 22 of the PDF


@pytest.fixture(scope="module")
def scanned(putuo) -> tuple[ProcessedDocument, ProcessedDocument]:
    if ocr.unavailable_reason() is not None:
        pytest.fail(ocr.unavailable_reason())  # OCR is a dependency: its absence is a set-up fault
    return _processed(_pages_as_pdf(putuo, EXPLANATION_PAGES)), _processed(_pages_as_scan(putuo, EXPLANATION_PAGES))


def test_scanned_pages_are_read_by_ocr_with_the_text_layer_s_figures(scanned):
    text_layer, scan = scanned
    reads = scan.source.layout.page_reads
    assert [read.engine for read in reads] == ["ocr", "ocr"]
    assert all(read.ocr_confidence >= D("0.9") for read in reads)
    ocr_figures, layer_figures = _figures(scan), _figures(text_layer)
    assert ocr_figures <= layer_figures  # no figure the pages do not state
    assert len(ocr_figures) >= 0.9 * len(layer_figures)
    # read from page 21: "2024年度收入总计2995.39万元" and 财政拨款收入 2940.05
    amounts = {(f[0], f[4]) for f in ocr_figures}
    assert ("total_income_expenditure", D("2995.39")) in amounts


def test_a_scanned_summary_table_gives_every_figure_of_the_text_layer(putuo):
    # 收入支出决算总表, pages 6–7: two sides, empty cells OCR cannot see, and a page break
    text_layer = _processed(_pages_as_pdf(putuo, (6, 7)))
    scan = _processed(_pages_as_scan(putuo, (6, 7)))
    assert [(table.kind, table.rows) for table in scan.extraction.tables] == [("summary", 32)]
    assert _figures(scan) == _figures(text_layer)
    read_from_the_pages = {
        ("gpb_appropriation_income", D("2940.05")),  # 一、一般公共预算财政拨款收入 2,940.05
        ("other_income", D("6.20")),  # 八、其他收入 6.20
        ("income_total", D("2946.25")),  # 本年收入合计 2,946.25
        ("expenditure_total", D("2940.05")),  # 本年支出合计 2,940.05
        ("carryover_begin", D("49.14")),  # 年初结转和结余 49.14
        ("carryover_end", D("55.34")),  # 年末结转和结余 55.34
        ("total_income_expenditure", D("2995.39")),  # 总计 2,995.39
    }
    assert {(f[0], f[4]) for f in _figures(scan)} == read_from_the_pages
    lines = {(line.name, line.amount_wan) for line in scan.extraction.lines}
    assert lines == {
        ("一般公共服务支出", D("2106.66")),
        ("社会保障和就业支出", D("326.71")),
        ("卫生健康支出", D("60.99")),
        ("住房保障支出", D("445.69")),
    }


def test_ocr_figures_carry_their_confidence_and_box_into_the_warehouse(scanned):
    _, scan = scanned
    connection = duckdb.connect()
    Lander(connection).land(scan)
    pages = connection.execute(
        "select page, engine, chars > 100, ocr_confidence >= 0.9 from raw.document_pages order by page"
    ).fetchall()
    assert pages == [(1, "ocr", True, True), (2, "ocr", True, True)]
    (missing,) = connection.execute(
        "select count(*) from raw.facts where page is null or box_x0 is null or ocr_confidence is null"
    ).fetchone()
    assert missing == 0
    (low,) = connection.execute("select min(ocr_confidence) from raw.facts").fetchone()
    assert D("0.6") <= low <= D("1")


def test_a_page_ocr_reads_without_confidence_is_not_read(putuo, monkeypatch):
    blurred = [ocr.Piece("收入支出总计2995.39万元", 10, 10, 400, 30, 0.55), ocr.Piece("其中", 10, 40, 60, 60, 0.7)]
    monkeypatch.setattr(ocr, "recognise", lambda image: blurred)
    with pytest.raises(pdf.UnreadableDocument) as refused:
        pdf.pdf_text_and_layout(_pages_as_scan(putuo, (21,)))
    assert str(refused.value) == "no text on any page (1 page: OCR confidence 0.625 below 0.8: page not read)"


def test_ocr_rows_keep_the_empty_cells_of_their_columns():
    builder = pdf.LayoutBuilder()
    row = 20

    def line(*cells: tuple[str, int, int]) -> list[ocr.Piece]:
        nonlocal row
        row += 30
        return [ocr.Piece(text, x0, row, x1, row + 24, 1.0) for text, x0, x1 in cells]

    pieces = [
        *line(("项目", 90, 140), ("决算数", 520, 590), ("项目", 640, 690), ("决算数", 1010, 1076)),
        *line(
            ("一、财政拨款收入", 90, 300),
            ("2,940.05", 510, 593),
            ("一、一般公共服务支出", 636, 900),
            ("2,106.66", 992, 1076),
        ),
        *line(("二、外交支出", 636, 780)),
        *line(("八、其他收入", 90, 240), ("6.20", 550, 593), ("三、国防支出", 636, 780)),
        *line(("注:本表反映部门本年度的总收支和年末结转结余情况。", 90, 1000)),
    ]
    ocr.write_pieces(pieces, 6, builder, 2)
    assert builder.text.split("\n") == [
        "项目\t决算数\t项目\t决算数",
        "一、财政拨款收入\t2,940.05\t一、一般公共服务支出\t2,106.66",
        "\t\t二、外交支出\t",
        "八、其他收入\t6.20\t三、国防支出\t",
        "注:本表反映部门本年度的总收支和年末结转结余情况。",
    ]


def test_ocr_pieces_become_lines_and_table_rows():
    builder = pdf.LayoutBuilder()
    pieces = [
        ocr.Piece("总计", 86, 205, 138, 229, 1.0),
        ocr.Piece("2,995.39", 510, 207, 593, 231, 0.999),
        ocr.Piece("年初结转和结余", 131, 171, 291, 197, 1.0),
        ocr.Piece("49.14", 538, 173, 594, 197, 1.0),
    ]
    ocr.write_pieces(pieces, 7, builder, 2)
    assert builder.text == "年初结转和结余\t49.14\n总计\t2,995.39"
    box = builder.layout.box(builder.text.index("2,995.39"), builder.text.index("2,995.39") + 8)
    assert (box.page, box.x0, box.x1, box.ocr_confidence) == (7, D("255.00"), D("296.50"), D("0.999"))


def test_a_page_ocr_fails_on_is_recorded_and_the_document_lands(putuo, monkeypatch):
    # page 21 with its text layer, then page 22 as a scan whose OCR fails (seen: onnxruntime's
    # std::bad_alloc under a worker's address-space limit)
    text_page = pypdfium2.PdfDocument(_pages_as_pdf(putuo, (21,)))
    scan_page = pypdfium2.PdfDocument(_pages_as_scan(putuo, (22,)))
    both = pypdfium2.PdfDocument.new()
    both.import_pages(text_page)
    both.import_pages(scan_page)
    buffer = io.BytesIO()
    both.save(buffer)

    def fails(page, number, builder):
        raise RuntimeError("[ONNXRuntimeError] : 1 : FAIL : std::bad_alloc")

    monkeypatch.setattr(ocr, "ocr_page", fails)
    text, layout = pdf.pdf_text_and_layout(buffer.getvalue())
    first, second = layout.page_reads
    assert first.engine == "pdfplumber" and "2995.39" in text
    assert (second.engine, second.note) == (
        "ocr",
        "no text layer, and OCR failed: RuntimeError: [ONNXRuntimeError] : 1 : FAIL : std::bad_alloc",
    )


def test_indicators_land_with_the_page_and_box_of_their_row():
    # a self-evaluation's indicator table as a PDF reader writes it: every character on page 3,
    # the row's cells in one box
    from fiscal.documents.layout import LayoutBuilder

    text = (
        "某局2023年度项目支出绩效自评表\n\n"
        "\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n\n"
        "\t产出指标\t数量指标\t培训人次\t≥500人次\t620人次\t10\t10\n"
    )
    builder = LayoutBuilder()
    builder.write(text, 3, (72.0, 200.5, 520.0, 214.25))
    data = text.encode("utf-8")
    source = SourceDocument(Path("self.pdf"), document_id_of(data), "pdf", len(data), None, text, builder.layout)
    connection = duckdb.connect()
    Lander(connection).land(process_text(source))
    rows = connection.execute("select indicator_name, page, box_x0, box_bottom from raw.indicators").fetchall()
    assert rows == [("培训人次", 3, D("72.00"), D("214.25"))]
