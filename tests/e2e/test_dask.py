"""Extraction fanned out on Dask (issue 13): Prefect tasks on a DaskTaskRunner over a LocalCluster of
two worker processes land exactly what the local pool lands, a bad file quarantined with its reason."""

from __future__ import annotations

import duckdb
import pytest

from fiscal.orchestration import dask_task_runner
from flows.ingest import ingest
from tests.conftest import copy_samples


def _landed(warehouse) -> tuple[set, set]:
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        documents = set(connection.execute("select file_name, status, reason from raw.documents").fetchall())
        facts = set(
            connection.execute(
                "select d.file_name, f.metric, f.scope, f.period, f.basis, f.value_text, f.span_start, f.span_end "
                "from raw.facts f join raw.documents d using (document_id)"
            ).fetchall()
        )
    return documents, facts


@pytest.mark.usefixtures("prefect_server")
def test_extraction_on_a_dask_local_cluster_lands_what_the_local_pool_lands(tmp_path, monkeypatch):
    from prefect.settings import PREFECT_API_URL
    from prefect_dask import DaskTaskRunner

    # the workers are processes of their own: they find the test's Prefect server by its address
    monkeypatch.setenv("PREFECT_API_URL", PREFECT_API_URL.value())
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    copy_samples(inbox)
    (inbox / "corrupt.pdf").write_bytes(b"%PDF-1.7 not really")
    dask_runner = dask_task_runner("local")
    assert isinstance(dask_runner, DaskTaskRunner)
    two_workers = DaskTaskRunner(cluster_kwargs={**dask_runner.cluster_kwargs, "n_workers": 2})

    on_dask = ingest.with_options(task_runner=two_workers)([str(inbox)], str(tmp_path / "dask.duckdb"), dask_chunk=1)
    locally = ingest([str(inbox)], str(tmp_path / "local.duckdb"))

    assert on_dask.count("landed") == locally.count("landed") == 5
    assert on_dask.count("quarantined") == locally.count("quarantined") == 1
    assert _landed(tmp_path / "dask.duckdb") == _landed(tmp_path / "local.duckdb")
