"""DDL of the `raw` and `quality` schemas. Only the ingest flow writes `raw`; only validate writes `quality`."""

from __future__ import annotations

import duckdb

# A PDF figure's page (1-based) and box in points from the page's top-left corner, and the OCR
# confidence where its page was a scan; null elsewhere.
POINT = "DECIMAL(9, 2)"
CONFIDENCE = "DECIMAL(4, 3)"
PAGE_BOX_TYPES = {
    "page": "integer",
    "box_x0": POINT,
    "box_top": POINT,
    "box_x1": POINT,
    "box_bottom": POINT,
    "ocr_confidence": CONFIDENCE,
}
PAGE_BOX = "".join(f", {column} {kind}" for column, kind in PAGE_BOX_TYPES.items())
MONEY = "DECIMAL(38, 10)"  # 元 amounts become 万元 with 4 more decimals; 10 keeps every one exact
RATE = "DECIMAL(18, 6)"

RAW_DDL = f"""
create schema if not exists raw;
create table if not exists raw.documents (
    document_id varchar primary key, source_path varchar not null, file_name varchar not null,
    format varchar not null, byte_size bigint not null, encoding varchar, doc_type varchar,
    title varchar, department varchar, region varchar, fiscal_year integer,
    status varchar not null, reason varchar, extractor_version varchar not null,
    fact_count integer not null, line_count integer not null, issue_count integer not null,
    ingested_at timestamp not null
);
create table if not exists raw.document_text (
    document_id varchar primary key, text varchar not null, source_text varchar not null
);
create table if not exists raw.facts (
    document_id varchar not null, fact_id integer not null, metric varchar not null,
    scope varchar not null, period varchar not null, basis varchar not null, project_name varchar,
    subject_metric varchar, base varchar, unplaced_parts integer, part_of varchar, value {MONEY}, unit varchar,
    precision {MONEY}, amount_wan {MONEY},
    precision_wan {MONEY}, pct {RATE}, pct_precision {RATE}, share_of varchar, value_text varchar,
    label varchar, span_start integer not null, span_end integer not null,
    source_span_start integer not null, source_span_end integer not null, sentence varchar not null,
    section varchar, pattern varchar{PAGE_BOX}, unit_name varchar, share_of_scope varchar
);
create table if not exists raw.classified_lines (
    document_id varchar not null, line_id integer not null, classification varchar not null,
    level integer not null, name varchar not null, code varchar, class_name varchar,
    kuan_name varchar, parent_metric varchar, scope varchar not null, period varchar not null,
    basis varchar not null, amount_wan {MONEY} not null, precision_wan {MONEY} not null,
    pct {RATE}, pct_precision {RATE}, share_of varchar, value_text varchar, source varchar not null,
    span_start integer not null, span_end integer not null, source_span_start integer not null,
    source_span_end integer not null, sentence varchar not null, section varchar, pattern varchar{PAGE_BOX},
    share_of_scope varchar
);
create table if not exists raw.projects (
    document_id varchar not null, project_id integer not null, project_name varchar not null,
    amount_wan {MONEY} not null, precision_wan {MONEY} not null, basis varchar not null,
    funding_document varchar, value_text varchar, span_start integer not null,
    span_end integer not null, sentence varchar not null, section varchar
);
create table if not exists raw.indicators (
    document_id varchar not null, indicator_id integer not null, record_kind varchar not null,
    indicator_name varchar not null, source varchar not null, project_name varchar,
    level1_name varchar, level2_name varchar, comparator varchar,
    target_text varchar, target_value {MONEY}, target_unit varchar, target_precision {MONEY},
    mid_year_text varchar, mid_year_value {MONEY}, mid_year_unit varchar,
    actual_text varchar, actual_value {MONEY}, actual_unit varchar, actual_precision {MONEY},
    completion_text varchar, completion_pct {RATE}, completion_precision {RATE},
    weight {RATE}, weight_precision {RATE}, score {RATE}, score_precision {RATE},
    deviation_reason varchar, unit_column varchar, span_start integer not null, span_end integer not null,
    source_span_start integer not null, source_span_end integer not null, evidence varchar not null{PAGE_BOX}
);
create table if not exists raw.document_tables (
    document_id varchar not null, table_id integer not null, kind varchar not null, title varchar not null,
    unit varchar, basis varchar not null, row_count integer not null, span_start integer not null,
    span_end integer not null
);
create table if not exists raw.document_pages (
    document_id varchar not null, page integer not null, engine varchar not null, chars integer not null,
    ocr_confidence {CONFIDENCE}, note varchar
);
create table if not exists raw.extraction_issues (
    document_id varchar not null, issue_id integer not null, kind varchar not null,
    message varchar not null, text varchar, span_start integer, span_end integer, section varchar
);
"""

QUALITY_DDL = f"""
create schema if not exists quality;
create table if not exists quality.validation_runs (
    run_id varchar primary key, started_at timestamp not null, finished_at timestamp,
    rule_instances integer, errors integer, gx_success boolean, data_docs varchar,
    build_fingerprint varchar
);
create table if not exists quality.alerts (
    alert_id varchar primary key, run_id varchar, raised_at timestamp not null, kind varchar not null,
    title varchar not null, body varchar not null, channel varchar, delivered boolean not null,
    delivery_error varchar
);
create table if not exists quality.reviews (
    finding_id varchar not null, document_id varchar not null, rule_id varchar not null,
    rule_instance varchar not null, lhs_value {MONEY}, rhs_value {MONEY}, decision varchar not null,
    reason varchar not null, reviewer varchar not null, decided_at timestamp not null
);
create table if not exists quality.identity_results (
    run_id varchar not null, document_id varchar not null, source_file varchar,
    department_name varchar, fiscal_year integer, rule_id varchar not null,
    rule_instance varchar not null, severity varchar not null, status varchar not null,
    lhs_value {MONEY}, rhs_value {MONEY}, residual {MONEY}, tolerance {MONEY},
    metrics varchar, lhs_evidence varchar, rhs_evidence varchar, evidence varchar,
    span_start integer, span_end integer, checked_at timestamp not null
);
create table if not exists quality.validated_documents (
    run_id varchar not null, document_id varchar not null, department_id varchar, region varchar not null,
    digest varchar not null
);
"""


# Columns added after a warehouse may have been created: added in place, existing rows null.
MIGRATIONS = (
    "alter table raw.facts add column if not exists base varchar",
    "alter table raw.facts add column if not exists unplaced_parts integer",
    "alter table raw.facts add column if not exists part_of varchar",
    "alter table raw.facts add column if not exists unit_name varchar",
    "alter table raw.facts add column if not exists share_of_scope varchar",
    "alter table raw.classified_lines add column if not exists share_of_scope varchar",
    "alter table raw.indicators add column if not exists unit_column varchar",
    "alter table quality.validation_runs add column if not exists build_fingerprint varchar",
    "alter table quality.validation_runs add column if not exists documents_checked integer",
    "alter table quality.validation_runs add column if not exists documents_carried integer",
    *(
        f"alter table raw.{table} add column if not exists {column} {kind}"
        for table in ("facts", "classified_lines", "indicators")
        for column, kind in PAGE_BOX_TYPES.items()
    ),
)


def ensure_schemas(connection: duckdb.DuckDBPyConnection) -> None:
    connection.execute(RAW_DDL)
    connection.execute(QUALITY_DDL)
    for migration in MIGRATIONS:
        connection.execute(migration)
