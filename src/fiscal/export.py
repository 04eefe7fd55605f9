"""Publish the marts for readers: Parquet (or CSV) files per mart, and a small read-only DuckDB
file of views over them, in a new release folder swapped in atomically as `latest`.

BI tools read `latest/` while a pipeline run writes the warehouse: they never hold the warehouse's
lock, and they see the last complete release, never a half-written one. DuckDB's COPY writes the
files, so DECIMAL money stays exact (Parquet decimal, or its text in CSV).
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

FORMATS = ("parquet", "csv")
RELEASES_KEPT = 3  # a reader that opened an older release keeps it for a while
VIEWS_FILE = "views.duckdb"  # not marts.duckdb: its catalog name would clash with the marts schema


@dataclass(frozen=True)
class Release:
    folder: Path  # releases/<timestamp>
    latest: Path  # the `latest` link readers open
    tables: list[str]  # schema.table exported


def _identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def export_marts(
    warehouse: Path, out: Path, file_format: str = "parquet", schemas: tuple[str, ...] = ("marts",)
) -> Release:
    """Write every table and view of `schemas` to a new release under `out`, then point `out/latest`
    at it (an atomic rename of a symbolic link). A release is written in place but no reader finds
    it before `latest` names it; older releases beyond the last few are removed."""
    if file_format not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {file_format!r}")
    releases = out / "releases"
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    folder = releases / stamp
    folder.mkdir(parents=True)
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        tables = connection.execute(
            "select table_schema, table_name from information_schema.tables "
            f"where table_schema in ({', '.join('?' for _ in schemas)}) order by table_schema, table_name",
            list(schemas),
        ).fetchall()
        for schema, table in tables:
            (folder / schema).mkdir(exist_ok=True)
            target = _literal(str(folder / schema / f"{table}.{file_format}"))
            options = "format parquet, compression zstd" if file_format == "parquet" else "format csv, header true"
            source = f"{_identifier(schema)}.{_identifier(table)}"
            connection.execute(f"copy (select * from {source}) to {target} ({options})")
    if file_format == "parquet":
        _write_views(folder, tables)
    _point_latest(out, folder)
    _prune(releases)
    return Release(folder, out / "latest", [f"{schema}.{table}" for schema, table in tables])


def _write_views(folder: Path, tables: list[tuple[str, str]]) -> None:
    """A DuckDB file whose views read the release's Parquet files (by absolute path)."""
    with duckdb.connect(str(folder / VIEWS_FILE)) as connection:
        for schema, table in tables:
            connection.execute(f"create schema if not exists {_identifier(schema)}")
            source = folder.resolve() / schema / f"{table}.parquet"
            connection.execute(
                f"create view {_identifier(schema)}.{_identifier(table)} as "
                f"select * from read_parquet({_literal(str(source))})"
            )


def _point_latest(out: Path, folder: Path) -> None:
    link = out / "latest"
    temporary = out / f".latest-{os.getpid()}"
    temporary.unlink(missing_ok=True)
    temporary.symlink_to(folder.relative_to(out), target_is_directory=True)
    os.replace(temporary, link)  # atomic: readers see the old release or the new, never neither


def _prune(releases: Path) -> None:
    current = (releases.parent / "latest").resolve()
    finished = sorted(p for p in releases.iterdir() if p.is_dir())
    for old in (p for p in finished[:-RELEASES_KEPT] if p.resolve() != current):
        shutil.rmtree(old, ignore_errors=True)
