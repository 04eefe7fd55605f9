"""Extraction time on pages flattened into one long line (no full stop, no parenthesis).

    .venv/bin/python benchmarks/long_lines.py 10000 40000 160000

Prints, per length, the seconds the statement engine takes and the figures it finds (the one
figure at the end of the line). Linear engines grow ×4 per ×4 of length.
"""

from __future__ import annotations

import sys
import time

from fiscal.documents.metadata import detect_metadata
from fiscal.documents.normalise import normalise
from fiscal.extract.statements import extract_statements

PROSE = "本单位认真落实各项工作要求加强预算管理"
FIGURES = "公务接待费支出100.00万元,"


def seconds(text: str) -> tuple[float, int]:
    text = normalise(text).text
    started = time.perf_counter()
    facts = extract_statements(text, detect_metadata(text)).facts
    return time.perf_counter() - started, len(facts)


def main(lengths: list[int]) -> None:
    for length in lengths:
        for name, unit in (("prose", PROSE), ("figures", FIGURES)):
            line = (unit * (length // len(unit) + 1))[:length]
            elapsed, found = seconds(f"某局2024年度部门决算\n{line}基本支出100.00万元。\n")
            print(f"{name:8} {length:>8} chars  {elapsed:7.2f} s  {found} facts")


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [10_000, 40_000, 160_000])
