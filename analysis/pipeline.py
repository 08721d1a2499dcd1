"""The one path for data: document -> sentences -> extractions -> table rows.

``extract_document`` is a pure function of one ``Document``: it returns the rows
that document contributes to every table. ``run_extraction`` streams a corpus
through it and writes the tables (see ``tables.py`` for their columns).
"""
from __future__ import annotations

import re

import sys
from collections import defaultdict
from contextlib import closing
from dataclasses import fields
from functools import lru_cache
from pathlib import Path

from .attribution import DocumentContext, find_attributions, update_context
from .claims import claim_rows, ledger_figures
from .dates import earliest_publication, find_dates, parse_anchor
from .duplicates import near_duplicates, signature
from .entities import EntityTally, NameMemory, find_mentions, sentence_tokens
from .flows import country_of, find_flows
from .ingest import METADATA_FILE, Document, open_corpus, read_document
from .lexicons import load_lines, match_key
from .normalize import NormalizedText, normalize_text
from .quantities import find_quantities
from .resources import load_table
from .segment import segment
from .tables import TableWriter


def extract_document(doc: Document, ner_backend=None) -> dict[str, list[dict]]:
    """Return {table name: rows} for one document; unreadable documents give only their documents row.

    ``ner_backend`` (optional, see ``ner.py``) adds camel-tools NER mentions under the registry's.
    """
    meta = {c: doc.metadata.get(c, "") for c in ("title", "outlet", "url", "published")}
    base = {"doc_id": doc.doc_id, "path": doc.path, "encoding": doc.encoding, "language": doc.language,
            "status": doc.status, "reason": doc.reason}
    if not doc.ok:
        row = base | {"n_chars": len(doc.text), "n_paragraphs": 0, "n_sentences": 0, "n_words": 0, "headline": "",
                      "earliest_publication": "", "earliest_publication_basis": "", "duplicate_of": "", "similarity": ""} \
            | meta | {"text": doc.text}
        return {"documents": [row]}
    seg = segment(doc.text)
    n_words = 0
    anchor = parse_anchor(meta["published"])
    sentences, mentions, dates, quantities, attributions, flows, partial = [], [], [], [], [], [], []
    doc_flows = []
    countries = []
    all_dates = []
    context = DocumentContext()
    names = NameMemory()
    failures: list[str] = []

    def guarded(extractor: str, s, call, *args, **kwargs):
        """``call``'s result, or [] when it raises: one extractor failing on one sentence loses only
        its own rows there, and is reported with the sentence."""
        try:
            return call(*args, **kwargs)
        except Exception as err:  # noqa: BLE001 - the rest of the article must survive
            failures.append(f"{extractor} failed on sentence {s.sentence} ({type(err).__name__}: {err}); that "
                            f"sentence has no {extractor} rows, the rest is kept. Sentence: {s.text[:300]}")
            return []

    for s in seg.sentences:
        sentences.append({"doc_id": doc.doc_id, "paragraph": s.paragraph, "sentence": s.sentence, "start": s.start,
                          "end": s.end, "kind": s.kind, "text": s.text})
        tokens = sentence_tokens(s.text, s.start)
        n_words += sum([t.word for t in tokens])
        found_mentions = guarded("names", s, find_mentions, s.text, s.sentence, s.start, doc.text, ner_backend,
                                 tokens=tokens, names=names)
        names.learn(found_mentions)
        view = NormalizedText.of(s.text)
        found_dates = guarded("dates", s, find_dates, s.text, s.sentence, s.start, doc.text, anchor, view=view)
        all_dates += found_dates
        exclude = [(m.start, m.end) for m in found_mentions] + [(d.start, d.end) for d in found_dates]
        found_quantities = guarded("figures", s, find_quantities, s.text, s.sentence, s.start, doc.text, exclude, view=view)
        mentions += [{"doc_id": doc.doc_id} | asdict(m) for m in found_mentions]
        countries += [{"doc_id": doc.doc_id, "sentence": s.sentence, "entity_id": c}
                      for c in dict.fromkeys(country_of(m.entity_id) for m in found_mentions if m.type == "GPE" and m.entity_id)]
        dates += [{"doc_id": doc.doc_id} | _date_row(d) for d in found_dates]
        quantities += [{"doc_id": doc.doc_id} | _quantity_row(q) for q in found_quantities]
        found_attributions = guarded("statements", s, find_attributions, tokens, found_mentions, s.sentence, s.text,
                                     s.start, doc.text, context)
        update_context(context, found_mentions)
        ids = [f"{doc.doc_id}#{s.sentence}.{k}" for k in range(1, len(found_attributions) + 1)]
        attributions += [{"doc_id": doc.doc_id, "attribution_id": i} | _blank_none(asdict(a)) for i, a in zip(ids, found_attributions)]
        found_flows = guarded("transfers", s, find_flows, tokens, found_mentions, found_quantities, found_attributions,
                              ids, s.sentence, doc.text, doc_flows, found_dates)
        doc_flows += found_flows
        for f in found_flows:  # a transfer with an unknown side is kept apart: it says who, or to whom, not both
            (flows if f.from_entity_id and f.to_entity_id else partial).append({"doc_id": doc.doc_id} | _flow_row(f))
    earliest, basis = earliest_publication(all_dates)
    if failures:
        note = f"{len(failures)} extractor failure(s), see warnings.csv; every other row of the article is kept."
        base = base | {"reason": f"{base['reason']} {note}".strip()}
    row = base | {
        "n_chars": len(doc.text),
        "n_paragraphs": len(seg.paragraphs),
        "n_sentences": len(seg.sentences),
        "n_words": n_words,
        "headline": seg.headline,
        "earliest_publication": earliest,
        "earliest_publication_basis": basis,
        "duplicate_of": "",  # filled once the whole corpus is read (duplicates.near_duplicates)
        "similarity": "",
    } | meta | {"text": doc.text}
    excluded = [{"doc_id": doc.doc_id, "start": x.start, "end": x.end, "reason": x.reason, "text": x.text} for x in seg.excluded]
    return {"documents": [row], "sentences": sentences, "excluded": excluded, "mentions": mentions,
            "quantities": quantities, "dates": dates, "attributions": attributions, "flows": flows,
            "flows_partial": partial, "warnings": [{"source": doc.path, "message": m} for m in failures],
            LEDGER_INPUT: countries, SIGNATURE: [{"doc_id": doc.doc_id, "signature": signature(doc.text)}]}


