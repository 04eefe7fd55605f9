"""How often the issuing department is recognised, on the labelled sets that name it.

Run from the checkout: .venv/bin/python benchmarks/department_detection.py [FOLDER ...]
(default: ../shared/corpus/excerpts and the development sets under benchmarks/). A label counts as
found when the detected name equals it or one contains the other (labels add or drop the region).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from fiscal.extract.document import process_file

ROOT = Path(__file__).resolve().parent
DEFAULT = [ROOT.parents[1] / "shared" / "corpus" / "excerpts", ROOT / "authored", ROOT / "tables_dev",
           ROOT / "wording_dev"]  # fmt: skip


def main(folders: list[Path]) -> None:
    for folder in folders:
        found = missing = wrong = 0
        for label_path in sorted(folder.glob("*.json")):
            wanted = json.loads(label_path.read_text(encoding="utf-8")).get("department")
            text_path = label_path.with_suffix(".txt")
            if not wanted or not text_path.is_file():
                continue
            metadata = process_file(text_path).metadata
            got = metadata.department if metadata else None
            if got is None:
                missing += 1
            elif got in wanted or wanted in got:
                found += 1
            else:
                wrong += 1
                print(f"  {text_path.name}: labelled {wanted}, detected {got}")
        print(f"{folder.name}: found {found}, none {missing}, other name {wrong}")


if __name__ == "__main__":
    main([Path(arg) for arg in sys.argv[1:]] or DEFAULT)
