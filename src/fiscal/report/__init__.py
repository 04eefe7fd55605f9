"""The static report site built from the marts (fiscal report)."""
