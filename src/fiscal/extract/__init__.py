"""Turn normalised document text into facts, classified lines, projects and recorded issues."""
