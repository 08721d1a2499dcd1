"""The output tables: their columns, what they hold, and a streaming CSV writer."""
from __future__ import annotations

import csv
import operator
from pathlib import Path

import pandas as pd

# name -> (columns, one-line description). Every table is UTF-8 CSV.
TABLES: dict[str, tuple[tuple[str, ...], str]] = {
    "documents": (
        ("doc_id", "path", "encoding", "status", "reason", "n_chars", "n_paragraphs", "n_sentences", "n_words",
         "headline", "title", "outlet", "url", "published", "earliest_publication", "earliest_publication_basis", "text"),
        "one row per input file, readable or not: status is 'ok' or why not (empty, whitespace_only, binary, "
        "undecodable, unreadable, too_large, extraction_error) with an English reason; text is the decoded original; title, "
        "outlet, url, published come from the corpus' optional metadata.csv; earliest_publication is the start "
        "of the latest period the article itself names (it cannot be older), with the expression it rests on",
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
        ("claim_id", "topic", "agreement", "explanation", "figure_id", "n_sources", "doc_id", "sentence", "start",
         "end", "text", "value", "value_max", "qualifier", "unit", "item_en", "rate", "attributed_to", "date"),
        "the cross-article ledger: comparable figures grouped by what they measure (topic, in English), one row "
        "per figure with who it is attributed to and its date; figure_id is shared by articles restating the "
        "same figure; agreement (single source, consistent, conflicting, different units) with an explanation",
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


class TableWriter:
    """Writes rows to ``OUT_DIR/<table>.csv`` as they come; every known table gets a file, even if empty."""

    def __init__(self, out_dir: Path):
        self.out_dir = Path(out_dir)
        self._files: dict = {}
        self._writers: dict = {}
        self._counts: dict[str, int] = {}
        self._columns: dict = {}

    def __enter__(self) -> "TableWriter":
        self.out_dir.mkdir(parents=True, exist_ok=True)
        for name, (columns, _) in TABLES.items():
            handle = open(self.out_dir / f"{name}.csv", "w", encoding="utf-8", newline="")
            writer = csv.writer(handle)
            writer.writerow(columns)
            self._files[name], self._writers[name], self._counts[name] = handle, writer, 0
            cells = operator.itemgetter(*columns) if len(columns) > 1 else (lambda row, c=columns[0]: (row[c],))
            self._columns[name] = (len(columns), cells)
        return self

    def write(self, name: str, rows: list[dict]) -> None:
        """Append rows (dicts with exactly the table's columns; a missing or extra key raises)."""
        width, cells = self._columns[name]
        if any(len(row) != width for row in rows):
            bad = next(row for row in rows if len(row) != width)
            raise ValueError(f"{name}.csv: a row has {len(bad)} fields, the table has {width}: {sorted(bad)}")
        self._writers[name].writerows(map(cells, rows))  # KeyError for a missing column
        self._counts[name] += len(rows)

    def counts(self) -> dict[str, int]:
        return dict(self._counts)

    def __exit__(self, *exc) -> None:
        for handle in self._files.values():
            handle.close()


def read_table(out_dir: Path, name: str) -> pd.DataFrame:
    """Load one output table as a DataFrame with empty cells as empty strings (not NaN) for text columns."""
    frame = pd.read_csv(Path(out_dir) / f"{name}.csv", encoding="utf-8", keep_default_na=False, na_values=[])
    return frame


def describe_tables() -> str:
    """Return the English description of every table, for --help and the README."""
    return "\n".join(f"  {name}.csv: {desc}\n      columns: {', '.join(cols)}" for name, (cols, desc) in TABLES.items())
