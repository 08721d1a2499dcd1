"""Reading a corpus folder: every file becomes a ``Document``, readable or not.

Decoding uses charset-normalizer (a maintained detector) behind a few checks
that detectors are weak at: byte-order marks, strict UTF-8 first, binary
content, and short Windows-1256 Arabic (which detectors often take for a CJK
code page).
"""
from __future__ import annotations

import codecs
import csv
import io
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import charset_normalizer

METADATA_FILE = "metadata.csv"
METADATA_COLUMNS = ("title", "outlet", "url", "published")
MAX_BYTES = 20_000_000

OK = "ok"


@dataclass(frozen=True)
class Document:
    """One input file: its decoded original text, or why it has none."""

    doc_id: str
    path: str
    encoding: str = ""
    status: str = OK
    reason: str = ""
    text: str = ""
    metadata: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status == OK


@dataclass(frozen=True)
class Decoded:
    """The outcome of decoding bytes: text and encoding, or a status and reason."""

    text: str = ""
    encoding: str = ""
    status: str = OK
    reason: str = ""


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _arabic_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum("\u0600" <= c <= "\u06ff" or "\ufb50" <= c <= "\ufeff" for c in letters) / len(letters)


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(text.count(c) for c in set(text)  # each distinct character is looked up once
              if unicodedata.category(c) in ("Cc", "Co", "Cs", "Cn") and c not in "\t\n\r\f\v")
    return bad / len(text)


