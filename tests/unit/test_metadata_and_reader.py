from pathlib import Path

from fiscal.documents.metadata import detect_metadata, detect_region
from fiscal.documents.reader import read_document
from fiscal.extract.document import process_file


def test_gb18030_text_is_read(tmp_path: Path):
    path = tmp_path / "gbk.txt"
    path.write_bytes("2023年度收、支总计421.54万元。".encode("gb18030"))
    source, refusal = read_document(path)
    assert refusal is None and source.encoding == "gb18030"
    assert "收、支总计" in source.text


def test_bad_inputs_are_quarantined_with_a_reason(tmp_path: Path):
    cases = {
        "empty.txt": b"",
        "binary.txt": b"\x00\x01\x02 not text",
        "broken.pdf": b"%PDF-1.4 not really a pdf",
        "old.doc": b"\xd0\xcf\x11\xe0 legacy word",
        "notes.txt": "今天天气很好。".encode(),
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
    reasons = {name: process_file(tmp_path / name) for name in cases}
    assert reasons["empty.txt"].reason == "empty file"
    assert "binary" in reasons["binary.txt"].reason
    assert reasons["broken.pdf"].reason.startswith("corrupt or unreadable PDF")
    assert "unsupported format" in reasons["old.doc"].reason
    assert "not recognised" in reasons["notes.txt"].reason
    assert all(doc.status == "quarantined" for doc in reasons.values())


def test_budget_document_and_amounts_in_yuan():
    text = "上海市普陀区财政局2025年部门预算\n一、收入支出预算总体情况\n2025年收、支预算总计12,345,678.90元。"
    md = detect_metadata(text)
    assert (md.doc_type, md.fiscal_year, md.department, md.region) == (
        "budget",
        2025,
        "上海市普陀区财政局",
        "上海市普陀区",
    )


def test_region_stops_at_the_department_name():
    assert detect_region("阳西县土地储备和城市更新事务中心") == "阳西县"
    assert detect_region("株洲市芦淞区征地工作协调服务中心") == "株洲市芦淞区"
