"""The one error a reader raises: the file cannot become document text, and why."""


class UnreadableDocument(Exception):
    """The file cannot be turned into document text; the message is the quarantine reason."""