LEDGER_INPUT = "_countries"  # per-sentence countries, kept for the ledger, not written as a table
SIGNATURE = "_signature"  # the article's MinHash signature, kept to find near copies, not written
FIGURES = "_figures"  # the article's ledger figures (document_figures), grouped across the corpus at the end
HIDDEN = (LEDGER_INPUT, SIGNATURE, FIGURES)  # what the workers return beside the tables


def document_figures(tables: dict[str, list[dict]]) -> list[dict]:
    """The ledger's figures of one extracted document (``claims.ledger_figures``), with the group each
    files under: all the ledger needs from the article, so that only these small rows leave the worker."""
    from .entities import registry

    data = ledger_input(tables)
    countries = defaultdict(list)
    for row in data[LEDGER_INPUT]:
        entity = registry().get(row["entity_id"])
        countries[(row["doc_id"], row["sentence"])].append(entity.name_en if entity else row["entity_id"])
    return ledger_figures(data["quantities"], data["flows"], data["attributions"], data["dates"], countries)


def _flow_row(f) -> dict:
    row = _blank_none(asdict(f))
    row["quantity_value"], row["quantity_value_max"] = _number(f.quantity_value), _number(f.quantity_value_max)
    return row


def asdict(obj) -> dict:
    """A flat dataclass as a dict (dataclasses.asdict deep-copies, which costs more than the extraction)."""
    if hasattr(obj, "__dict__"):
        return dict(obj.__dict__)  # the fields, in the order they are declared
    return {f.name: getattr(obj, f.name) for f in fields(obj)}


def _blank_none(row: dict) -> dict:
    return {k: "" if v is None else v for k, v in row.items()}


