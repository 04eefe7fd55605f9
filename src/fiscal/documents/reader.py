"""Read an input file into source text, or refuse it with a reason a person can act on.

Refusals raise `UnreadableDocument`; the ingest flow turns them into quarantined documents, so one
bad file never stops a batch.
"""

from __future__ import annotations

import codecs
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from fiscal.documents.formats import READERS
from fiscal.documents.layout import TextLayout
from fiscal.documents.normalise import to_simplified
from fiscal.documents.pdf import pdf_text_and_layout
from fiscal.documents.reader_errors import UnreadableDocument

_FORMATS_BY_SUFFIX = {
    ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown", ".pdf": "pdf",
    ".docx": "docx", ".xlsx": "xlsx", ".xlsm": "xlsm", ".xls": "xls", ".html": "html", ".htm": "html",
}  # fmt: skip
# Signatures that override a misleading suffix.
_MAGIC = ((b"%PDF-", "pdf"), (b"\xd0\xcf\x11\xe0", "xls"))
MAX_BYTES = 50 * 1024 * 1024  # a disclosure is at most a few megabytes; 50 MB is not a document
# Encodings Chinese documents come in besides UTF-8: mainland GBK/GB18030, Big5 (traditional).
LEGACY_CHINESE_ENCODINGS = ("gb18030", "big5")

__all__ = ["SourceDocument", "UnreadableDocument", "discover", "display_path", "read_document", "source_of"]


@dataclass(frozen=True)
class SourceDocument:
    path: Path
    document_id: str  # sha256 of the bytes: the identity that makes ingestion idempotent
    format: str
    byte_size: int
    encoding: str | None
    text: str | None  # None when the bytes could not be read as text
    layout: TextLayout | None = None  # PDFs: the page and box of every character of `text`


def document_id_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _unread(path: Path) -> SourceDocument:
    """A file whose bytes are not read (too big, or unreadable) is known by its path."""
    return SourceDocument(path, document_id_of(b"unread:" + os.fsencode(path)), format_of(path), 0, None, None)


def source_of(path: Path) -> SourceDocument:
    """What is known of a file without reading it as a document: its identity (the same as
    `read_document` gives: the hash of its bytes, read in chunks) and format. Used to skip files
    already landed before any extraction, and for documents stopped before they were read."""
    try:
        if path.stat().st_size > MAX_BYTES:
            return _unread(path)
        with path.open("rb") as handle:
            head = handle.read(8)
            handle.seek(0)
            digest = hashlib.file_digest(handle, "sha256").hexdigest()
        return SourceDocument(path, digest, format_of(path, head), path.stat().st_size, None, None)
    except OSError:
        return _unread(path)


def format_of(path: Path, head: bytes = b"") -> str:
    """The format by content signature where it is unambiguous, else by suffix."""
    for magic, name in _MAGIC:
        if head.startswith(magic) and (name != "xls" or path.suffix.lower() == ".xls"):
            return name
    return _FORMATS_BY_SUFFIX.get(path.suffix.lower(), path.suffix.lower().lstrip(".") or "unknown")


def _plausibility(text: str) -> float:
    """Share of Chinese characters that are common simplified ones (GB2312) once simplified."""
    han = [char for char in to_simplified(text) if "\u4e00" <= char <= "\u9fff"]
    if not han:
        return 0.0
    common = 0
    for char in han:
        try:
            char.encode("gb2312")
            common += 1
        except UnicodeEncodeError:
            pass
    return common / len(han)


# Byte-order marks, longest first (UTF-32 LE starts like UTF-16 LE): Windows "Unicode" text is UTF-16.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# A few stray NULs (a broken export) are dropped; more than this share of the bytes is binary data.
_MAX_NUL_SHARE = 0.001


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode by byte-order mark, else UTF-8, else GB18030 (GBK's superset) or Big5, whichever reads
    as Chinese; refuse binary."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding).replace("\x00", ""), encoding
            except UnicodeDecodeError as error:
                raise UnreadableDocument(f"not valid {encoding} after its byte-order mark: {error.reason}") from None
    nuls = data.count(b"\x00")
    if nuls > len(data) * _MAX_NUL_SHARE or b"\x00" in data[:64]:
        raise UnreadableDocument("binary content (NUL bytes) in a text file")
    data = data.replace(b"\x00", b"")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates = []
    for encoding in LEGACY_CHINESE_ENCODINGS:
        try:
            candidates.append((encoding, data.decode(encoding)))
        except UnicodeDecodeError:
            continue
    if candidates:
        encoding, text = max(candidates, key=lambda candidate: _plausibility(candidate[1]))
        return text, encoding
    best = from_bytes(data).best()
    if best is None:
        raise UnreadableDocument("text encoding not recognised (tried UTF-8, GB18030, Big5, detection)")
    return str(best), best.encoding


def read_document(path: Path) -> tuple[SourceDocument, UnreadableDocument | None]:
    """Read a file. Always returns what is known about it, plus the refusal if it cannot be used."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:  # checked before reading: a huge file is never loaded
            raise UnreadableDocument(f"file is {size} bytes, over the {MAX_BYTES} byte limit")
        data = path.read_bytes()
    except (OSError, UnreadableDocument) as error:
        refusal = (
            error
            if isinstance(error, UnreadableDocument)
            else UnreadableDocument(f"cannot read the file: {error.strerror or error}")
        )
        return _unread(path), refusal  # no bytes to hash: known by its path until it can be read
    fmt = format_of(path, data[:8])
    base = SourceDocument(path, document_id_of(data), fmt, len(data), None, None)
    try:
        if not data.strip():
            raise UnreadableDocument("empty file")
        layout = None
        if fmt in ("text", "markdown"):
            text, encoding = decode_text(data)
        elif fmt == "pdf":
            (text, layout), encoding = pdf_text_and_layout(data), None
        elif fmt in READERS:
            text, encoding = READERS[fmt](data), None
        elif fmt == "doc":
            raise UnreadableDocument("unsupported format '.doc' (legacy Word): save it as DOCX")
        else:
            raise UnreadableDocument(f"unsupported format '{path.suffix or 'none'}'")
        if not text.strip():
            raise UnreadableDocument("no text in the document")
    except UnreadableDocument as refusal:
        return base, refusal
    return SourceDocument(path, base.document_id, base.format, len(data), encoding, text, layout), None


def display_path(path: Path) -> str:
    """The path as text that can be stored and shown: a name in GBK bytes (a zip unpacked on a
    Chinese Windows) is decoded as GB18030, anything else undecodable is escaped."""
    text = str(path)
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        raw = os.fsencode(path)
        try:
            return raw.decode("gb18030")
        except UnicodeDecodeError:
            return raw.decode("utf-8", "backslashreplace")


def _is_input(path: Path) -> bool:
    """A regular file, or a link that should be one: a broken link is reported (quarantined as
    unreadable), never skipped. Pipes and devices are not documents (reading one could block)."""
    return path.is_file() or (path.is_symlink() and not path.exists())


def discover(paths: list[Path]) -> list[Path]:
    """Every regular file under the given files and folders, in a stable order. Hidden files skipped."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                p
                for p in sorted(path.rglob("*"))
                if _is_input(p) and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        elif path.is_file():
            found.append(path)
        else:
            raise FileNotFoundError(f"no such file or folder: {path}")
    return found
