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
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import charset_normalizer

from .dates import parse_anchor

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
    language: str = ""  # "ar", or which script the text is in when it is not Arabic

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


def _looks_like_utf8_mojibake(text: str) -> bool:
    """True when a single-byte decoding is full of the pairs UTF-8 Arabic makes in cp1256 («ط§ظ„»):
    the lead bytes 0xD8/0xD9 read as ط and ظ before almost every other letter."""
    letters = sum(c.isalpha() for c in text)
    return letters > 0 and (text.count("ط") + text.count("ظ")) / letters > 0.3


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
    damaged = _mostly_utf8(data)
    if damaged is not None:
        return damaged
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
        if _looks_like_utf8_mojibake(text):
            continue  # UTF-8 Arabic read byte by byte in a single-byte code page
        if _control_share(text) < 0.02 and (_arabic_share(text) >= 0.5 or encoding == (best and best.encoding)):
            return _checked(text, encoding)
    if best is None:
        return Decoded(status="binary", reason="No text encoding fits the bytes: the file looks binary.")
    return Decoded(status="undecodable", reason="The bytes decode only to control characters or mojibake in every candidate encoding.")


# UTF-8 with a few damaged bytes (a file cut mid-character, a stray byte, a line pasted from another
# encoding) is still UTF-8: at most this share of its non-ASCII characters may be invalid bytes.
MAX_BAD_UTF8_SHARE = 0.1


def _mostly_utf8(data: bytes) -> Decoded | None:
    """The text of bytes that are UTF-8 but for a few invalid bytes, each shown as U+FFFD, with a reason
    that counts them; None when the bytes are not mostly UTF-8 (another encoding then)."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")  # U+FFFD written in the file is not damage
    good = sum(1 for c in text if c >= "\x80") - text.count("\ufffd")
    if good < 2 * bad or bad > MAX_BAD_UTF8_SHARE * (good + bad):
        return None
    checked = _checked(text, "utf-8")
    if checked.status != OK:
        return checked
    return Decoded(text, "utf-8", OK, f"{bad} invalid UTF-8 byte sequence{'s' if bad != 1 else ''} (a cut or damaged "
                   "file) replaced by U+FFFD; the rest of the file is valid UTF-8.")


def _checked(text: str, encoding: str) -> Decoded:
    if _control_share(text) > 0.05:
        return Decoded(status="binary", reason="The file decodes to mostly control characters: it looks binary, not text.")
    if not text.strip() or not "".join(text.split()).strip("\ufeff\u200b\u200c\u200d\u200e\u200f"):
        return Decoded(text=text, encoding=encoding, status="whitespace_only", reason="The file holds only whitespace, no text.")
    return Decoded(text=text, encoding=encoding)


def read_document(path: Path, doc_id: str, shown_path: str, metadata: dict | None = None,
                  not_a_file: str = "") -> Document:
    """Read and decode one file into a ``Document``; never raises for bad content. ``not_a_file``: why
    the entry is no regular file (it is then not opened: a FIFO would block)."""
    if not_a_file:
        return Document(doc_id, shown_path, status="unreadable", reason=not_a_file[0].upper() + not_a_file[1:] + ".",
                        metadata=metadata or {})
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return Document(doc_id, shown_path, status="too_large", reason=f"The file is {size:,} bytes; the limit for one article is {MAX_BYTES:,}.", metadata=metadata or {})
        if not path.is_file():
            return Document(doc_id, shown_path, status="unreadable", reason="This entry is no longer a regular file.",
                            metadata=metadata or {})
        data = path.read_bytes()
    except OSError as err:
        return Document(doc_id, shown_path, status="unreadable", reason=f"The file could not be read: {err.strerror or err}.", metadata=metadata or {})
    decoded = decode_bytes(data)
    text, reason = decoded.text, decoded.reason
    if decoded.status == OK and looks_like_html(path, text):
        text = html_text_view(text)
        reason = " ".join(r for r in (reason, "HTML page: markup, scripts and page furniture (navigation, header, "
                                      "footer, asides, forms) blanked out, character for character.") if r)
    language = script_of(text) if decoded.status == OK else ""
    if language and language != "ar":
        reason = " ".join(r for r in (reason, f"The text is not Arabic ({language}); it is extracted all the same, "
                                      "but the rules are made for Arabic.") if r)
    return Document(doc_id, shown_path, decoded.encoding, decoded.status, reason, text, metadata or {}, language)


def script_of(text: str) -> str:
    """"ar" when at least a third of the letters are Arabic, else the script most letters are written in
    ("Latin script", "Cyrillic script" …, from their Unicode names), or "no letters"."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return "no letters"
    if _arabic_share(text) >= 1 / 3:
        return "ar"
    counts: dict[str, int] = {}
    for c in letters:
        name = unicodedata.name(c, "UNKNOWN").split(" ")[0]
        counts[name] = counts.get(name, 0) + 1
    script = max(sorted(counts), key=counts.get)
    return f"{script.title()} script"