class FigureStore:
    """The corpus' ledger figures on disk (SQLite, in the output's staging folder), grouped once every
    article is read: memory stays bounded by the largest group, not by the corpus."""

    def __init__(self, path: Path):
        import sqlite3

        self.db = sqlite3.connect(path)
        self.db.execute("CREATE TABLE figures (seq INTEGER PRIMARY KEY, topic TEXT, same TEXT, doc_id TEXT, row TEXT)")

    def add(self, figures: list[dict]) -> None:
        import json

        self.db.executemany("INSERT INTO figures (topic, same, doc_id, row) VALUES (?, ?, ?, ?)",
                            [(f["topic"], f["same"], f["doc_id"], json.dumps({k: v for k, v in f.items()
                                                                              if k not in ("topic", "same")},
                                                                             ensure_ascii=False)) for f in figures])

    def claims(self, copies: dict[str, tuple[str, float]]):
        """claims.csv rows, group by group in claim order (``claims.claim_order``); ``copies`` ({copy:
        (original, similarity)}) makes near copies of one article count as one source."""
        import json

        self.db.commit()
        self.db.execute("CREATE INDEX by_group ON figures (topic, same, seq)")
        # BINARY collation orders UTF-8 text as Python orders str: the same order as claims.build_claims
        order = self.db.execute("SELECT topic, same FROM figures GROUP BY topic, same "
                                "ORDER BY -COUNT(DISTINCT doc_id), -COUNT(*), topic, same")

        def groups():
            for topic, same in order:
                rows = self.db.execute("SELECT row FROM figures WHERE topic = ? AND same = ? ORDER BY seq", (topic, same))
                yield topic, [json.loads(row) for (row,) in rows]

        yield from claim_rows(groups(), {copy: original for copy, (original, _) in copies.items()})

    def close(self) -> None:
        self.db.close()


def _number(value: float | None):
    """Integers without a trailing .0 in the CSV; None as empty."""
    if value is None:
        return ""
    return int(value) if float(value).is_integer() else value


def _quantity_row(q) -> dict:
    row = asdict(q)
    row["value"], row["value_max"] = _number(q.value), _number(q.value_max)
    return row


def _date_row(d) -> dict:
    row = asdict(d)
    for key in ("year", "month", "day"):
        row[key] = "" if row[key] is None else row[key]
    return row


