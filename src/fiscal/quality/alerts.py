"""Alerts: when a validation finds errors (or the pipeline fails), tell someone, and keep a record.

Every alert is a row in quality.alerts, delivered or not. Delivery goes through Apprise, so the
channel is one URL: wecombot://…, dingtalk://…, slack://…, mailto://…, or a plain webhook
(http(s)://host/path, posted as JSON). Configure it with `fiscal run --alert-url` or
FISCAL_ALERT_URL. A failed delivery is recorded with its reason and never stops the pipeline.
An alert raised while the warehouse cannot be opened (another writer holds it past the wait) is
delivered and kept in a file beside the warehouse; the next writer that alerts records it.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import duckdb

from fiscal.land.schema import ensure_schemas
from fiscal.report.paths import document_page, report_folder
from fiscal.runs import connect_for_writing

ALERT_URL_VARIABLE = "FISCAL_ALERT_URL"
MAX_FINDINGS_IN_MESSAGE = 20
RETRY_SECONDS = (2.0, 10.0)  # float ok: seconds. A webhook that hiccups gets two more tries.


@dataclass(frozen=True)
class Alert:
    alert_id: str
    run_id: str | None
    kind: str  # identity_errors | pipeline_failure
    title: str
    body: str


def alert_url(explicit: str | None = None) -> str | None:
    return explicit or os.environ.get(ALERT_URL_VARIABLE) or None


def _apprise_url(url: str) -> str:
    """A plain webhook is Apprise's JSON service: http(s)://… becomes json(s)://…."""
    if url.startswith("https://") and not url.startswith(("https://qyapi.weixin", "https://oapi.dingtalk")):
        return "jsons://" + url.removeprefix("https://")
    if url.startswith("http://"):
        return "json://" + url.removeprefix("http://")
    return url


def deliver(url: str, alert: Alert, retry_seconds: tuple[float, ...] = RETRY_SECONDS) -> tuple[bool, str | None]:
    """Send the alert; a refusal or a network error is retried after each of `retry_seconds`."""
    import apprise

    notifier = apprise.Apprise()
    if not notifier.add(_apprise_url(url)):
        return False, f"alert channel not understood: {url}"
    reason = None
    for attempt, delay in enumerate((0.0, *retry_seconds)):
        time.sleep(delay)
        try:
            if notifier.notify(title=alert.title, body=alert.body, notify_type=apprise.NotifyType.FAILURE):
                return True, None
            reason = "the channel did not accept the alert"
        except Exception as error:  # a broken channel must not stop the pipeline
            reason = f"{type(error).__name__}: {error}"
        reason = f"{reason} ({attempt + 1} attempts)"
    return False, reason


def _plain(value: Decimal | None) -> str:
    return "" if value is None else format(value.normalize(), "f")


def _page_of(report: Path, document_id: str) -> str:
    return (report / document_page(document_id)).as_uri()


def error_alert(connection: duckdb.DuckDBPyConnection, run_id: str, report: Path | None = None) -> Alert | None:
    """The alert for a validation run's new errors, each with its document, rule and both sides.

    An error an earlier run already found (same document, rule, instance and both sides) is not
    raised again: a reviewer hears of each finding once, however often the warehouse is rebuilt; and
    an error a reviewer dismissed is not raised while its figures are the ones dismissed. With the
    report's folder, each finding links to its document's page there (the evidence marked)."""
    rows = connection.execute(
        """select latest.source_file, latest.rule_id, latest.rule_instance, latest.lhs_value,
                  latest.rhs_value, latest.tolerance, latest.metrics, latest.document_id
           from quality.identity_results as latest
           where latest.run_id = ? and latest.status = 'error'
             and not exists (
                 select 1 from quality.identity_results as earlier
                 where earlier.run_id <> latest.run_id and earlier.status = 'error'
                   and earlier.checked_at <= latest.checked_at
                   and earlier.document_id = latest.document_id and earlier.rule_id = latest.rule_id
                   and earlier.rule_instance = latest.rule_instance
                   and earlier.lhs_value is not distinct from latest.lhs_value
                   and earlier.rhs_value is not distinct from latest.rhs_value)
             and not exists (
                 select 1 from (
                     select * from quality.reviews
                     qualify row_number() over (
                         partition by document_id, rule_id, rule_instance order by decided_at desc) = 1
                 ) as reviewed
                 where reviewed.decision = 'dismissed'
                   and reviewed.document_id = latest.document_id and reviewed.rule_id = latest.rule_id
                   and reviewed.rule_instance = latest.rule_instance
                   and reviewed.lhs_value is not distinct from latest.lhs_value
                   and reviewed.rhs_value is not distinct from latest.rhs_value)
           order by latest.source_file, latest.rule_id""",
        [run_id],
    ).fetchall()
    if not rows:
        return None
    documents = len({row[0] for row in rows})
    lines = [
        f"- {source_file} · {rule_id} ({instance}): {_plain(lhs)} ≠ {_plain(rhs)} "
        f"(envelope ±{_plain(tolerance)}) — {metrics}"
        + (f"\n  evidence: {_page_of(report, document)}" if report else "")
        for source_file, rule_id, instance, lhs, rhs, tolerance, metrics, document in rows[:MAX_FINDINGS_IN_MESSAGE]
    ]
    if len(rows) > MAX_FINDINGS_IN_MESSAGE:
        lines.append(f"… and {len(rows) - MAX_FINDINGS_IN_MESSAGE} more: run `fiscal findings`.")
    title = f"Fiscal warehouse: {len(rows)} new identity errors in {documents} documents"
    return Alert(uuid.uuid4().hex, run_id, "identity_errors", title, "\n".join(lines))


