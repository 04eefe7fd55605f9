"""The `fiscal` command: run the pipeline over documents and report what happened."""

from __future__ import annotations

import csv
import os
import re
import shutil
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from fiscal.config import DEFAULT_SAMPLES, DEFAULT_WAREHOUSE, in_project, project_dir

app = typer.Typer(
    add_completion=False, no_args_is_help=True, help="Fiscal disclosure warehouse: documents in, checked marts out."
)
console = Console()


def _version(value: bool) -> None:
    if value:
        from fiscal import EXTRACTOR_VERSION, __version__

        typer.echo(f"fiscal {__version__} (extractor {EXTRACTOR_VERSION})")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Fiscal disclosure warehouse: documents in, checked marts out."""


# The --warehouse option every command takes; None resolves to the project's default (in_project).
WarehouseOption = Annotated[
    Path | None, typer.Option(help=f"DuckDB warehouse file. Default: the project's {DEFAULT_WAREHOUSE}.")
]

EXIT_FINDINGS = 1  # --strict and error-level findings
EXIT_CANNOT_RUN = 2
EXIT_INTERRUPTED = 130  # the shell's code for a command ended by Ctrl-C


# Prefect's temporary server gets 20 s to start by default; a loaded 2-core machine needs 25–65 s.
PREFECT_STARTUP_SECONDS = "180"
_PREFECT_STARTUP_FAILED = "ephemeral Prefect API server"


def _quiet_prefect() -> None:
    """Keep Prefect's own chatter out of the report (flow progress logs still show), and give its
    temporary server the time a busy machine needs to start it."""
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", PREFECT_STARTUP_SECONDS)
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")


@app.command()
def run(
    paths: Annotated[list[Path] | None, typer.Argument(help="Files and folders to ingest.")] = None,
    warehouse: WarehouseOption = None,
    strict: Annotated[bool, typer.Option(help="Exit 1 when any identity check is an error.")] = False,
    alert_url: Annotated[
        str | None,
        typer.Option(
            help="Where alerts go: an Apprise URL (wecombot://, dingtalk://, slack://, mailto://) "
            "or a webhook (http(s)://…). Default: $FISCAL_ALERT_URL."
        ),
    ] = None,
    rebuild: Annotated[
        bool, typer.Option(help="Rebuild the marts and validate even when no new document landed.")
    ] = False,
    json_output: Annotated[
        bool, typer.Option("--json", help="Print the run's summary as JSON on stdout (for scripts), not tables.")
    ] = False,
    dask: Annotated[
        str | None,
        typer.Option(
            help="Extract on Dask: 'local' (a LocalCluster of this machine's cores) or a scheduler's address "
            "(tcp://host:8786). Default: this process's own pool of workers."
        ),
    ] = None,
) -> None:
    """Ingest documents, build the marts and check the accounting identities."""
    inputs = paths or [in_project(None, DEFAULT_SAMPLES)]
    warehouse = in_project(warehouse, DEFAULT_WAREHOUSE)
    missing = [str(p) for p in inputs if not p.exists()]
    if missing:
        console.print(f"[red]Cannot run:[/red] no such file or folder: {', '.join(missing)}")
        raise typer.Exit(EXIT_CANNOT_RUN)
    refusal = _not_a_warehouse(warehouse)
    if refusal:
        console.print(f"[red]Cannot run:[/red] {_safe(warehouse)} {refusal}")
        raise typer.Exit(EXIT_CANNOT_RUN)
    if not rebuild:
        from fiscal.runs import up_to_date

        last = up_to_date(warehouse, inputs)
        if last is not None:
            if json_output:
                typer.echo(_json_summary(warehouse, last.run_id, last.by_status, None, skipped=True))
            else:
                _print_up_to_date(inputs, warehouse, last)
            if strict and last.by_status.get("error"):
                raise typer.Exit(EXIT_FINDINGS)
            return
    _quiet_prefect()
    try:
        project_dir()
        from fiscal import interrupts
        from fiscal.orchestration import start_temporary_server

        def work():
            from flows.pipeline import pipeline

            api = start_temporary_server()
            if dask and api:  # Dask's worker processes report their task runs to the same server
                os.environ["PREFECT_API_URL"] = api
            return pipeline([str(p) for p in inputs], str(warehouse), alert_url, rebuild, dask=dask)

        with interrupts.install():
            report = work() if json_output else _with_progress(work)
    except KeyboardInterrupt:
        console.print(
            "[yellow]Interrupted.[/yellow] Every document landed so far is committed (each in its own "
            "transaction) and no worker is left running; run again to go on from there."
        )
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except Exception as error:  # the pipeline could not run: say why, exit non-zero
        console.print(f"[red]Cannot run:[/red] {type(error).__name__}: {_safe(error)}")
        if _PREFECT_STARTUP_FAILED in str(error):
            console.print(
                "Prefect's temporary server did not start in time. Give it longer "
                "(PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS, now "
                f"{os.environ['PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS']} s), or start one with "
                "`prefect server start` and set PREFECT_API_URL=http://127.0.0.1:4200/api."
            )
        elif "No space left on device" in str(error) or "cannot rollback" in str(error):
            console.print(
                f"The disk holding {_safe(warehouse.parent.resolve())} (or the temporary folder) is full. "
                "Committed documents are safe; free space and run again: the run resumes where it stopped."
            )
        raise typer.Exit(EXIT_CANNOT_RUN) from error
    if json_output:
        checked = report.validation
        typer.echo(_json_summary(warehouse, checked.run_id, checked.by_status, report.ingest, report.skipped))
    else:
        _print_summary(report)
    if strict and report.validation.by_status.get("error"):
        raise typer.Exit(EXIT_FINDINGS)


# Files DuckDB would try to open through an extension (downloading it) rather than as its own.
_FOREIGN_DATABASES = ((b"SQLite format 3\x00", "is a SQLite database"), (b"PAR1", "is a Parquet file"))


def _not_a_warehouse(warehouse: Path) -> str | None:
    """Why an existing file cannot be the warehouse (another database's file), or None."""
    if not warehouse.is_file():
        return None
    with warehouse.open("rb") as handle:
        head = handle.read(16)
    for magic, what in _FOREIGN_DATABASES:
        if head.startswith(magic):
            return f"{what}, not a DuckDB warehouse: give --warehouse a new or a DuckDB file."
    return None


def _with_progress(work):
    """Run `work` while drawing a bar per stage (ingest: files, transform: dbt nodes, validate:
    steps) from the progress file the flows write (fiscal.progress)."""
    import tempfile
    import threading

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from fiscal import progress

    folder = Path(tempfile.mkdtemp(prefix="fiscal-progress-"))
    path = folder / "progress.json"
    os.environ[progress.PROGRESS_FILE] = str(path)
    progress.reset()
    stop = threading.Event()
    columns = (TextColumn("{task.description:<9}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
               TextColumn("[dim]{task.fields[detail]}"))  # fmt: skip
    with Progress(*columns, console=console, transient=True) as bars:
        tasks = {stage: bars.add_task(stage, total=None, start=False, detail="") for stage in progress.STAGES}

        def follow() -> None:
            while not stop.wait(0.3):
                for stage, state in progress.read(path).items():
                    if stage in tasks:
                        bars.start_task(tasks[stage])
                        bars.update(tasks[stage], completed=state["done"], total=state["total"],
                                    detail=_safe(state["detail"])[-50:])  # fmt: skip

        watcher = threading.Thread(target=follow, daemon=True)
        watcher.start()
        try:
            return work()
        finally:
            stop.set()
            watcher.join()
            os.environ.pop(progress.PROGRESS_FILE, None)
            shutil.rmtree(folder, ignore_errors=True)


def _json_summary(warehouse: Path, run_id: str, by_status: dict[str, int], ingested, skipped: bool) -> str:
    """The run for machines: documents, quarantines with reasons, statuses and errors per rule."""
    import json

    import duckdb

    with duckdb.connect(str(warehouse), read_only=True) as connection:
        errors = dict(
            connection.execute(
                "select rule_id, count(*) from quality.identity_results where run_id = ? and status = 'error' "
                "group by rule_id order by rule_id",
                [run_id],
            ).fetchall()
        )
    summary = {
        "warehouse": str(warehouse.resolve()),
        "skipped_rebuild": skipped,
        "validation_run": run_id,
        "statuses": by_status,
        "errors_by_rule": errors,
    }
    if ingested is not None:
        summary["documents"] = {
            "landed": ingested.count("landed"),
            "quarantined": ingested.count("quarantined"),
            "already_landed": ingested.count("already_landed"),
            "duplicates": len(ingested.duplicates),
            "facts": ingested.facts,
        }
        summary["quarantined"] = [
            {"path": r.source_path, "reason": r.reason} for r in ingested.results if r.status == "quarantined"
        ]
    return json.dumps(summary, ensure_ascii=False, indent=1)


def _print_up_to_date(inputs: list[Path], warehouse: Path, last) -> None:
    """Nothing to do (every file already landed, marts and checks built by this project's models
    and rules): say so and show the last validation, without starting the orchestrator."""
    console.print(
        f"Nothing new: every file under {', '.join(_safe(p) for p in inputs)} is already in the warehouse, "
        f"and its marts and checks are up to date (validation run {last.run_id[:12]}). "
        "Use --rebuild to rebuild and validate anyway."
    )
    _print_statuses(last.run_id, last.by_status)
    _print_errors(warehouse, last.run_id)


def _print_statuses(run_id: str, by_status: dict[str, int]) -> None:
    from fiscal.quality.rules import STATUSES

    statuses = Table(title=f"Identity checks (run {run_id[:12]})")
    for status in STATUSES:
        statuses.add_column(status, justify="right")
    statuses.add_row(*(str(by_status.get(s, 0)) for s in STATUSES))
    console.print(statuses)


def _print_summary(report) -> None:
    ingested, checked = report.ingest, report.validation
    documents = Table(title="Documents", show_header=True)
    for column in ("landed", "quarantined", "already landed", "duplicates", "facts extracted"):
        documents.add_column(column, justify="right")
    documents.add_row(
        str(ingested.count("landed")),
        str(ingested.count("quarantined")),
        str(ingested.count("already_landed")),
        str(len(ingested.duplicates)),
        str(ingested.facts),
    )
    console.print(documents)
    quarantined = [r for r in ingested.results if r.status == "quarantined"]
    _print_grouped(
        "quarantined",
        [(_reason_kind(r.reason), f"{_safe(r.source_path)}: {_safe(r.reason)}") for r in quarantined],
        style="yellow",
    )
    _print_grouped(
        "duplicate",
        [("same bytes as another file", f"{_safe(path)} (document {doc[:12]})") for path, doc in ingested.duplicates],
        style="dim",
    )

    if report.skipped:
        console.print(
            f"Nothing new landed and the marts are up to date: not rebuilt or validated again "
            f"(last validation run {checked.run_id[:12]})."
        )
    _print_statuses(checked.run_id, checked.by_status)
    _print_errors(Path(report.warehouse), checked.run_id)
    console.print(f"Warehouse: {Path(report.warehouse).resolve()}")
    if report.published:
        console.print(f"Published for BI tools (Parquet and views.duckdb): {report.published}")
    if checked.data_docs:
        console.print(f"Data Docs: {checked.data_docs}")
    if report.report:
        console.print(f"Report (open in a browser): {report.report}")


EXAMPLES_PER_GROUP = 3


def _reason_kind(reason: str | None) -> str:
    """The kind of a quarantine reason, for grouping: its words before the first figure or colon."""
    head = re.split(r"[:：(（]|\d", reason or "no reason")[0].strip()
    return head or (reason or "no reason")


def _print_grouped(label: str, items: list[tuple[str, str]], style: str) -> None:
    """Items grouped by kind, biggest group first: a count, the first few examples, "N more"."""
    groups: dict[str, list[str]] = {}
    for kind, text in items:
        groups.setdefault(kind, []).append(text)
    for kind, texts in sorted(groups.items(), key=lambda group: -len(group[1])):
        console.print(f"  [{style}]{label}[/{style}] {len(texts)} × {_safe(kind)}")
        for text in texts[:EXAMPLES_PER_GROUP]:
            console.print(f"    {text}")
        if len(texts) > EXAMPLES_PER_GROUP:
            console.print(f"    … {len(texts) - EXAMPLES_PER_GROUP} more")


def _print_errors(warehouse: Path, run_id: str) -> None:
    """Error findings grouped by rule, the first few of each with both sides; `fiscal findings`
    lists them all."""
    import duckdb

    with duckdb.connect(str(warehouse), read_only=True) as connection:
        rows = connection.execute(
            "select rule_id, source_file, rule_instance, lhs_value, rhs_value, tolerance, metrics "
            "from quality.identity_results where run_id = ? and status = 'error' "
            "order by rule_id, source_file, rule_instance",
            [run_id],
        ).fetchall()
    if not rows:
        return
    console.print("[bold red]Errors[/bold red] by rule (both sides as stated, with the rounding envelope):")
    by_rule: dict[str, list[tuple]] = {}
    for row in rows:
        by_rule.setdefault(row[0], []).append(row)
    for rule_id, findings in sorted(by_rule.items(), key=lambda group: (-len(group[1]), group[0])):
        documents = len({finding[1] for finding in findings})
        console.print(f"  [bold]{rule_id}[/bold]: {len(findings)} in {documents} document(s)")
        for _, source_file, key, lhs, rhs, tolerance, metrics in findings[:EXAMPLES_PER_GROUP]:
            console.print(f"    {_safe(source_file)}  [dim]{_safe(key)}[/dim]")
            console.print(f"      {_plain(lhs)} ≠ {_plain(rhs)} (envelope ±{_plain(tolerance)}): {_safe(metrics)}")
        if len(findings) > EXAMPLES_PER_GROUP:
            console.print(f"    … {len(findings) - EXAMPLES_PER_GROUP} more: fiscal findings --rule {rule_id}")


# Terminal control characters in document text: escapes (ESC), other C0 controls, bidi overrides.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _safe(text: object) -> str:
    """Document text for the terminal: never read as Rich markup, no control characters."""
    return escape(_CONTROL.sub("", str(text)))


def _plain(value) -> str:
    return "" if value is None else format(value.normalize(), "f")


@app.command()
def findings(
    warehouse: WarehouseOption = None,
    document: Annotated[str | None, typer.Option(help="File name (or part of it) or document id prefix.")] = None,
    status: Annotated[
        str, typer.Option(help="pass, rounding, warning, error, insufficient_data, not_applicable or all.")
    ] = "error",
    rule: Annotated[str | None, typer.Option(help="Only this rule id.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many findings (shown; an export has them all).")] = 50,
    export: Annotated[
        Path | None, typer.Option(help="Write the findings to this .csv or .xlsx file instead of showing them.")
    ] = None,
) -> None:
    """Show the latest validation's findings: both sides' figures and the words they came from."""
    from fiscal.quality.findings import latest_findings
    from fiscal.quality.rules import STATUSES
    from fiscal.report.exports import EXPORT_FORMATS, write_findings

    if status not in (*STATUSES, "all"):
        console.print(f"[red]No such status '{_safe(status)}'[/red]: use one of {', '.join(STATUSES)} or all.")
        raise typer.Exit(EXIT_CANNOT_RUN)
    warehouse = in_project(warehouse, DEFAULT_WAREHOUSE)
    if not warehouse.exists():
        console.print(f"[red]No warehouse at {warehouse}[/red]: run `fiscal run` first.")
        raise typer.Exit(EXIT_CANNOT_RUN)
    if export is not None:
        if export.suffix.lower() not in EXPORT_FORMATS:
            console.print(f"[red]Cannot export to '{_safe(export.name)}'[/red]: use {' or '.join(EXPORT_FORMATS)}.")
            raise typer.Exit(EXIT_CANNOT_RUN)
        everything = latest_findings(warehouse, document=document, status=status, rule=rule, limit=10_000_000)
        write_findings(everything, export)
        console.print(f"{len(everything)} {status} finding(s) written to {_safe(export)}")
        return
    rows = latest_findings(warehouse, document=document, status=status, rule=rule, limit=limit)
    if not rows:
        console.print(f"No {status} findings" + (f" for '{document}'" if document else "") + ".")
        return
    for finding in rows:
        decided = f" · {finding.review}: {finding.review_reason}" if finding.review else ""
        table = Table(title=f"{_safe(finding.source_file)} · {finding.rule_id} · {finding.status} · "
                            f"[{finding.finding_id}]{_safe(decided)}",
                      title_justify="left", caption=f"{_safe(finding.description)} · {_safe(finding.rule_instance)}",
                      caption_justify="left",
                      show_lines=True, expand=True)  # fmt: skip
        table.add_column("left side", ratio=1, overflow="fold")
        table.add_column("right side", ratio=1, overflow="fold")
        table.add_row(_plain(finding.lhs_value), _plain(finding.rhs_value))
        table.add_row(_safe(finding.lhs_evidence or ""), _safe(finding.rhs_evidence or ""))
        console.print(table)
        console.print(f"  residual {_plain(finding.residual)} · envelope ±{_plain(finding.tolerance)} · "
                      f"{_safe(finding.metrics)} · span {finding.span_start}–{finding.span_end}\n")  # fmt: skip


@app.command()
def serve(
    cron: Annotated[str, typer.Option(help="When to run (cron, in --timezone).")] = "0 2 * * *",
    timezone: Annotated[str, typer.Option(help="Time zone of --cron.")] = "Asia/Shanghai",
    interval: Annotated[
        int | None, typer.Option(help="Run every this many seconds instead of --cron (for trying it out).")
    ] = None,
    inbox: Annotated[str, typer.Option(help="Folder new documents are dropped in (created when missing).")] = (
        "data/inbox"
    ),
    warehouse: WarehouseOption = None,
    alert_url: Annotated[str | None, typer.Option(help="Where alerts go (see `fiscal run --help`).")] = None,
    name: Annotated[str, typer.Option(help="Deployment name.")] = "nightly",
) -> None:
    """Schedule the pipeline and run it when due, in this process (no work pool needed). Needs a
    Prefect server: `prefect server start`, then PREFECT_API_URL=http://127.0.0.1:4200/api."""
    if not os.environ.get("PREFECT_API_URL"):
        console.print(
            "[red]Cannot serve:[/red] no Prefect server. Start one with `prefect server start` and set "
            "PREFECT_API_URL=http://127.0.0.1:4200/api (a schedule needs a server that outlives this command)."
        )
        raise typer.Exit(EXIT_CANNOT_RUN)
    from prefect.schedules import Cron, Interval

    from flows.pipeline import pipeline

    schedule = Interval(interval) if interval else Cron(cron, timezone=timezone)
    parameters = {
        "inbox": inbox,
        "project": str(project_dir()),
        "warehouse": str(in_project(warehouse, DEFAULT_WAREHOUSE).resolve()),
        "alert": alert_url,
    }
    # global_limit=1: one run of the deployment at a time, whoever starts it
    pipeline.serve(name=name, schedules=[schedule], parameters=parameters, global_limit=1)


@app.command()
def export(
    out: Annotated[Path, typer.Option(help="Folder for the releases; readers open OUT/latest.")] = Path("exports"),
    warehouse: WarehouseOption = None,
    file_format: Annotated[str, typer.Option("--format", help="parquet or csv.")] = "parquet",
    schema: Annotated[list[str] | None, typer.Option(help="Schemas to export (repeatable). Default: marts.")] = None,
) -> None:
    """Publish the marts as Parquet (or CSV) files, with a read-only DuckDB file of views over them,
    for BI tools that must not hold the warehouse while the pipeline writes it."""
    from fiscal.export import FORMATS, VIEWS_FILE, export_marts

    if file_format not in FORMATS:
        console.print(f"[red]No such format '{_safe(file_format)}'[/red]: use {' or '.join(FORMATS)}.")
        raise typer.Exit(EXIT_CANNOT_RUN)
    warehouse = in_project(warehouse, DEFAULT_WAREHOUSE)
    if not warehouse.exists():
        console.print(f"[red]No warehouse at {_safe(warehouse)}[/red]: run `fiscal run` first.")
        raise typer.Exit(EXIT_CANNOT_RUN)
    release = export_marts(warehouse, out, file_format, tuple(schema or ("marts",)))
    console.print(f"exported {len(release.tables)} tables to {_safe(release.folder)}")
    views = f" (or the views in {_safe(release.latest / VIEWS_FILE)})" if file_format == "parquet" else ""
    console.print(f"readers open {_safe(release.latest)}{views}")


@app.command()
def report(
    warehouse: WarehouseOption = None,
    out: Annotated[Path | None, typer.Option(help="Folder for the site. Default: beside the warehouse.")] = None,
) -> None:
    """Build the static report site from the marts: departments and years, each department-year's
    figures and charts, and each document's findings with their evidence marked (no server needed)."""
    from fiscal.report.paths import report_folder
    from fiscal.report.site import build_report

    warehouse = in_project(warehouse, DEFAULT_WAREHOUSE)
    if not warehouse.exists():
        console.print(f"[red]No warehouse at {_safe(warehouse)}[/red]: run `fiscal run` first.")
        raise typer.Exit(EXIT_CANNOT_RUN)
    built = build_report(warehouse, out or report_folder(warehouse))
    console.print(
        f"report of {built.department_pages} department-years and {built.document_pages} documents: "
        f"{_safe(built.index)}"
    )


@app.command()
def review(
    finding: Annotated[
        str | None, typer.Argument(help="The finding's id (as `fiscal findings` and the report show it).")
    ] = None,
    accept: Annotated[bool, typer.Option("--accept", help="The document is inconsistent: the finding stands.")] = False,
    dismiss: Annotated[bool, typer.Option("--dismiss", help="Not an inconsistency of the document.")] = False,
    reason: Annotated[str, typer.Option(help="Why (kept with the decision).")] = "",
    reviewer: Annotated[str | None, typer.Option(help="Who decides. Default: the login name.")] = None,
    from_file: Annotated[
        Path | None,
        typer.Option(
            help="An export (`fiscal findings --export`) whose decision / decision_reason columns "
            "a reviewer filled in (accept or dismiss): record every decision in it."
        ),
    ] = None,
    warehouse: WarehouseOption = None,
) -> None:
    """Record a reviewer's decision on a finding. A dismissed finding stays visible as dismissed, is
    left out of alerts, and is reopened when the document's figures change."""
    from fiscal.land.schema import ensure_schemas
    from fiscal.quality.findings import latest_findings
    from fiscal.quality.findings import review as record_review
    from fiscal.runs import connect_for_writing

    if from_file is not None:
        if finding is not None or accept or dismiss or reason:
            console.print("[red]Give either --from-file or a finding with --accept/--dismiss, not both.[/red]")
            raise typer.Exit(EXIT_CANNOT_RUN)
    elif finding is None or accept == dismiss or not reason.strip():
        console.print("[red]Give one of --accept or --dismiss, and --reason.[/red]")
        raise typer.Exit(EXIT_CANNOT_RUN)
    warehouse = in_project(warehouse, DEFAULT_WAREHOUSE)
    if not warehouse.exists():
        console.print(f"[red]No warehouse at {_safe(warehouse)}[/red]: run `fiscal run` first.")
        raise typer.Exit(EXIT_CANNOT_RUN)
    if from_file is not None:
        _review_from_file(from_file, reviewer, warehouse)
        return
    every = latest_findings(warehouse, status="all", limit=10_000_000)
    matches = [candidate for candidate in every if candidate.finding_id.startswith(finding)]
    if len(matches) != 1:
        console.print(f"[red]{len(matches)} findings have an id starting '{_safe(finding)}'[/red]: give the id shown.")
        raise typer.Exit(EXIT_CANNOT_RUN)
    decision = "accepted" if accept else "dismissed"
    with connect_for_writing(warehouse) as connection:
        ensure_schemas(connection)
        record_review(connection, matches[0], decision, reason, reviewer)
    chosen = matches[0]
    console.print(f"{decision}: {_safe(chosen.source_file)} · {chosen.rule_id} · {_safe(chosen.rule_instance)}")


def _review_from_file(path: Path, reviewer: str | None, warehouse: Path) -> None:
    """The decisions written into an export, each recorded or refused with the reason (exit 1 when
    any is refused, so a script notices)."""
    from fiscal.land.schema import ensure_schemas
    from fiscal.quality.findings import latest_findings
    from fiscal.quality.findings import review as record_review
    from fiscal.report.exports import decided_finding, read_decisions
    from fiscal.runs import connect_for_writing

    try:
        decisions = read_decisions(path)
    except (OSError, ValueError) as error:
        console.print(f"[red]Cannot read decisions from {_safe(path)}[/red]: {_safe(str(error))}")
        raise typer.Exit(EXIT_CANNOT_RUN) from error
    current = {f.finding_id: f for f in latest_findings(warehouse, status="all", limit=10_000_000)}
    checked = [(decision, decided_finding(decision, current)) for decision in decisions]
    refused = [(decision, why) for decision, why in checked if isinstance(why, str)]
    with connect_for_writing(warehouse) as connection:
        ensure_schemas(connection)
        for decision, chosen in checked:
            if not isinstance(chosen, str) and decision.decision is not None:
                record_review(connection, chosen, decision.decision, decision.reason, reviewer)
    console.print(f"{len(checked) - len(refused)} decision(s) recorded from {_safe(path.name)}")
    for decision, why in refused:
        where = f"row {decision.row} ({_safe(decision.finding_id)})"
        console.print(f"  [yellow]{where}[/yellow] not recorded: {_safe(why)}")
    if refused:
        raise typer.Exit(1)


@app.command("measure-detection")
def measure_detection(
    documents: Annotated[int, typer.Option(help="How many synthetic documents to generate.")] = 1000,
    fault_rate: Annotated[float, typer.Option(help="Share of documents with one planted fault.")] = 0.4,
    seed: Annotated[int, typer.Option(help="Random seed (the same seed gives the same corpus).")] = 7,
    keep: Annotated[Path | None, typer.Option(help="Keep the corpus, ground truth and warehouse here.")] = None,
) -> None:
    """Generate documents with planted faults, run the pipeline on them, report recall and precision."""
    import tempfile

    import duckdb

    from fiscal.synthetic import ErrorRow, generate, measure, save_ground_truth

    _quiet_prefect()
    work = keep or Path(tempfile.mkdtemp(prefix="fiscal-detection-"))
    corpus, warehouse = work / "documents", work / "warehouse.duckdb"
    planted = generate(corpus, documents, seed=seed, fault_rate=fault_rate)
    save_ground_truth(work / "ground_truth.json", planted)
    from flows.pipeline import pipeline

    with console.status(f"Running the pipeline on {documents} generated documents…"):
        pipeline([str(corpus)], str(warehouse))
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        rows = connection.execute(
            "select source_file, rule_id, coalesce(metrics, '') from quality.identity_results where status = 'error'"
        ).fetchall()
    result = measure(planted, [ErrorRow(*row) for row in rows])
    table = Table(title=f"Planted faults beyond the rounding envelope, {len(planted)} documents (seed {seed})")
    for column in ("family", "planted", "found by its rule at the figure", "recall"):
        table.add_column(column, justify="right")
    for family, count in sorted(result.planted_by_family.items()):
        hits = result.found[family]
        table.add_row(family, str(count), str(hits), f"{hits / count:.1%}")
    table.add_row("all", str(result.faults_beyond), str(sum(result.found.values())), f"{result.recall:.1%}")
    console.print(table)
    console.print(
        f"Error rows: {result.error_rows}, of which {result.rows_at_planted} name a planted figure "
        f"(precision {result.precision:.1%}). Consistent documents (no fault, or one inside the envelope): "
        f"{result.consistent_documents}, with an error: {result.consistent_with_error}; faults planted just "
        f"inside the envelope: {result.inside_planted}, with an error: {result.inside_with_error}."
    )
    console.print(f"Corpus, ground truth and warehouse: {work}")


@app.command("measure-extraction")
def measure_extraction(
    folders: Annotated[list[Path], typer.Argument(help="Folders or files of documents; labels beside them (.json).")],
    details: Annotated[bool, typer.Option(help="List every missed, wrong and extra figure.")] = False,
    json_out: Annotated[Path | None, typer.Option("--json", help="Also write the scores here as JSON.")] = None,
) -> None:
    """Score extraction against labelled documents: core figures found, wrong values, abstentions."""
    import json
    from dataclasses import asdict

    from fiscal.evaluation.extraction import score_corpus

    results = {}
    for folder in folders:
        result = score_corpus(folder)
        results[str(folder)] = result
        table = Table(title=f"Core figures in {folder}")
        for column in ("document", "status", "found", "labelled", "wrong", "abstained", "ambiguous", "guessed",
                       "extra", "core facts"):  # fmt: skip
            table.add_column(column, justify="right" if column not in ("document", "status") else "left")
        for d in result.documents:
            table.add_row(_safe(d.name), d.status, str(d.found), str(d.labelled), str(len(d.wrong)), str(d.abstained),
                          str(d.ambiguous), str(d.guessed), str(len(d.extra)), str(d.core_facts))  # fmt: skip
        console.print(table)
        if result.labelled:
            console.print(f"found {result.found} of {result.labelled} labelled core figures ({result.recall:.1%}), "
                          f"{result.wrong} wrong values")  # fmt: skip
            misses = result.misses_by_class().most_common()
            console.print("misses by class: " + ", ".join(f"{name} {count}" for name, count in misses))
        console.print(f"core facts extracted: {sum(d.core_facts for d in result.documents)}")
        if details:
            for d in result.documents:
                for cls, metric, words in d.missed:
                    typer.echo(f"  missed {d.name} [{cls}] {metric}: {words!r}")
                for wrong in d.wrong:
                    typer.echo(f"  wrong  {d.name} {wrong}")
                for extra in d.extra:
                    typer.echo(f"  extra  {d.name} {extra}")
    if json_out is not None:
        payload = {folder: [asdict(d) for d in r.documents] for folder, r in results.items()}
        json_out.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")


@app.command("measure-coverage")
def measure_coverage(
    folders: Annotated[list[Path], typer.Argument(help="Folders or files of documents; labels beside them (.json).")],
    details: Annotated[bool, typer.Option(help="List every missed figure.")] = False,
) -> None:
    """Score every labelled figure, by family (core, last year, changes, shares, lines, indicators…)."""
    from fiscal.evaluation.coverage import FAMILIES, score_corpus, totals

    for folder in folders:
        scores = score_corpus(folder)
        labelled, found = totals(scores)
        table = Table(title=f"Every labelled figure in {folder}")
        for column in ("family", "found", "labelled", "share"):
            table.add_column(column, justify="left" if column == "family" else "right")
        for family in FAMILIES:
            if labelled[family]:
                share = f"{found[family] / labelled[family]:.0%}"
                table.add_row(family, str(found[family]), str(labelled[family]), share)
        all_found, all_labelled = sum(found.values()), sum(labelled.values())
        table.add_row("all", str(all_found), str(all_labelled), f"{all_found / max(all_labelled, 1):.1%}")
        console.print(table)
        if details:
            for score in scores:
                for family, metric, words in score.missed:
                    typer.echo(f"  missed {score.name} [{family}] {metric}: {words!r}")


@app.command("measure-findings")
def measure_findings(
    folder: Annotated[Path, typer.Argument(help="Labelled documents (.txt with .json labels of their identities).")],
    warehouse: Annotated[
        Path | None, typer.Option(help="A warehouse the folder was already run into; default: run it now.")
    ] = None,
) -> None:
    """Score the error findings against labelled identities: faulty documents flagged at the failing
    figures, and consistent documents given an error (false alarms)."""
    import tempfile

    from fiscal.evaluation.findings import score_findings

    if warehouse is None:
        _quiet_prefect()
        from flows.pipeline import pipeline

        warehouse = Path(tempfile.mkdtemp(prefix="fiscal-findings-")) / "warehouse.duckdb"
        with console.status(f"Running the pipeline on {folder}…"):
            pipeline([str(folder)], str(warehouse))
    result = score_findings(folder, warehouse)
    table = Table(title=f"Error findings on {folder}")
    for column in ("document", "failing identities", "error findings", "at the failing figures"):
        table.add_column(column, justify="left" if column == "document" else "right")
    for d in result.documents:
        if d.faulty or d.errors:
            flagged = "yes" if d.at_failing_figures else ""
            table.add_row(_safe(d.name), str(d.failing_identities), str(len(d.errors)), flagged)
    console.print(table)
    consistent = len(result.documents) - len(result.faulty)
    console.print(f"faulty documents flagged at the failing figures: {len(result.flagged_at_figures)} of "
                  f"{len(result.faulty)}; consistent documents with an error: {len(result.false_alarms)} of "
                  f"{consistent}")  # fmt: skip
    for d in result.false_alarms:
        for error in d.errors:
            typer.echo(f"  false alarm  {d.name}  {error}")


@app.command()
def vocabulary(
    write: Annotated[bool, typer.Option(help="Rewrite seeds/metric_vocabulary.csv.")] = False,
) -> None:
    """Print the metric vocabulary, or write it as the dbt seed the marts test against."""
    from fiscal.vocabulary import VOCABULARY_COLUMNS, vocabulary_rows

    if write:
        target = project_dir() / "seeds" / "metric_vocabulary.csv"
        with target.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(VOCABULARY_COLUMNS)
            writer.writerows(vocabulary_rows())
        console.print(f"wrote {target}")
        return
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(VOCABULARY_COLUMNS)
    writer.writerows(vocabulary_rows())


if __name__ == "__main__":
    app()
