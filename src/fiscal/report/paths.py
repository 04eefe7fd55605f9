"""Where the report's pages are: shared by the site, the CLI and the alerts that link to it."""

from __future__ import annotations

from pathlib import Path


def report_folder(warehouse: Path) -> Path:
    """Where a warehouse's report site goes: beside it, named after it (two never share one)."""
    return warehouse.with_name(warehouse.stem + "-report")


def department_page(department_id: str, fiscal_year: int) -> str:
    return f"departments/{department_id}-{fiscal_year}.html"


def document_page(document_id: str) -> str:
    return f"documents/{document_id[:16]}.html"
