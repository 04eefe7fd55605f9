"""Read an input file into source text, or refuse it with a reason a person can act on.

Refusals raise `UnreadableDocument`; the ingest flow turns them into quarantined documents, so one
bad file never stops a batch.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES
MAX_BYTES = 50 * 1024 * 1024  # a disclosure explanation is kilobytes; 50 MB is not a document
# Encodings Chinese government sites publish in, tried in order before charset detection.
PREFERRED_ENCODINGS = ("utf-8-sig", "gb18030")


class UnreadableDocument(Exception):
    """The file cannot be turned into document text; the message is the quarantine reason."""


@dataclass(frozen=True)
class SourceDocument:
    path: Path
    document_id: str  # sha256 of the bytes: the identity that makes ingestion idempotent
    format: str
    byte_size: int
    encoding: str | None
    text: str | None  # None when the bytes could not be read as text


def document_id_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def format_of(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in {".md", ".markdown"}:
        return "markdown"
    if suffix in {".txt", ".text"}:
        return "text"
    return suffix.lstrip(".") or "unknown"


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode UTF-8 or GB18030 (GBK's superset); fall back to detection; refuse binary."""
    if b"\x00" in data[:4096]:
        raise UnreadableDocument("binary content (NUL bytes) in a text file")
    for encoding in PREFERRED_ENCODINGS:
        try:
            return data.decode(encoding), encoding.replace("-sig", "")
        except UnicodeDecodeError:
            continue
    best = from_bytes(data).best()
    if best is None:
        raise UnreadableDocument("text encoding not recognised (tried UTF-8, GB18030, detection)")
    return str(best), best.encoding


def read_document(path: Path) -> tuple[SourceDocument, UnreadableDocument | None]:
    """Read a file. Always returns what is known about it, plus the refusal if it cannot be used."""
    data = path.read_bytes()
    base = SourceDocument(path, document_id_of(data), format_of(path), len(data), None, None)
    try:
        if not data.strip():
            raise UnreadableDocument("empty file")
        if len(data) > MAX_BYTES:
            raise UnreadableDocument(f"file is {len(data)} bytes, over the {MAX_BYTES} byte limit")
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            raise UnreadableDocument(f"unsupported format '{path.suffix or 'none'}'")
        text, encoding = decode_text(data)
        if not text.strip():
            raise UnreadableDocument("no text after decoding")
    except UnreadableDocument as refusal:
        return base, refusal
    return SourceDocument(path, base.document_id, base.format, len(data), encoding, text), None


def discover(paths: list[Path]) -> list[Path]:
    """Every regular file under the given files and folders, in a stable order. Hidden files skipped."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        elif path.is_file():
            found.append(path)
        else:
            raise FileNotFoundError(f"no such file or folder: {path}")
    return found
