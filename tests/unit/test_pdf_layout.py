"""Every character of a PDF's text knows its page and box (上海市普陀区财政局 2024 部门决算, read from
../shared/corpus; skipped when the corpus is not beside the checkout)."""

from __future__ import annotations

from array import array
from decimal import Decimal as D
from pathlib import Path

import pdfplumber
import pytest

from fiscal.documents.layout import NO_BOX, LayoutBuilder, TextLayout
from fiscal.documents.reader import read_document

PDF = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "pdf" / "putuo_finance_bureau_2024_final_accounts.pdf"


@pytest.fixture(scope="module")
def finance():
    if not PDF.is_file():
        pytest.skip("shared/corpus is not beside the checkout")
    source, refusal = read_document(PDF)
    assert refusal is None and source.layout is not None and source.text is not None
    assert len(source.layout.pages) == len(source.text)
    return source


def cropped_text(page: int, box) -> str:
    with pdfplumber.open(PDF) as pdf:
        bbox = (float(box.x0), float(box.top), float(box.x1), float(box.bottom))
        return pdf.pages[page - 1].within_bbox(bbox).extract_text()


def test_a_sentence_s_box_holds_its_glyphs_on_its_page(finance):
    needle = "收入支出总计2995.39万元"  # the explanation, page 21
    start = finance.text.index(needle)
    box = finance.layout.box(start, start + len(needle))
    assert box.page == 21
    assert cropped_text(21, box).replace("\n", "").replace(" ", "") == "收入支出总计万元2995.39"


def test_a_table_cell_has_the_cell_s_box(finance):
    start = finance.text.index("\t总计\t2,995.39") + 1  # 收入支出决算总表, page 7
    box = finance.layout.box(start, start + 2)
    assert box.page == 7
    assert cropped_text(7, box) == "总计"


def test_characters_the_reader_added_have_a_page_but_no_box():
    builder = LayoutBuilder()
    builder.write("收入", 3, (10.0, 20.0, 30.0, 32.5))
    builder.write("\n", 3)
    builder.write("支出", 4, (11.0, 40.0, 31.0, 52.0))
    layout = builder.layout
    assert builder.text == "收入\n支出" and list(layout.pages) == [3, 3, 3, 4, 4]
    assert layout.x0[2] == NO_BOX
    box = layout.box(0, 5)  # the first page's glyphs only
    assert (box.page, box.x0, box.top, box.x1, box.bottom) == (3, D("10.00"), D("20.00"), D("30.00"), D("32.50"))
    assert layout.box(2, 3) is None
    assert TextLayout(array("i"), array("f"), array("f"), array("f"), array("f")).box(0, 10) is None
