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


_LINE = "2023年度收、支总计421.54万元。"


def test_text_with_a_byte_order_mark_is_decoded_by_it(tmp_path: Path):
    # Windows "Unicode" text is UTF-16 LE with a BOM; its bytes are half NULs
    for encoding, bom in (("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"), ("utf-32-le", b"\xff\xfe\x00\x00")):
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes(bom + _LINE.encode(encoding))
        source, refusal = read_document(path)
        assert refusal is None and (source.encoding, source.text) == (encoding, _LINE)


def test_stray_nul_bytes_are_dropped_and_many_are_binary(tmp_path: Path):
    padding = ("说明。" * 2000).encode()  # the stray NUL lies past the first 4 KB
    stray = tmp_path / "stray.txt"
    stray.write_bytes(padding + _LINE.encode()[:6] + b"\x00" + _LINE.encode()[6:])
    source, refusal = read_document(stray)
    assert refusal is None and "\x00" not in source.text and source.text.endswith(_LINE)
    binary = tmp_path / "binary.txt"
    binary.write_bytes(padding + b"\x00\x01" * 500)
    assert "binary" in str(read_document(binary)[1])


def test_a_file_that_cannot_be_read_is_refused_with_the_reason(tmp_path: Path):
    folder = tmp_path / "report.txt"  # a folder named like a document
    folder.mkdir()
    source, refusal = read_document(folder)
    assert str(refusal).startswith("cannot read the file: ") and source.document_id


def test_a_file_name_in_gbk_bytes_is_stored_as_its_chinese_name(tmp_path: Path):
    import os

    from fiscal.documents.reader import display_path

    raw = os.fsencode(tmp_path) + b"/" + "测试部门决算.txt".encode("gb18030")
    with open(raw, "wb") as handle:
        handle.write(_LINE.encode())
    path = Path(os.fsdecode(raw))  # as os.listdir gives it: undecodable bytes as surrogates
    assert display_path(path).endswith("测试部门决算.txt")
    source, refusal = read_document(path)
    assert refusal is None and source.text == _LINE


def test_a_document_with_a_gbk_file_name_lands(tmp_path: Path):
    import os

    import duckdb

    from fiscal.land.writer import Lander

    raw = os.fsencode(tmp_path) + b"/" + "某局2023年度部门决算.txt".encode("gb18030")
    with open(raw, "wb") as handle:
        handle.write(("某局2023年度部门决算\n" + _LINE).encode())
    with duckdb.connect(":memory:") as connection:
        result = Lander(connection).land(process_file(Path(os.fsdecode(raw))))
        assert result.status == "landed"
        assert connection.execute("select file_name from raw.documents").fetchall() == [("某局2023年度部门决算.txt",)]


def test_the_department_from_the_ways_pages_name_it():
    named = {
        "江苏省政协办公厅2018年度\n部门预算公开\n目录": "江苏省政协办公厅",  # a 厅, its title broken after the year
        "四川省教育厅2022年部门预算\n": "四川省教育厅",
        "\t收支预算总表部门:江苏省政协办公厅单位:万元\n\t收入": "江苏省政协办公厅",  # a table's own field
        "收入支出决算总表\n编制单位:洛阳市偃师区府店镇人民政府 金额单位:万元\n": "洛阳市偃师区府店镇人民政府",
        "部门整体支出绩效自评表\n单位(盖章):绥阳县太白镇人民政府\n填报日期:2022年2月3日": "绥阳县太白镇人民政府",
        "一、部门基本情况\n重庆解放碑中央商务区管理委员会(以下简称“本部门”)为渝中区政府派出机构": (
            "重庆解放碑中央商务区管理委员会"
        ),
        "目录\n第一部分河南省红十字血液中心概况\n一、主要职能": "河南省红十字血液中心",
        "六安市工商业联合会2021年度一般公共预算财政拨款“三公”经费支出决算\n": "六安市工商业联合会",
        "重庆市荣昌区总工会本级2024年度决算公开说明\n": "重庆市荣昌区总工会",
        "单位名称襄阳市中心医院填报日期2022年3月18日": "襄阳市中心医院",
    }
    assert {text: detect_metadata(text).department for text in named} == named