def ledger_input(tables: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """What the claim ledger needs from one document: its quantities, the statements and countries of the
    sentences that hold them, and all its dates and transfers (a figure may belong to any transfer, and
    a transfer's date says when it started, for a figure "since the resumption")."""
    sentences = {(q["doc_id"], q["sentence"]) for q in tables.get("quantities", [])}
    keep = {name: [r for r in tables.get(name, []) if (r["doc_id"], r["sentence"]) in sentences]
            for name in ("attributions", LEDGER_INPUT)}
    flows = sorted(tables.get("flows", []) + tables.get("flows_partial", []), key=lambda r: (r["sentence"], r["start"]))
    # which clause of its sentence each figure, date and transfer is in: a figure is dated only by its own clause
    texts = {(s["doc_id"], s["sentence"]): (s["start"], s["text"]) for s in tables.get("sentences", [])}
    keep["flows"] = [r | {"clause": _clause(texts, r)} for r in flows]
    keep["dates"] = [d | {"clause": _clause(texts, d), "preposition": _word_before(texts, d)} for d in tables.get("dates", [])]
    return {"quantities": [q | {"clause": _clause(texts, q), "measure": _measure(texts, q), "since": _since(texts, q)}
                           for q in tables.get("quantities", [])]} | keep


def _word_before(texts: dict, row: dict) -> str:
    """The word right before a row in its sentence, normalized («منذ», «خلال», «حتى» before a date)."""
    start, text = texts.get((row["doc_id"], row["sentence"]), (row["start"], ""))
    words = normalize_text(text[:max(0, row["start"] - start)]).split()
    return words[-1] if words else ""


_SINCE = re.compile(r"منذ\s+(\S+(?:\s+\S+)?)")


def _since(texts: dict, row: dict) -> str:
    """The event a figure counts from when its clause says «منذ» + a noun after the figure («أرسلت نحو 67
    ألف برميل منذ استئناف الضخ» -> «استئناف الضخ»); "" otherwise (a date after «منذ» is a date row)."""
    start, text = texts.get((row["doc_id"], row["sentence"]), (row["start"], ""))
    after = text[max(0, row["end"] - start):]
    clause = _CLAUSE_BREAK.split(after, maxsplit=1)[0]
    found = _SINCE.search(clause)
    if not found or any(c.isdigit() for c in found.group(1)) or found.group(1).split()[0] in _not_events():
        return ""
    return found.group(1).rstrip(".،,؛")


@lru_cache(maxsize=1)
def _not_events() -> frozenset[str]:
    """data/lexicons/since_not_events.txt: «منذ سنوات» is a length of time, not an event."""
    return frozenset(load_lines("lexicons/since_not_events.txt"))


@lru_cache(maxsize=1)
def _measure_words() -> dict[str, str]:
    """data/lexicons/measures.csv: word key -> what a figure after it measures (production, exports ...)."""
    return {match_key(normalize_text(r["word"])): r["measure"] for r in load_table("lexicons/measures.csv")}


def _measure(texts: dict, row: dict) -> str:
    """What a figure measures by the last measure word before it in its sentence («يصدر», «الصادرات»: exports),
    or "" when none is said."""
    start, text = texts.get((row["doc_id"], row["sentence"]), (row["start"], ""))
    words = normalize_text(text[:max(0, row["start"] - start)]).split()
    found = ""
    for word in words:
        key = match_key(word)
        found = _measure_words().get(key) or _measure_words().get(key[1:] if key[:1] in "وف" else "") or found
    return found


# Where a clause ends inside a sentence: punctuation, and the words that open a new clause
_CLAUSE_BREAK = re.compile(r"[،,؛;:]|(?<!\S)(?:و?لكن|بينما|فيما|غير أن|إلا أن|الا أن)(?!\S)")


def _clause(texts: dict, row: dict) -> int:
    """The number of clause breaks between the start of the row's sentence and the row."""
    start, text = texts.get((row["doc_id"], row["sentence"]), (row["start"], ""))
    return len(_CLAUSE_BREAK.findall(text[:max(0, row["start"] - start)]))


def process_batch(entries: list[tuple[str, str, str, dict]], ner_backend=None) -> list[dict[str, list[dict]]]:
    """Read and extract a batch of files: [(doc_id, path, shown_path, metadata)] -> their tables, in order.

    The unit of work of every engine (one process, a process pool, a Dask cluster). A document whose
    extraction fails gets a documents row saying why; the others go on."""
    out = []
    for doc_id, path, shown, metadata, *not_a_file in entries:
        doc = read_document(Path(path), doc_id, shown, metadata, *not_a_file)
        try:
            tables = extract_document(doc, ner_backend)
        except Exception as err:  # noqa: BLE001 - one bad article must not stop a corpus
            failed = Document(doc.doc_id, doc.path, doc.encoding, "extraction_error",
                              f"The extraction failed on this file ({type(err).__name__}: {err}).", doc.text, doc.metadata,
                              doc.language)
            tables = extract_document(failed)
        try:
            tables[FIGURES] = document_figures(tables)
        except Exception as err:  # noqa: BLE001 - the article's other tables are kept
            tables[FIGURES] = []
            tables.setdefault("warnings", []).append(
                {"source": doc.path, "message": f"the claim ledger left this article out ({type(err).__name__}: {err})"})
        tables.pop(LEDGER_INPUT, None)  # what the ledger needed from it is in its figures now
        out.append(tables)
    return out


def _batches(corpus, size: int):
    batch = []
    for doc_id, path, shown in corpus.entries:
        batch.append((doc_id, str(path), shown, corpus.metadata.get(doc_id, {}), corpus.special.get(shown, "")))
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _local_results(batches, workers: int, ner_backend):
    """Batch results in corpus order, from this process or a pool of ``workers`` processes."""
    if workers <= 1 or ner_backend is not None:
        for batch in batches:
            yield process_batch(batch, ner_backend)
        return
    import multiprocessing

    context = multiprocessing.get_context("spawn")  # no fork of a process that may hold threads
    with context.Pool(workers) as pool:
        yield from pool.imap(process_batch, batches, chunksize=1)


class SchedulerUnreachable(RuntimeError):
    """The Dask scheduler given with --scheduler does not answer."""


def _dask_results(batches, workers: int, scheduler: str | None):
    """Batch results in corpus order from a Dask cluster (a local one of ``workers`` processes by default)."""
    from distributed import Client, LocalCluster

    cluster = None
    if scheduler:
        try:
            client = Client(scheduler, timeout="20s")
        except (OSError, TimeoutError) as err:
            raise SchedulerUnreachable(f"Dask scheduler {scheduler} cannot be reached ({err})") from err
    else:
        cluster = LocalCluster(n_workers=max(workers, 1), threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=40)
        client = Client(cluster)
    try:
        window = max(2 * max(workers, 1), 2)  # batches in flight: bounded memory whatever the corpus size
        pending = []
        for batch in batches:
            pending.append(client.submit(process_batch, batch, pure=False))
            if len(pending) >= window:
                yield pending.pop(0).result()
        for future in pending:
            yield future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def run_extraction(input_dir: Path, out_dir: Path, *, quiet: bool = False, ner_backend=None, workers: int = 1,
                   engine: str = "local", scheduler: str | None = None, batch_size: int = 32,
                   progress: bool | None = None, formats: tuple[str, ...] = (),
                   spreadsheet_safe: bool = False) -> dict[str, int]:
    """Extract every file of ``input_dir`` into CSV tables in ``out_dir``; return rows written per table.

    Files are read, processed and written in batches (memory does not grow with the corpus); ``workers``
    processes (``engine="local"``) or a Dask cluster (``engine="dask"``, ``scheduler`` address or a local
    cluster) share the work, and the tables are identical to one worker's. ``progress``: a tqdm bar
    (default: when stderr is a terminal and not ``quiet``). ``formats`` ("parquet", "xlsx") are written
    beside the CSV files; ``spreadsheet_safe`` neutralises formula-like cells (see ``TableWriter``). The
    tables replace OUT's previous ones only when the run completes (``tables.OutputError`` otherwise)."""
    from tqdm.auto import tqdm

    corpus = open_corpus(Path(input_dir), skip=(Path(out_dir),))
    for message in corpus.warnings:
        print(f"warning: {message}", file=sys.stderr)
    show = (not quiet and sys.stderr.isatty()) if progress is None else progress
    batches = _batches(corpus, batch_size)
    if engine == "dask":
        results = _dask_results(batches, workers, scheduler)
    elif engine == "local":
        results = _local_results(batches, workers, ner_backend)
    else:
        raise ValueError(f"unknown engine {engine!r}: use 'local' or 'dask'")
    tally = EntityTally()
    signatures: list = []  # (doc_id, MinHash signature): 512 bytes per article
    manifest = {"corpus": str(Path(input_dir).resolve()), "files": len(corpus), "workers": workers,
                "engine": engine, "batch_size": batch_size}
    with TableWriter(Path(out_dir), formats=formats, spreadsheet_safe=spreadsheet_safe,
                     manifest=manifest) as writer, tqdm(total=len(corpus), disable=not show, unit="doc",
                                                    desc="extracting", file=sys.stderr) as bar, \
            closing(FigureStore(writer.staging / "ledger.sqlite")) as store:
        writer.write("warnings", [{"source": METADATA_FILE if m.startswith(METADATA_FILE) else "corpus folder", "message": m}
                                  for m in corpus.warnings])
        for batch in results:
            for tables in batch:
                doc = tables["documents"][0]
                if doc["status"] != "ok" or doc["reason"]:  # unreadable, or read with a note (damaged bytes ...)
                    label = doc["status"] if doc["status"] != "ok" else "read, with a note"
                    if not quiet:
                        print(f"warning: {doc['path']}: {label}: {doc['reason']}", file=sys.stderr)
                    writer.write("warnings", [{"source": doc["path"], "message": f"{label}: {doc['reason']}"}])
                for name, rows in tables.items():
                    if name not in HIDDEN:
                        writer.write(name, rows)
                signatures += [(r["doc_id"], r["signature"]) for r in tables.get(SIGNATURE, [])]
                store.add(tables.get(FIGURES, []))
                tally.add(tables.get("mentions", []))
            bar.update(len(batch))
        writer.write("entities", tally.rows())
        copies = near_duplicates(signatures)
        writer.fill("documents", "doc_id", {"duplicate_of": {c: o for c, (o, _) in copies.items()},
                                            "similarity": {c: f"{s:.3f}" for c, (_, s) in copies.items()}})
        chunk = []
        for row in store.claims(copies):  # written in chunks: the ledger is never whole in memory
            chunk.append(row)
            if len(chunk) == 5000:
                writer.write("claims", chunk)
                chunk = []
        writer.write("claims", chunk)
        counts = writer.counts()
    if not quiet:
        summary = ", ".join(f"{name}: {n}" for name, n in counts.items())
        print(f"{len(corpus)} files -> {out_dir} ({summary})", file=sys.stderr)
    return counts
