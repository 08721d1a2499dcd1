"""The output tables: their columns, what they hold, and a streaming CSV writer."""
from __future__ import annotations

import csv
import operator
import os
from pathlib import Path

import pandas as pd

# name -> (columns, one-line description). Every table is UTF-8 CSV.
TABLES: dict[str, tuple[tuple[str, ...], str]] = {
    "documents": (
        ("doc_id", "path", "encoding", "language", "status", "reason", "n_chars", "n_paragraphs", "n_sentences", "n_words",
         "headline", "title", "outlet", "url", "published", "earliest_publication", "earliest_publication_basis",
         "duplicate_of", "similarity", "text"),
        "one row per input file, readable or not: status is 'ok' or why not (empty, whitespace_only, binary, "
        "undecodable, unreadable, too_large, extraction_error) with an English reason (also notes on readable files: "
        "damaged bytes, an HTML page, a text that is not Arabic); language is 'ar' or the script of a text that is "
        "not Arabic; text is the decoded original (for an HTML page: its text, markup blanked, same offsets); title, "
        "outlet, url, published come from the corpus' optional metadata.csv; earliest_publication is the start "
        "of the latest period the article itself names (it cannot be older), with the expression it rests on; "
        "duplicate_of names the earliest article (in corpus order) this one is a near copy of (a wire story "
        "reprinted, reused paragraphs), with the estimated share of 5-word sequences they have in common "
        "(similarity, 0.5 to 1)",
    ),
    "sentences": (
        ("doc_id", "paragraph", "sentence", "start", "end", "kind", "text"),
        "one row per sentence (numbered from 1 within the article); start/end are character offsets into the "
        "original text, so text == original[start:end]; kind is headline, heading or body",
    ),
    "mentions": (
        ("doc_id", "sentence", "start", "end", "text", "type", "entity_id", "name_en", "method", "confidence"),
        "one row per name in the text: type is PER, ORG, GPE, LOC or MISC; entity_id and name_en name the "
        "canonical entity of data/registry/entities.csv (empty when the name is found but not known); method "
        "says which layer found it (registry, role, head_noun, place_head, quoted_name, camel_ner; family_name: "
        "a bare family name of a person the article named in full before)",
    ),
    "entities": (
        ("entity_id", "type", "name_en", "name_ar", "wikidata", "aliases", "n_mentions", "n_docs"),
        "one row per canonical entity mentioned in the corpus, with its Wikidata id where known and the "
        "spellings met (aliases, | separated); unlinked names are listed with an empty entity_id per spelling",
    ),
    "quantities": (
        ("doc_id", "sentence", "start", "end", "text", "value", "value_max", "unit", "item", "item_en",
         "qualifier", "rate", "kind"),
        "one row per quantity: value (value_max for ranges), unit, the counted item in Arabic and English, "
        "qualifier (exact, about, more than, at least, up to, less than, between, several) and rate (per day...)",
    ),
    "dates": (
        ("doc_id", "sentence", "start", "end", "text", "year", "month", "day", "iso", "relative", "anchor",
         "granularity", "modifier", "weekday"),
        "one row per date expression: year/month/day as far as the text says, iso when fully resolved, "
        "relative expressions resolved against the article's published date (anchor) when metadata gives it",
    ),
    "attributions": (
        ("doc_id", "attribution_id", "sentence", "start", "end", "text", "speaker_text", "speaker_start", "speaker_end",
         "speaker_entity_id", "speaker_name_en", "speaker_role", "channel_text", "channel_entity_id", "channel_name_en",
         "cue", "stance", "mode", "quote", "quote_start", "quote_end"),
        "one row per reported statement: start/end/text is its cue (قال، ذكر، اتهم...) or source phrase "
        "(وفقاً لـ، بحسب); the speaker (name, role or generic source such as 'US officials'), the channel "
        "(outlet it reached the article through), stance (states, claims, accuses, denies, warns, estimates), "
        "mode (direct quote or reported) and the quote with its own span",
    ),
    "flows": (
        ("doc_id", "sentence", "start", "end", "text", "from_text", "from_entity_id", "from_name_en", "to_text",
         "to_entity_id", "to_name_en", "commodity", "commodity_ar", "quantity_value", "quantity_value_max",
         "quantity_unit", "quantity_text", "status", "attribution", "direction_basis"),
        "one row per directional transfer (who sends what to whom): sender and receiver at country level, "
        "commodity category in English and the Arabic words, the quantity it carries, status (reported, alleged, "
        "denied, planned, conditional, requested, capped), the attribution_id of the statement behind it, and whether the "
        "direction was read in this sentence or carried from an earlier one",
    ),
    "flows_partial": (
        ("doc_id", "sentence", "start", "end", "text", "from_text", "from_entity_id", "from_name_en", "to_text",
         "to_entity_id", "to_name_en", "commodity", "commodity_ar", "quantity_value", "quantity_value_max",
         "quantity_unit", "quantity_text", "status", "attribution", "direction_basis"),
        "transfers whose sender or receiver is not named (nor inferable from the article), with the same columns as "
        "flows.csv: what was sent, and by whom or to whom. Kept apart so that flows.csv holds only full facts",
    ),
    "claims": (
        ("claim_id", "topic", "agreement", "explanation", "figure_id", "n_sources", "n_independent_sources", "doc_id",
         "sentence", "start", "end", "text", "value", "value_max", "qualifier", "unit", "item_en", "rate",
         "attributed_to", "date", "period"),
        "the cross-article ledger: comparable figures grouped by what they measure (topic, in English), one row "
        "per figure with who it is attributed to and its date; figure_id is shared by articles restating the "
        "same figure (n_sources: how many articles give it); n_independent_sources counts the group's articles "
        "with near copies counted once (documents.duplicate_of); agreement (single source, restated, agree, conflicting, not comparable) with an explanation; "
        "attributed_to is the statement of the figure's own clause (or its transfer's); date a date in its own clause; "
        "period the time the figure covers (since 2022-12, 2024-06, until 2023 …; a figure counted «منذ» an event "
        "takes the date its article gives for the start of the same transfer), or unknown",
    ),
    "excluded": (
        ("doc_id", "start", "end", "reason", "text"),
        "what cleaning set aside (site furniture, repeated captions, blank lines), with its span in the original",
    ),
    "warnings": (
        ("source", "message"),
        "problems met during the run (unreadable files, malformed metadata.csv); the run goes on",
    ),
}