def _looks_like_utf16(data: bytes) -> str | None:
    """Return 'utf-16-le' / 'utf-16-be' when a BOM-less buffer has UTF-16's zero-byte pattern."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    # Arabic in UTF-16 has 0x06 high bytes; ASCII has 0x00 high bytes.
    high_le = (odd.count(0) + odd.count(6)) / len(odd)
    high_be = (even.count(0) + even.count(6)) / len(even)
    if high_le > 0.9 and high_be < 0.5:
        return "utf-16-le"
    if high_be > 0.9 and high_le < 0.5:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes) -> Decoded:
    """Decode a file's bytes, returning the text and encoding or a non-ok status with a reason."""
    if not data:
        return Decoded(status="empty", reason="The file is empty (0 bytes).")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as err:
                return Decoded(status="undecodable", reason=f"The file starts with a {encoding} byte-order mark but is not valid {encoding}: {err.reason}.")
            return _checked(text, encoding)
    # BOM-less UTF-16 Arabic is also valid UTF-8 (all its bytes are < 0x80): test it first.
    utf16 = _looks_like_utf16(data)
    if utf16:
        try:
            return _checked(data.decode(utf16), utf16)
        except UnicodeDecodeError:
            pass
    try:
        return _checked(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:
        return Decoded(status="binary", reason="The file holds binary data (NUL bytes), not text.")
    best = charset_normalizer.from_bytes(data).best()
    candidates = []
    if best is not None:
        candidates.append((str(best), best.encoding))
    try:
        candidates.append((data.decode("cp1256"), "cp1256"))
    except UnicodeDecodeError:
        pass
    # Arabic news: prefer the reading that yields Arabic letters; charset-normalizer
    # guesses unrelated code pages for short Windows-1256 texts.
    candidates.sort(key=lambda c: (_arabic_share(c[0]) >= 0.5, -_control_share(c[0])), reverse=True)
    for text, encoding in candidates:
        if _control_share(text) < 0.02 and (_arabic_share(text) >= 0.5 or encoding == (best and best.encoding)):
            return _checked(text, encoding)
    if best is None:
        return Decoded(status="binary", reason="No text encoding fits the bytes: the file looks binary.")
    return Decoded(status="undecodable", reason="The bytes decode only to control characters or mojibake in every candidate encoding.")


def _checked(text: str, encoding: str) -> Decoded:
    if _control_share(text) > 0.05:
        return Decoded(status="binary", reason="The file decodes to mostly control characters: it looks binary, not text.")
    if not text.strip() or not "".join(text.split()).strip("\ufeff\u200b\u200c\u200d\u200e\u200f"):
        return Decoded(text=text, encoding=encoding, status="whitespace_only", reason="The file holds only whitespace, no text.")
    return Decoded(text=text, encoding=encoding)


def read_document(path: Path, doc_id: str, shown_path: str, metadata: dict | None = None) -> Document:
    """Read and decode one file into a ``Document``; never raises for bad content."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return Document(doc_id, shown_path, status="too_large", reason=f"The file is {size:,} bytes; the limit for one article is {MAX_BYTES:,}.", metadata=metadata or {})
        data = path.read_bytes()
    except OSError as err:
        return Document(doc_id, shown_path, status="unreadable", reason=f"The file could not be read: {err.strerror or err}.", metadata=metadata or {})
    decoded = decode_bytes(data)
    return Document(doc_id, shown_path, decoded.encoding, decoded.status, decoded.reason, decoded.text, metadata or {})


def list_corpus_files(input_dir: Path) -> list[tuple[str, Path, str]]:
    """Return (doc_id, path, shown_path) for every file under ``input_dir`` except metadata.csv, sorted.

    doc_id is the path relative to the folder without its extension; when two
    files would share one (a.txt and a.md), both keep their extension.
    """
    files = sorted(p for p in input_dir.rglob("*") if p.is_file() and p.relative_to(input_dir).as_posix() != METADATA_FILE)
    rel = [p.relative_to(input_dir).as_posix() for p in files]
    stems = [r[: -len(Path(r).suffix)] if Path(r).suffix else r for r in rel]
    counts: dict[str, int] = {}
    for s in stems:
        counts[s] = counts.get(s, 0) + 1
    return [(s if counts[s] == 1 else r, p, r) for s, p, r in zip(stems, files, rel)]


def read_metadata(input_dir: Path, doc_ids: list[str]) -> tuple[dict[str, dict], list[str]]:
    """Read the optional metadata.csv: return ({doc_id: {column: value}}, warnings).

    A malformed file or row gives a warning, never an exception.
    """
    path = input_dir / METADATA_FILE
    if not path.exists():
        return {}, []
    decoded = decode_bytes(path.read_bytes())
    if decoded.status != OK:
        return {}, [f"{METADATA_FILE}: ignored: {decoded.reason}"]
    warnings: list[str] = []
    try:
        rows = list(csv.DictReader(io.StringIO(decoded.text)))
    except csv.Error as err:
        return {}, [f"{METADATA_FILE}: ignored: it is not valid CSV ({err})."]
    header = list(rows[0].keys()) if rows else next(csv.reader(io.StringIO(decoded.text)), [])
    header = [h.strip() if h else h for h in header]
    if "doc_id" not in header:
        return {}, [f"{METADATA_FILE}: ignored: it has no 'doc_id' column (columns found: {', '.join(h for h in header if h) or 'none'})."]
    unknown_cols = [h for h in header if h and h != "doc_id" and h not in METADATA_COLUMNS]
    if unknown_cols:
        warnings.append(f"{METADATA_FILE}: columns {', '.join(unknown_cols)} are not used (known: doc_id, {', '.join(METADATA_COLUMNS)}).")
    known = set(doc_ids)
    metadata: dict[str, dict] = {}
    for line_no, row in enumerate(rows, start=2):
        row = {(k or "").strip(): (v or "").strip() if isinstance(v, str) else "" for k, v in row.items()}
        if None in row or any(isinstance(v, list) for v in row.values()):
            warnings.append(f"{METADATA_FILE} line {line_no}: more fields than columns; extra fields ignored.")
        doc_id = row.get("doc_id", "")
        if not doc_id:
            warnings.append(f"{METADATA_FILE} line {line_no}: empty doc_id; row ignored.")
            continue
        if doc_id not in known:
            warnings.append(f"{METADATA_FILE} line {line_no}: doc_id '{doc_id}' matches no file in the corpus; row ignored.")
            continue
        if doc_id in metadata:
            warnings.append(f"{METADATA_FILE} line {line_no}: doc_id '{doc_id}' appears again; the first row is kept.")
            continue
        metadata[doc_id] = {c: row.get(c, "") for c in METADATA_COLUMNS}
    return metadata, warnings


@dataclass(frozen=True)
class Corpus:
    """A corpus folder's files (doc_id, path, shown path), metadata and warnings, not yet read."""

    input_dir: Path
    entries: tuple[tuple[str, Path, str], ...]
    metadata: dict
    warnings: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.entries)

    def documents(self):
        """Yield each file as a ``Document``, one at a time, in doc_id order."""
        for doc_id, path, shown in self.entries:
            yield read_document(path, doc_id, shown, self.metadata.get(doc_id, {}))


def open_corpus(input_dir: Path) -> Corpus:
    """List a corpus folder and read its metadata.csv; files are read later, one by one."""
    input_dir = Path(input_dir)
    if not input_dir.is_dir():
        raise NotADirectoryError(f"Corpus folder not found: {input_dir}")
    entries = list_corpus_files(input_dir)
    metadata, warnings = read_metadata(input_dir, [doc_id for doc_id, _, _ in entries])
    return Corpus(input_dir, tuple(entries), metadata, tuple(warnings))
