"""Prefect flows: ingest → transform (dbt) → validate (GE) → pipeline (all three)."""