# Column types for the typed formats (Parquet); every other column is text. CSV cells stay as written.
INTEGER_COLUMNS = frozenset({"sentence", "start", "end", "paragraph", "n_chars", "n_paragraphs", "n_sentences",
                             "n_words", "speaker_start", "speaker_end", "quote_start", "quote_end", "year", "month",
                             "day", "n_mentions", "n_docs", "n_sources"})
FLOAT_COLUMNS = frozenset({"value", "value_max", "quantity_value", "quantity_value_max", "confidence"})
BOOLEAN_COLUMNS = frozenset({"relative"})


def typed_table(csv_path: Path) -> pd.DataFrame:
    """A table's CSV as typed columns: nullable integers, floats and booleans where TABLES' columns hold
    numbers or flags (an empty cell is null), text elsewhere (an empty cell is "")."""
    frame = pd.read_csv(csv_path, dtype=str, keep_default_na=False, na_values=[], encoding="utf-8")
    for column in frame.columns:
        cells = frame[column].replace("", None)
        if column in INTEGER_COLUMNS:
            frame[column] = pd.to_numeric(cells).astype("Int64")
        elif column in FLOAT_COLUMNS:
            frame[column] = pd.to_numeric(cells).astype("Float64")
        elif column in BOOLEAN_COLUMNS:
            frame[column] = cells.map({"True": True, "False": False}).astype("boolean")
        else:
            frame[column] = frame[column].astype("string")
    return frame


class OutputError(RuntimeError):
    """OUT cannot take this run's tables (another run is writing there, or it is not a writable folder)."""


# A cell a spreadsheet would read as a formula (or a tab / carriage return it would act on).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
MANIFEST = "run.json"
_LOCK = ".lock"
_STAGING = ".partial"


