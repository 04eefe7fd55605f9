"""The national classification reference (seeds/: 功能分类, 经济分类, and the names they are also written by),
read by Python where words must be recognised as a class's name; dbt reads the same files as seeds.

The tables are partial (seeds/SOURCES.md): a name missing here is not evidence that it is not a class.
"""

from __future__ import annotations

import csv
import re
from functools import cache

from fiscal.config import project_dir

_FILES = {"functional": "functional_classification.csv", "economic": "economic_classification_departmental.csv"}


def _key(name: str) -> str:
    """A name as compared: no spaces or brackets, no trailing 支出 (教育 and 教育支出 are one class)."""
    return re.sub(r"[\s()（）]|支出$", "", name)


@cache
def _aliases() -> dict[tuple[str, str], set[str]]:
    """(classification, canonical name key) → the other names it is written by."""
    found: dict[tuple[str, str], set[str]] = {}
    with (project_dir() / "seeds" / "classification_name_aliases.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            found.setdefault((row["classification"], _key(row["canonical_name"])), set()).add(row["alias"])
    return found


@cache
def names_by_code(classification: str) -> dict[str, frozenset[str]]:
    """code → the name keys of that line: the table's name and its aliases."""
    names: dict[str, frozenset[str]] = {}
    with (project_dir() / "seeds" / _FILES[classification]).open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            written = {row["name"], *_aliases().get((classification, _key(row["name"])), set())}
            names[row["code"]] = frozenset(_key(name) for name in written)
    return names


@cache
def _class_names(classification: str) -> frozenset[str]:
    return frozenset(key for code, keys in names_by_code(classification).items() if len(code) == 3 for key in keys)


def is_class_name(classification: str, name: str) -> bool:
    """`name` is a 类 of the classification (一般公共服务支出, 卫生健康, 医疗卫生与计划生育支出)."""
    return bool(name) and _key(name) in _class_names(classification)


def names_line(classification: str, code: str, name: str) -> bool:
    """`name` is the name (or an alias) of line `code`."""
    return _key(name) in names_by_code(classification).get(code, frozenset())