_HTML_START = re.compile(r"\s*(<!doctype\s+html|<html|<head|<body|<meta|<div|<p[\s>]|<article)", re.I)
# Elements whose content is never article text
_SKIPPED_ELEMENTS = frozenset({"script", "style", "noscript", "template", "svg", "head", "nav", "header", "footer",
                               "aside", "form", "button", "select", "iframe", "object", "canvas", "menu"})
# Elements that end a paragraph
_BLOCK_ELEMENTS = frozenset({"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
                             "section", "article", "blockquote", "figcaption", "figure", "main", "dd", "dt", "hr", "pre"})


def looks_like_html(path: Path, text: str) -> bool:
    """An .html / .htm file, or text that starts like a web page."""
    return Path(path).suffix.lower() in (".html", ".htm", ".xhtml") or bool(_HTML_START.match(text[:300]))


def html_text_view(source: str) -> str:
    """The page's text at its own offsets: a string as long as ``source`` in which every character of
    article text is kept where it is and everything else (tags, comments, entities, and the content of
    scripts, styles, navigation, headers, footers, asides, forms) is a space, or a line break where a
    block element (p, div, br, li, h1 …) starts or ends, so that paragraphs stay apart. Parsed by the
    standard library's HTML parser, which reports where each piece of text starts."""
    from html.parser import HTMLParser

    line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
    view = [" " if c != "\n" else "\n" for c in source]

    class Blanker(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=False)
            self.skipping: list[str] = []

        def _here(self) -> int:
            line, column = self.getpos()
            return line_starts[line - 1] + column

        def _block(self, tag: str) -> None:
            if tag in _BLOCK_ELEMENTS:
                view[self._here()] = "\n"

        def handle_starttag(self, tag, attrs):
            if tag in _SKIPPED_ELEMENTS and tag not in ("br", "hr"):
                self.skipping.append(tag)
            self._block(tag)

        def handle_startendtag(self, tag, attrs):
            self._block(tag)

        def handle_endtag(self, tag):
            if tag in self.skipping:
                while self.skipping and self.skipping.pop() != tag:
                    pass
            self._block(tag)

        def handle_data(self, data):
            if self.skipping:
                return
            at = self._here()
            view[at:at + len(data)] = list(data)

    parser = Blanker()
    try:
        parser.feed(source)
        parser.close()
    except Exception:  # noqa: BLE001 - a page the parser cannot read stays as it is, markup and all
        return source
    return "".join(view)


def _walk(input_dir: Path, skip: tuple[Path, ...]):
    """Yield (path, problem) for every entry under ``input_dir``; problem is "" for a regular file, a
    reason for an entry that is no readable file; folder-level problems are yielded with path = the folder."""
    import os
    import stat

    skip_real = {os.path.realpath(s) for s in skip}
    seen_dirs = {os.path.realpath(input_dir)}
    todo, links = [input_dir], []
    links_pending: set[Path] = set()
    while todo or links:
        # folders reached through a symbolic link come last, so a folder is read under its own path
        folder = todo.pop() if todo else links.pop()
        if folder in links_pending:
            links_pending.discard(folder)
            real = os.path.realpath(folder)
            if real in seen_dirs:
                yield folder, "folder skipped: a symbolic link to a folder already read (a loop or a second path)"
                continue
            seen_dirs.add(real)
        try:
            with os.scandir(folder) as it:
                items = sorted(it, key=lambda e: e.name)
        except OSError as err:
            yield folder, f"folder could not be read ({err.strerror or err}); its files are not in the corpus"
            continue
        for item in items:
            path = Path(item.path)
            try:
                info = os.stat(item.path)  # follows symbolic links
            except OSError as err:
                if item.is_symlink():
                    yield path, f"a symbolic link whose target cannot be reached ({err.strerror or err})"
                else:
                    yield path, f"cannot be examined ({err.strerror or err})"
                continue
            if stat.S_ISDIR(info.st_mode):
                real = os.path.realpath(item.path)
                if real in skip_real:
                    yield path, "folder skipped: it is the output folder of this run"
                elif (path / "run.json").is_file() and (path / "documents.csv").is_file():
                    yield path, "folder skipped: it holds the tables of an earlier extraction (run.json), not articles"
                elif item.is_symlink():
                    links.append(path)
                    links_pending.add(path)
                elif real in seen_dirs:
                    yield path, "folder skipped: already read through a symbolic link"
                else:
                    seen_dirs.add(real)
                    todo.append(path)
            elif stat.S_ISREG(info.st_mode):
                yield path, ""
            else:
                kind = ("a FIFO (named pipe)" if stat.S_ISFIFO(info.st_mode) else "a socket" if stat.S_ISSOCK(info.st_mode)
                        else "a device file" if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode) else "a special file")
                yield path, f"{kind}, not a regular file; not read"