def spreadsheet_safe(value):
    """``value`` with a leading apostrophe when it is text a spreadsheet would run as a formula."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_PREFIXES) else value


class TableWriter:
    """Writes rows to ``OUT_DIR/<table>.csv`` as they come; every known table gets a file, even if empty.

    Atomic and locked: the tables are written into ``OUT_DIR/.partial/`` and moved into place only when
    the run completes, with ``run.json`` (inputs, rows per table, version, time) written last; a run that
    fails or is killed leaves the previous complete output as it was. ``OUT_DIR/.lock`` refuses a second
    run into the same folder while one is writing. ``formats``: "parquet" adds ``<table>.parquet`` and
    "xlsx" ``tables.xlsx`` (every cell stored as text) beside the CSV files. ``spreadsheet_safe``: text
    cells starting with = + - @ tab or CR get a leading apostrophe in the CSV files (the exact text is
    then no longer in them: use it only for files opened in a spreadsheet)."""

    def __init__(self, out_dir: Path, *, formats: tuple[str, ...] = (), spreadsheet_safe: bool = False,
                 manifest: dict | None = None):
        unknown = set(formats) - {"parquet", "xlsx"}
        if unknown:
            raise ValueError(f"unknown table format(s) {sorted(unknown)}: use parquet or xlsx (CSV is always written)")
        self.out_dir = Path(out_dir)
        self.formats = tuple(dict.fromkeys(formats))
        self.spreadsheet_safe = spreadsheet_safe
        self.manifest = dict(manifest or {})
        self._files: dict = {}
        self._writers: dict = {}
        self._counts: dict[str, int] = {}
        self._columns: dict = {}
        self._lock = None
        self.staging = self.out_dir / _STAGING

    def __enter__(self) -> "TableWriter":
        import fcntl
        import shutil

        try:
            self.out_dir.mkdir(parents=True, exist_ok=True)
            self._lock = open(self.out_dir / _LOCK, "a+", encoding="utf-8")
        except OSError as err:
            raise OutputError(f"cannot write into {self.out_dir}: {err.strerror or err}") from err
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self._lock.seek(0)
            holder = self._lock.read().strip() or "another process"
            self._lock.close()
            self._lock = None
            raise OutputError(f"{self.out_dir} is in use by another run ({holder}); wait for it to end or choose another --out")
        self._lock.seek(0)
        self._lock.truncate()
        self._lock.write(f"pid {os.getpid()}\n")
        self._lock.flush()
        shutil.rmtree(self.staging, ignore_errors=True)  # left by a run that was killed
        try:
            self.staging.mkdir()
            for name, (columns, _) in TABLES.items():
                handle = open(self.staging / f"{name}.csv", "w", encoding="utf-8", newline="")
                writer = csv.writer(handle)
                writer.writerow(columns)
                self._files[name], self._writers[name], self._counts[name] = handle, writer, 0
                cells = operator.itemgetter(*columns) if len(columns) > 1 else (lambda row, c=columns[0]: (row[c],))
                if self.spreadsheet_safe:
                    cells = (lambda row, get=cells: tuple(map(spreadsheet_safe, get(row))))
                self._columns[name] = (len(columns), cells)
        except OSError as err:
            self._abandon()
            raise OutputError(f"cannot write into {self.out_dir}: {err.strerror or err}") from err
        return self

    def write(self, name: str, rows: list[dict]) -> None:
        """Append rows (dicts with exactly the table's columns; a missing or extra key raises)."""
        width, cells = self._columns[name]
        if any(len(row) != width for row in rows):
            bad = next(row for row in rows if len(row) != width)
            raise ValueError(f"{name}.csv: a row has {len(bad)} fields, the table has {width}: {sorted(bad)}")
        try:
            self._writers[name].writerows(map(cells, rows))  # KeyError for a missing column
        except OSError as err:  # a full disk, a vanished folder
            raise OutputError(f"writing {name}.csv into {self.out_dir} failed ({err.strerror or err}); "
                              "the previous output there is unchanged") from err
        self._counts[name] += len(rows)

    def fill(self, name: str, key: str, values: dict[str, dict[str, object]]) -> None:
        """Fill columns of rows already written: ``values[column][row[key]]`` (other cells unchanged). The
        staged table is streamed through once, so memory stays bounded (documents.csv holds every text)."""
        self._files[name].close()
        csv.field_size_limit(MAX_CELL)  # documents.csv holds whole texts, longer than csv's 128 KB default
        path = self.staging / f"{name}.csv"
        filled = path.with_suffix(".filling")
        try:
            with open(path, encoding="utf-8", newline="") as old, open(filled, "w", encoding="utf-8", newline="") as new:
                reader, writer = csv.reader(old), csv.writer(new)
                header = next(reader)
                writer.writerow(header)
                at = header.index(key)
                columns = [(header.index(column), cells) for column, cells in values.items()]
                for row in reader:
                    for index, cells in columns:
                        if row[at] in cells:
                            row[index] = spreadsheet_safe(cells[row[at]]) if self.spreadsheet_safe else cells[row[at]]
                    writer.writerow(row)
            os.replace(filled, path)
            self._files[name] = open(path, "a", encoding="utf-8", newline="")
            self._writers[name] = csv.writer(self._files[name])
        except OSError as err:
            raise OutputError(f"writing {name}.csv into {self.out_dir} failed ({err.strerror or err}); "
                              "the previous output there is unchanged") from err

    def counts(self) -> dict[str, int]:
        return dict(self._counts)

    def __exit__(self, exc_type, exc, tb) -> None:
        for handle in self._files.values():
            handle.close()
        if exc_type is not None:
            self._abandon()
            return
        try:
            self._publish()
        except OSError as err:
            self._abandon()
            raise OutputError(f"could not finish writing {self.out_dir} ({err.strerror or err}); "
                              "the previous output there is unchanged") from err
        except BaseException:
            self._abandon()
            raise

    def _publish(self) -> None:
        """Write the extra formats and the manifest in the staging folder, then move everything into OUT."""
        import datetime
        import json
        import shutil

        staged = [f"{name}.csv" for name in TABLES]
        if "parquet" in self.formats:
            for name in TABLES:
                typed_table(self.staging / f"{name}.csv").to_parquet(self.staging / f"{name}.parquet", index=False)
            staged += [f"{name}.parquet" for name in TABLES]
        if "xlsx" in self.formats:
            write_xlsx(self.staging, self.staging / "tables.xlsx")
            staged.append("tables.xlsx")
        manifest = {**self.manifest, "tables": self.counts(), "formats": ["csv", *self.formats],
                    "spreadsheet_safe": self.spreadsheet_safe, "version": _version(),
                    "completed": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")}
        (self.staging / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        # The previous run's manifest goes first: while files move, OUT has no manifest, so it never
        # vouches for a mix of two runs.
        (self.out_dir / MANIFEST).unlink(missing_ok=True)
        for stale in ([f"{n}.parquet" for n in TABLES] + ["tables.xlsx"]):
            if stale not in staged:
                (self.out_dir / stale).unlink(missing_ok=True)
        for file_name in staged + [MANIFEST]:
            os.replace(self.staging / file_name, self.out_dir / file_name)
        shutil.rmtree(self.staging, ignore_errors=True)
        self._release()

    def _abandon(self) -> None:
        import shutil

        shutil.rmtree(self.staging, ignore_errors=True)
        self._release()

    def _release(self) -> None:
        if self._lock is not None:
            self._lock.close()  # closing drops the flock
            self._lock = None


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("arabic-news-workbook")
    except Exception:
        return "unknown"


MAX_CELL = 2**31 - 1
# An .xlsx cell holds at most this many characters (Excel's limit).
XLSX_CELL_LIMIT = 32767


def write_xlsx(tables_dir: Path, target: Path) -> None:
    """One sheet per table of ``tables_dir``, every cell written as text (never a formula, never a number
    a spreadsheet re-reads); a cell longer than Excel's limit is cut there and ends with "…"."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(target), {"strings_to_formulas": False, "strings_to_urls": False,
                                             "strings_to_numbers": False})
    try:
        for name, (columns, _) in TABLES.items():
            sheet = book.add_worksheet(name[:31])
            sheet.write_row(0, 0, columns)
            with open(Path(tables_dir) / f"{name}.csv", encoding="utf-8", newline="") as handle:
                csv.field_size_limit(MAX_CELL)  # an article's text is one cell
                reader = csv.reader(handle)
                next(reader)
                for r, row in enumerate(reader, start=1):
                    for c, cell in enumerate(row):
                        if len(cell) > XLSX_CELL_LIMIT:
                            cell = cell[:XLSX_CELL_LIMIT - 1] + "…"
                        sheet.write_string(r, c, cell)
    finally:
        book.close()


def read_table(out_dir: Path, name: str) -> pd.DataFrame:
    """Load one output table (its CSV, else its Parquet file) as a DataFrame; empty text cells are empty
    strings, not NaN."""
    path = Path(out_dir) / f"{name}.csv"
    if not path.exists() and path.with_suffix(".parquet").exists():
        return pd.read_parquet(path.with_suffix(".parquet"))
    columns = TABLES[name][0] if name in TABLES else ()
    # text columns stay text: a doc_id «001» or a name «NaN» must not become a number
    text = {c: str for c in columns if c not in INTEGER_COLUMNS | FLOAT_COLUMNS | BOOLEAN_COLUMNS}
    return pd.read_csv(path, encoding="utf-8", keep_default_na=False, na_values=[], dtype=text)


def describe_tables() -> str:
    """Return the English description of every table, for --help and the README."""
    return "\n".join(f"  {name}.csv: {desc}\n      columns: {', '.join(cols)}" for name, (cols, desc) in TABLES.items())
