"""Where things are: the project (dbt project, GE context, samples) and the default warehouse."""

from __future__ import annotations

import os
from pathlib import Path

# Defaults, relative to the project (not to the directory a command is started from).
DEFAULT_WAREHOUSE = Path("warehouse/fiscal.duckdb")
DEFAULT_SAMPLES = Path("data/samples")


def project_dir() -> Path:
    """FISCAL_PROJECT_DIR, else the nearest folder up from here holding dbt_project.yml."""
    configured = os.environ.get("FISCAL_PROJECT_DIR")
    if configured:
        return Path(configured).resolve()
    for start in (Path.cwd(), Path(__file__).resolve()):
        for folder in (start, *start.parents):
            if (folder / "dbt_project.yml").is_file():
                return folder
    raise FileNotFoundError("cannot find the project (dbt_project.yml); set FISCAL_PROJECT_DIR")


def gx_root() -> Path:
    """The project's Great Expectations context: suites, validation definition and checkpoint."""
    return project_dir() / "expectations"


def warehouse_gx_root(warehouse: Path) -> Path:
    """A warehouse's own copy of the project's GE context, beside it (`<name>-quality/`): its
    validation results and Data Docs are that warehouse's alone, and a test's never land in the
    user's. The committed configuration is copied in on every run, so it follows the project."""
    import shutil

    root = warehouse.resolve().with_name(warehouse.stem + "-quality")
    shutil.copytree(
        gx_root() / "gx", root / "gx", dirs_exist_ok=True, ignore=shutil.ignore_patterns("uncommitted", "__pycache__")
    )
    return root


def in_project(path: str | Path | None, default: Path) -> Path:
    """`path` as given (relative to the current directory), else the default inside the project."""
    return Path(path) if path else project_dir() / default