def list_corpus(input_dir: Path, skip: tuple[Path, ...] = ()) -> tuple[list[tuple[str, Path, str]], dict[str, str], list[str]]:
    """Walk ``input_dir``: (entries sorted by doc_id, {shown path: why not a regular file}, folder warnings).

    Every entry is accounted for: regular files and entries that are no readable file (FIFOs, dangling
    links: a documents row with the reason) are entries; skipped folders (the output folder, an earlier
    run's tables, link loops, unreadable folders) and metadata.csv files below the top give warnings."""
    input_dir = Path(input_dir)
    files: list[tuple[Path, str]] = []
    special: dict[str, str] = {}
    warnings: list[str] = []
    for path, problem in _walk(input_dir, tuple(skip)):
        shown = path.relative_to(input_dir).as_posix()
        if problem.startswith("folder"):
            warnings.append(f"{shown}/: {problem}.")
            continue
        if shown == METADATA_FILE:
            continue
        if path.name == METADATA_FILE:
            warnings.append(f"{shown}: not read: only the corpus folder's own {METADATA_FILE} holds metadata.")
            continue
        files.append((path, shown))
        if problem:
            special[shown] = problem
    files.sort(key=lambda f: f[1])
    stems = [r[: -len(Path(r).suffix)] if Path(r).suffix else r for _, r in files]
    counts: dict[str, int] = {}
    for s in stems:
        counts[s] = counts.get(s, 0) + 1
    entries, used = [], set()
    for s, (path, shown) in zip(stems, files):
        doc_id = s if counts[s] == 1 else shown
        while doc_id in used:  # «a» (no extension) beside «a.txt» and «a.md»: still one id each
            doc_id += "_"
        used.add(doc_id)
        entries.append((doc_id, path, shown))
    return entries, special, warnings


def read_metadata(input_dir: Path, doc_ids: list[str]) -> tuple[dict[str, dict], list[str]]:
    """Read the optional metadata.csv: return ({doc_id: {column: value}}, warnings).

    A malformed file or row gives a warning, never an exception.
    """
    path = input_dir / METADATA_FILE
    if not path.exists() and not path.is_symlink():
        return {}, []
    if not path.is_file():
        return {}, [f"{METADATA_FILE}: ignored: it is not a regular file."]
    try:
        data = path.read_bytes()
    except OSError as err:
        return {}, [f"{METADATA_FILE}: ignored: it could not be read ({err.strerror or err})."]
    decoded = decode_bytes(data)
    if decoded.status != OK:
        return {}, [f"{METADATA_FILE}: ignored: {decoded.reason}"]
    warnings: list[str] = []
    try:
        rows = list(csv.DictReader(io.StringIO(decoded.text), strict=True))
    except csv.Error as err:  # strict: an unterminated quote is an error, not a field that eats the file
        return {}, [f"{METADATA_FILE}: ignored: it is not valid CSV ({err}; an unclosed quote?)."]
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
        if None in row:  # DictReader keeps the fields past the header under the key None
            warnings.append(f"{METADATA_FILE} line {line_no}: more fields than columns; extra fields ignored.")
        row = {k.strip(): (v or "").strip() for k, v in row.items() if isinstance(k, str) and not isinstance(v, list)}
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
        published = metadata[doc_id]["published"]
        if published and parse_anchor(published) is None:
            warnings.append(f"{METADATA_FILE} line {line_no}: published '{published}' is not a usable date "
                            "(YYYY-MM-DD, years 1000-8999): kept as written, but relative dates of this article "
                            "(«أمس», «الشهر الماضي») are not resolved.")
    return metadata, warnings


@dataclass(frozen=True)
class Corpus:
    """A corpus folder's files (doc_id, path, shown path), metadata and warnings, not yet read."""

    input_dir: Path
    entries: tuple[tuple[str, Path, str], ...]
    metadata: dict
    warnings: tuple[str, ...]
    special: dict = field(default_factory=dict)  # shown path -> why the entry is no regular file

    def __len__(self) -> int:
        return len(self.entries)

    def documents(self):
        """Yield each file as a ``Document``, one at a time, in doc_id order."""
        for doc_id, path, shown in self.entries:
            yield read_document(path, doc_id, shown, self.metadata.get(doc_id, {}), self.special.get(shown, ""))


def open_corpus(input_dir: Path, skip: tuple[Path, ...] = ()) -> Corpus:
    """List a corpus folder and read its metadata.csv; files are read later, one by one. Folders in
    ``skip`` (the run's output folder) are left out with a warning."""
    input_dir = Path(input_dir)
    if not input_dir.is_dir():
        raise NotADirectoryError(f"Corpus folder not found: {input_dir}")
    entries, special, folder_warnings = list_corpus(input_dir, skip)
    metadata, warnings = read_metadata(input_dir, [doc_id for doc_id, _, _ in entries])
    return Corpus(input_dir, tuple(entries), metadata, tuple(folder_warnings + warnings), special)
