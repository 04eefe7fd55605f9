"""Accounting identities: rule registry, rounding envelopes, GE suites and results in `quality`."""
