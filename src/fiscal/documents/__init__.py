"""Read any supported input format and normalise it into text that spans can point into."""
