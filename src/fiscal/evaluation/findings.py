"""Score the quality findings against hand-made labels of which identities of a document fail.

A label's `identities[]` say, per document, which accounting identities hold (allowing for rounding
as written) and which do not, with the figures in a note. After a pipeline run over the labelled
documents, each document is:

- faulty (some identity does not hold) and flagged *at the failing figures*: an error finding whose
  two sides share at least two non-zero figures with a failing identity's note (its one figure where
  it names only one: 7 vehicles bought for 0万元);
- faulty and flagged elsewhere, or faulty and not flagged;
- consistent (every identity holds) with an error finding: a false alarm, as serious as a miss.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import duckdb

_NUMBER = re.compile(r"(?<![\w.])-?\d[\d,]*(?:\.\d+)?")
_SHARED_FIGURES = 2


@dataclass
class DocumentFindings:
    name: str
    failing_identities: int
    errors: list[str] = field(default_factory=list)
    at_failing_figures: bool = False

    @property
    def faulty(self) -> bool:
        return self.failing_identities > 0


@dataclass
class FindingsScore:
    documents: list[DocumentFindings]

    @property
    def faulty(self) -> list[DocumentFindings]:
        return [d for d in self.documents if d.faulty]

    @property
    def flagged_at_figures(self) -> list[DocumentFindings]:
        return [d for d in self.faulty if d.at_failing_figures]

    @property
    def false_alarms(self) -> list[DocumentFindings]:
        return [d for d in self.documents if not d.faulty and d.errors]


_UNIT_STEPS = (Decimal(1), Decimal(10000), Decimal("0.0001"))  # findings are in 万元; notes in 元, 万元 or 亿元


def figures_in(text: str, *, any_unit: bool = False) -> set[Decimal]:
    """The non-zero numbers written in a text, as exact magnitudes (1.50 and 1.5, -533 and 533 are one
    figure); with `any_unit`, also as they read in 元 and in 亿元 when the text is in 万元."""
    found = set()
    for match in _NUMBER.finditer(text):
        value = abs(Decimal(match.group(0).replace(",", "")))
        if value != 0:
            found.update((value * step).normalize() for step in (_UNIT_STEPS if any_unit else _UNIT_STEPS[:1]))
    return found


def _error_rows(warehouse: Path) -> dict[str, list[tuple[str, str]]]:
    """source file → (rule id, both sides as written) of the latest validation's errors."""
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        rows = connection.execute(
            "select source_file, rule_id, coalesce(metrics, '') from quality.identity_results "
            "where status = 'error' and run_id = (select run_id from quality.validation_runs "
            "order by started_at desc limit 1)"
        ).fetchall()
    errors: dict[str, list[tuple[str, str]]] = {}
    for source_file, rule_id, metrics in rows:
        errors.setdefault(source_file, []).append((rule_id, metrics))
    return errors


def _check_figures(identity: dict) -> str:
    """The figures of an identity's `check` (["sum", total, [parts…]], the authored sets' form), as text."""

    def flat(item: object) -> list[str]:
        return [x for part in item for x in flat(part)] if isinstance(item, list) else [str(item)]

    return " ".join(flat(identity.get("check", []))[1:])


def score_findings(labels: Path, warehouse: Path) -> FindingsScore:
    errors = _error_rows(warehouse)
    documents = []
    for label_path in sorted(labels.glob("*.json")):
        label = json.loads(label_path.read_text(encoding="utf-8"))
        failing = [i for i in label.get("identities", []) if not i.get("holds", True)]
        source_file = label_path.with_suffix(".txt").name
        found = errors.get(source_file, [])
        document = DocumentFindings(label_path.stem, len(failing), [f"{rule}: {sides}" for rule, sides in found])
        failing_figures = [
            figures_in(f"{i.get('formula', '')} {i.get('note', '')} {_check_figures(i)}") for i in failing
        ]
        document.at_failing_figures = any(
            len(figures_in(sides, any_unit=True) & figures) >= min(_SHARED_FIGURES, len(figures))
            for _, sides in found
            for figures in failing_figures
            if figures  # an identity naming no non-zero figure cannot be located
        )
        documents.append(document)
    return FindingsScore(documents)
