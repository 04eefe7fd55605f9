"""A full disk: the run stops with exit 2 and says the disk is full, no document is blamed for it
(quarantined as a landing failure), committed documents stay readable, and once there is room the
next run goes on from there. The disk is a small tmpfs, so the test needs permission to mount."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from fiscal.synthetic import generate
from tests.conftest import PROJECT

pytestmark = pytest.mark.e2e


@pytest.fixture
def small_disk(tmp_path: Path):
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", str(disk)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small disk here: {mounted.stderr.decode(errors='replace').strip()}")
    yield disk
    subprocess.run(["umount", "-l", str(disk)], check=False)


def test_a_full_disk_is_reported_as_such_and_the_next_run_resumes(tmp_path: Path, small_disk: Path):
    corpus = tmp_path / "documents"
    generate(corpus, 300, seed=5)
    files = sum(1 for p in corpus.rglob("*") if p.is_file())
    warehouse = small_disk / "w.duckdb"
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect"), "FISCAL_PROJECT_DIR": str(PROJECT)}
    command = [str(Path(sys.executable).with_name("fiscal")), "run", str(corpus), "--warehouse", str(warehouse)]
    full = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert full.returncode == 2, full.stdout + full.stderr
    assert "No space left on device" in full.stdout and "is full" in full.stdout
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        landed, blamed = connection.execute(
            "select count(*) filter (where status = 'landed'), "
            "count(*) filter (where reason like 'landing failed%') from raw.documents"
        ).fetchone()
    assert 0 < landed < files and blamed == 0
    subprocess.run(["mount", "-o", "remount,size=300m", str(small_disk)], check=True)
    resumed = subprocess.run(command, env=env, capture_output=True, text=True, timeout=900)
    assert resumed.returncode == 0, resumed.stdout + resumed.stderr
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        assert connection.execute("select count(*) from raw.documents where status = 'landed'").fetchone() == (files,)
