"""Shared fixtures: where the sample documents are, and their processed form."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from fiscal.extract.document import ProcessedDocument, process_file

PROJECT = Path(__file__).resolve().parents[1]
SAMPLES = PROJECT / "data" / "samples"
SHARED = PROJECT.parent / "shared"


def copy_samples(folder: Path) -> None:
    """The five sample documents, copied into `folder` (an inbox a test adds its own files to)."""
    for path in SAMPLES.glob("*.txt"):
        shutil.copy(path, folder / path.name)


def sample(prefix: str) -> Path:
    return next(SAMPLES.glob(f"{prefix}_*.txt"))


@pytest.fixture(scope="session")
def processed() -> dict[str, ProcessedDocument]:
    return {prefix: process_file(sample(prefix)) for prefix in ("000", "001", "002", "003", "004")}
