"""The one path for data: document -> sentences -> extractions -> table rows.

``extract_document`` is a pure function of one ``Document``: it returns the rows
that document contributes to every table. ``run_extraction`` streams a corpus
through it and writes the tables (see ``tables.py`` for their columns).
"""
from __future__ import annotations

import sys
from collections import defaultdict
from dataclasses import asdict
from pathlib import Path

from camel_tools.tokenizers.word import simple_word_tokenize

from .attribution import DocumentContext, find_attributions, update_context
from .claims import build_claims
from .dates import earliest_publication, find_dates, parse_anchor
from .entities import EntityTally, find_mentions, sentence_tokens
from .flows import country_of, find_flows
from .ingest import Document, open_corpus
from .quantities import find_quantities
from .segment import segment
from .tables import TableWriter


def extract_document(doc: Document, ner_backend=None) -> dict[str, list[dict]]:
    """Return {table name: rows} for one document; unreadable documents give only their documents row.

    ``ner_backend`` (optional, see ``ner.py``) adds camel-tools NER mentions under the registry's.
    """
    meta = {c: doc.metadata.get(c, "") for c in ("title", "outlet", "url", "published")}
    base = {"doc_id": doc.doc_id, "path": doc.path, "encoding": doc.encoding, "status": doc.status, "reason": doc.reason}
    if not doc.ok:
        row = base | {"n_chars": len(doc.text), "n_paragraphs": 0, "n_sentences": 0, "n_words": 0, "headline": "",
                      "earliest_publication": "", "earliest_publication_basis": ""} | meta | {"text": doc.text}
        return {"documents": [row]}
    seg = segment(doc.text)
    n_words = sum(sum(any(ch.isalnum() for ch in tok) for tok in simple_word_tokenize(s.text)) for s in seg.sentences)
    anchor = parse_anchor(meta["published"])
    sentences, mentions, dates, quantities, attributions, flows = [], [], [], [], [], []
    doc_flows = []
    countries = []
    all_dates = []
    context = DocumentContext()
    for s in seg.sentences:
        sentences.append({"doc_id": doc.doc_id, "paragraph": s.paragraph, "sentence": s.sentence, "start": s.start,
                          "end": s.end, "kind": s.kind, "text": s.text})
        tokens = sentence_tokens(s.text, s.start)
        found_mentions = find_mentions(s.text, s.sentence, s.start, doc.text, ner_backend, tokens=tokens)
        found_dates = find_dates(s.text, s.sentence, s.start, doc.text, anchor)
        all_dates += found_dates
        exclude = [(m.start, m.end) for m in found_mentions] + [(d.start, d.end) for d in found_dates]
        found_quantities = find_quantities(s.text, s.sentence, s.start, doc.text, exclude)
        mentions += [{"doc_id": doc.doc_id} | asdict(m) for m in found_mentions]
        countries += [{"doc_id": doc.doc_id, "sentence": s.sentence, "entity_id": c}
                      for c in dict.fromkeys(country_of(m.entity_id) for m in found_mentions if m.type == "GPE" and m.entity_id)]
        dates += [{"doc_id": doc.doc_id} | _date_row(d) for d in found_dates]
        quantities += [{"doc_id": doc.doc_id} | _quantity_row(q) for q in found_quantities]
        found_attributions = find_attributions(tokens, found_mentions, s.sentence, s.text, s.start, doc.text, context)
        update_context(context, found_mentions)
        ids = [f"{doc.doc_id}#{s.sentence}.{k}" for k in range(1, len(found_attributions) + 1)]
        attributions += [{"doc_id": doc.doc_id, "attribution_id": i} | _blank_none(asdict(a)) for i, a in zip(ids, found_attributions)]
        found_flows = find_flows(tokens, found_mentions, found_quantities, found_attributions, ids, s.sentence, doc.text, doc_flows)
        doc_flows += found_flows
        flows += [{"doc_id": doc.doc_id} | _flow_row(f) for f in found_flows]
    earliest, basis = earliest_publication(all_dates)
    row = base | {
        "n_chars": len(doc.text),
        "n_paragraphs": len(seg.paragraphs),
        "n_sentences": len(seg.sentences),
        "n_words": n_words,
        "headline": seg.headline,
        "earliest_publication": earliest,
        "earliest_publication_basis": basis,
    } | meta | {"text": doc.text}
    excluded = [{"doc_id": doc.doc_id, "start": x.start, "end": x.end, "reason": x.reason, "text": x.text} for x in seg.excluded]
    return {"documents": [row], "sentences": sentences, "excluded": excluded, "mentions": mentions,
            "quantities": quantities, "dates": dates, "attributions": attributions, "flows": flows,
            LEDGER_INPUT: countries}


LEDGER_INPUT = "_countries"  # per-sentence countries, kept for the ledger, not written as a table


def _flow_row(f) -> dict:
    row = _blank_none(asdict(f))
    row["quantity_value"], row["quantity_value_max"] = _number(f.quantity_value), _number(f.quantity_value_max)
    return row


def _blank_none(row: dict) -> dict:
    return {k: "" if v is None else v for k, v in row.items()}


def ledger_rows(ledger: dict) -> list[dict]:
    """claims.csv rows from the corpus' quantities, flows, statements, dates and per-sentence countries."""
    from .entities import registry

    countries = defaultdict(list)
    for row in ledger[LEDGER_INPUT]:
        entity = registry().get(row["entity_id"])
        countries[(row["doc_id"], row["sentence"])].append(entity.name_en if entity else row["entity_id"])
    return build_claims(ledger["quantities"], ledger["flows"], ledger["attributions"], ledger["dates"], countries)


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


def run_extraction(input_dir: Path, out_dir: Path, *, quiet: bool = False, ner_backend=None) -> dict[str, int]:
    """Extract every file of ``input_dir`` into CSV tables in ``out_dir``; return rows written per table."""
    corpus = open_corpus(Path(input_dir))
    for message in corpus.warnings:
        print(f"warning: {message}", file=sys.stderr)
    tally = EntityTally()
    ledger = {"quantities": [], "flows": [], "attributions": [], "dates": [], LEDGER_INPUT: []}
    with TableWriter(Path(out_dir)) as writer:
        writer.write("warnings", [{"source": "metadata.csv", "message": m} for m in corpus.warnings])
        for doc in corpus.documents():
            tables = extract_document(doc, ner_backend)
            if not doc.ok:
                print(f"warning: {doc.path}: {doc.status}: {doc.reason}", file=sys.stderr)
                writer.write("warnings", [{"source": doc.path, "message": f"{doc.status}: {doc.reason}"}])
            for name, rows in tables.items():
                if name in ledger:
                    ledger[name].extend(rows)
                if name != LEDGER_INPUT:
                    writer.write(name, rows)
            tally.add(tables.get("mentions", []))
        writer.write("entities", tally.rows())
        writer.write("claims", ledger_rows(ledger))
        counts = writer.counts()
    if not quiet:
        summary = ", ".join(f"{name}: {n}" for name, n in counts.items())
        print(f"{len(corpus)} files -> {out_dir} ({summary})", file=sys.stderr)
    return counts
