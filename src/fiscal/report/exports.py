"""Exports reviewers ask for: the findings as CSV or XLSX (one row per finding, both sides and the
evidence, figures exact), and a copy of a PDF with each finding's figures boxed and labelled."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import asdict, fields
from decimal import Decimal
from pathlib import Path
from typing import Any

from fiscal.quality.findings import Finding

EXPORT_FORMATS = (".csv", ".xlsx")


def columns() -> list[str]:
    return ["finding_id", *(field.name for field in fields(Finding)), "description"]


def _row(finding: Finding) -> list[Any]:
    values = asdict(finding)
    return [finding.finding_id, *(values[field.name] for field in fields(Finding)), finding.description]


def write_findings(findings: Sequence[Finding], path: Path) -> None:
    """CSV (UTF-8 with a byte order mark, so Excel shows the Chinese) or XLSX, by the path's suffix."""
    suffix = path.suffix.lower()
    if suffix not in EXPORT_FORMATS:
        raise ValueError(f"export to {' or '.join(EXPORT_FORMATS)}, not '{path.suffix}'")
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(columns())
            writer.writerows([_text(value) for value in _row(finding)] for finding in findings)
        return
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "findings"
    sheet.append(columns())
    for finding in findings:
        sheet.append(_row(finding))  # Decimal is written as the number it is, digit for digit
    sheet.freeze_panes = "A2"
    workbook.save(path)


def _text(value: Any) -> str:
    if value is None:
        return ""
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def boxed_pdf(pdf: Path, boxes: Sequence[dict[str, Any]], out: Path) -> bool:
    """A copy of the PDF with a rectangle around each box, labelled with its note (the finding's
    rule and figures); False when the PDF cannot be read. Boxes are in points from the page's
    top-left corner (raw.facts), annotations in PDF space (from the bottom-left)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.annotations import Rectangle
    from pypdf.errors import PdfReadError
    from pypdf.generic import NameObject, TextStringObject

    try:
        writer = PdfWriter(clone_from=PdfReader(pdf))
    except (OSError, PdfReadError):
        return False
    for box in boxes:
        page = writer.pages[box["page"] - 1]
        top = Decimal(str(page.mediabox.top))
        left = Decimal(str(page.mediabox.left))
        x0, x1 = left + box["box_x0"] - 2, left + box["box_x1"] + 2
        rect = (x0, top - box["box_bottom"] - 2, x1, top - box["box_top"] + 2)
        annotation = Rectangle(rect=tuple(float(value) for value in rect))  # float ok: PDF coordinates
        annotation[NameObject("/C")] = _red()
        annotation[NameObject("/Contents")] = TextStringObject(box["note"])
        annotation[NameObject("/T")] = TextStringObject("fiscal")
        writer.add_annotation(page_number=box["page"] - 1, annotation=annotation)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as handle:
        writer.write(handle)
    return True


def _red() -> Any:
    from pypdf.generic import ArrayObject, FloatObject

    return ArrayObject([FloatObject(0.86), FloatObject(0.12), FloatObject(0.12)])
