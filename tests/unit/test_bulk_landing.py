"""Landing in bulk: documents are written a batch at a time, and a document whose rows the schema
refuses is quarantined alone (our error as its reason) while the rest of its batch lands."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import duckdb

from fiscal.extract.batch import process_files
from fiscal.land.writer import Lander
from tests.conftest import SAMPLES


def _samples():
    return list(process_files(sorted(SAMPLES.glob("00*.txt")), workers=0))


def test_queued_documents_are_written_together_when_flushed(tmp_path: Path):
    documents = _samples()
    with duckdb.connect(str(tmp_path / "w.duckdb")) as connection:
        lander = Lander(connection)
        assert [result for doc in documents for result in lander.add(doc)] == []  # queued, not yet written
        assert connection.execute("select count(*) from raw.documents").fetchone() == (0,)
        results = lander.flush()
        assert [r.status for r in results] == ["landed"] * len(documents)
        facts = connection.execute("select count(*) from raw.facts").fetchone()[0]
        assert facts == sum(len(doc.extraction.facts) for doc in documents if doc.extraction)
        assert lander.add(documents[0])[0].status == "already_landed"


def test_a_document_the_schema_refuses_is_quarantined_alone_and_its_batch_lands(tmp_path: Path):
    documents = _samples()
    refused = documents[1]
    facts = list(refused.extraction.facts)
    facts[0] = replace(facts[0], amount_wan=Decimal("1e30"))  # beyond DECIMAL(38, 10): our bug, not the file's
    documents[1] = replace(refused, extraction=replace(refused.extraction, facts=facts))
    with duckdb.connect(str(tmp_path / "w.duckdb")) as connection:
        lander = Lander(connection)
        for doc in documents:
            lander.add(doc)
        results = {Path(r.source_path).name: r for r in lander.flush()}
        statuses = dict(connection.execute("select file_name, status from raw.documents").fetchall())
        landed_facts = connection.execute(
            "select count(*) from raw.facts where document_id = ?", [refused.source.document_id]
        ).fetchone()
    name = refused.source.path.name
    assert statuses == {doc.source.path.name: ("quarantined" if doc is documents[1] else "landed") for doc in documents}
    assert results[name].status == "quarantined" and "ours, not the file's" in (results[name].reason or "")
    assert "DECIMAL(38,10)" in (results[name].reason or "")
    assert landed_facts == (0,)  # nothing of the refused document is left half-written