_INSERT = "insert into quality.alerts values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (alert_id) do nothing"


def _delivered(alert: Alert, url: str | None) -> tuple[bool, str | None]:
    return (False, "no alert channel configured") if url is None else deliver(url, alert)


def _row(alert: Alert, url: str | None, delivered: bool, reason: str | None, raised_at: datetime) -> list:
    return [alert.alert_id, alert.run_id, raised_at, alert.kind, alert.title, alert.body, url, delivered, reason]


def record(connection: duckdb.DuckDBPyConnection, alert: Alert, url: str | None) -> bool:
    """Store the alert and deliver it when a channel is configured; returns whether it arrived."""
    delivered, reason = _delivered(alert, url)
    connection.execute(_INSERT, _row(alert, url, delivered, reason, datetime.now(UTC).replace(tzinfo=None)))
    return delivered


def pending_alerts_file(warehouse: Path) -> Path:
    return warehouse.with_name(warehouse.name + ".pending-alerts.jsonl")


def _keep_pending(warehouse: Path, alert: Alert, url: str | None, delivered: bool, reason: str | None) -> None:
    """An alert the warehouse could not take now, kept (one JSON line) until a writer records it."""
    row = _row(alert, url, delivered, reason, datetime.now(UTC).replace(tzinfo=None))
    row[2] = row[2].isoformat()
    with pending_alerts_file(warehouse).open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def record_pending(connection: duckdb.DuckDBPyConnection, warehouse: Path) -> int:
    """Record the alerts kept while the warehouse could not be opened; returns how many."""
    path = pending_alerts_file(warehouse)
    if not path.exists():
        return 0
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for row in rows:
        row[2] = datetime.fromisoformat(row[2])
        connection.execute(_INSERT, row)
    path.unlink()
    return len(rows)


def alert_on_errors(warehouse: Path, run_id: str, url: str | None) -> Alert | None:
    with connect_for_writing(warehouse) as connection:
        record_pending(connection, warehouse)
        alert = error_alert(connection, run_id, report_folder(warehouse.resolve()))
        if alert is not None:
            record(connection, alert, url)
    return alert


def alert_on_failure(warehouse: Path | None, message: str, url: str | None, wait_seconds: float = 60) -> bool:
    """An operational alert (the pipeline itself failed). Recorded when the warehouse opens; kept
    beside it when it does not (another writer holds it, or it is why the run failed)."""
    alert = Alert(uuid.uuid4().hex, None, "pipeline_failure", "Fiscal warehouse: the pipeline failed", message)
    if warehouse is not None and warehouse.exists():
        try:
            with connect_for_writing(warehouse, wait_seconds=wait_seconds) as connection:
                ensure_schemas(connection)
                record_pending(connection, warehouse)
                return record(connection, alert, url)
        except duckdb.Error:
            delivered, reason = _delivered(alert, url)  # the warehouse may be why it failed: still tell someone
            with contextlib.suppress(OSError):  # a full disk or a read-only folder: the delivery is what is left
                _keep_pending(warehouse, alert, url, delivered, reason)
            return delivered
    return url is not None and deliver(url, alert)[0]
