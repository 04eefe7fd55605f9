"""Fiscal disclosure warehouse: documents → extracted facts → DuckDB marts → identity checks."""

__version__ = "0.1.0"

# Bumped whenever extraction output can change for the same input; stored on every landed document.
EXTRACTOR_VERSION = "2026.12.1"
