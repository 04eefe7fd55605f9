"""Exports reviewers ask for: the findings as CSV or XLSX (one row per finding, both sides and the
evidence, figures exact), and a copy of a PDF with each finding's figures boxed and labelled."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields
from decimal import Decimal
from pathlib import Path
from typing import Any

from fiscal.quality.findings import Finding

EXPORT_FORMATS = (".csv", ".xlsx")


# Left empty for the reviewer: a decision written here is recorded by `fiscal review --from-file`.
DECISION_COLUMNS = ("decision", "decision_reason")
# What a reviewer may write as the decision.
_DECISION_WORDS = {"accept": "accepted", "accepted": "accepted", "确认": "accepted",
                   "dismiss": "dismissed", "dismissed": "dismissed", "排除": "dismissed"}  # fmt: skip


def columns() -> list[str]:
    return ["finding_id", *(field.name for field in fields(Finding)), "description", *DECISION_COLUMNS]


def _row(finding: Finding) -> list[Any]:
    values = asdict(finding)
    return [finding.finding_id, *(values[field.name] for field in fields(Finding)), finding.description, None, None]


@dataclass(frozen=True)
class ExportedDecision:
    """A decision a reviewer wrote into an export, with the figures the row showed."""

    row: int  # the row's number in the file (the header is row 1)
    finding_id: str
    decision: str | None  # accepted | dismissed; None when the word is not one of _DECISION_WORDS
    written: str
    reason: str
    lhs_value: Decimal | None
    rhs_value: Decimal | None


def read_decisions(path: Path) -> list[ExportedDecision]:
    """The rows of an export (CSV or XLSX, as `write_findings` wrote it) that carry a decision."""
    header, rows = _read_table(path)
    missing = {"finding_id", "lhs_value", "rhs_value", *DECISION_COLUMNS} - set(header)
    if missing:
        raise ValueError(f"{path.name} is not a findings export: no column {', '.join(sorted(missing))}")
    decisions = []
    for number, values in enumerate(rows, start=2):
        record = dict(zip(header, values, strict=False))
        written = str(record.get("decision") or "").strip()
        if not written:
            continue
        decisions.append(ExportedDecision(
            number, str(record["finding_id"] or "").strip(), _DECISION_WORDS.get(written.lower()), written,
            str(record.get("decision_reason") or "").strip(), _decimal(record["lhs_value"]),
            _decimal(record["rhs_value"]),
        ))  # fmt: skip
    return decisions


def _read_table(path: Path) -> tuple[list[str], list[list[Any]]]:
    if path.suffix.lower() == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            header, *rows = list(csv.reader(handle)) or [[]]
        return header, list(rows)
    if path.suffix.lower() != ".xlsx":
        raise ValueError(f"read decisions from {' or '.join(EXPORT_FORMATS)}, not '{path.suffix}'")
    import openpyxl

    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        header, *rows = [list(row) for row in workbook.active.iter_rows(values_only=True)] or [[]]
    finally:
        workbook.close()
    return [str(name) for name in header], rows


def _decimal(value: Any) -> Decimal | None:
    """A figure as the export showed it: text digits (CSV) or the cell's number (XLSX; repr gives the
    shortest digits that are that number, which are the digits written)."""
    if value is None or value == "":
        return None
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(str(value))


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


def decided_finding(decision: ExportedDecision, current: dict[str, Finding]) -> Finding | str:
    """The finding a row's decision is about, or why the decision cannot be recorded: a decision
    holds for the figures the reviewer saw, so a row whose figures have changed since the export is
    refused rather than applied to figures nobody looked at."""
    if decision.decision is None:
        return f"decision '{decision.written}' is not accept or dismiss"
    if not decision.reason:
        return "no decision_reason: a decision needs its reason"
    finding = current.get(decision.finding_id)
    if finding is None:
        return f"no finding {decision.finding_id} in the latest validation"
    if (finding.lhs_value, finding.rhs_value) != (decision.lhs_value, decision.rhs_value):
        then, now = (decision.lhs_value, decision.rhs_value), (finding.lhs_value, finding.rhs_value)
        return (f"its figures changed since the export ({_figures(then)} then, {_figures(now)} now): "
                "export again and decide on these")  # fmt: skip
    return finding


def _figures(sides: tuple[Decimal | None, Decimal | None]) -> str:
    return " | ".join("—" if value is None else format(value.normalize(), "f") for value in sides)
