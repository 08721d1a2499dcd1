"""The one path for data: document -> sentences -> extractions -> table rows.

``extract_document`` is a pure function of one ``Document``: it returns the rows
that document contributes to every table. ``run_extraction`` streams a corpus
through it and writes the tables (see ``tables.py`` for their columns).
"""
from __future__ import annotations

import sys
from pathlib import Path

from camel_tools.tokenizers.word import simple_word_tokenize

from .ingest import Document, open_corpus
from .segment import segment
from .tables import TableWriter


def extract_document(doc: Document) -> dict[str, list[dict]]:
    """Return {table name: rows} for one document; unreadable documents give only their documents row."""
    meta = {c: doc.metadata.get(c, "") for c in ("title", "outlet", "url", "published")}
    base = {"doc_id": doc.doc_id, "path": doc.path, "encoding": doc.encoding, "status": doc.status, "reason": doc.reason}
    if not doc.ok:
        row = base | {"n_chars": len(doc.text), "n_paragraphs": 0, "n_sentences": 0, "n_words": 0, "headline": ""} | meta | {"text": doc.text}
        return {"documents": [row]}
    seg = segment(doc.text)
    n_words = sum(sum(any(ch.isalnum() for ch in tok) for tok in simple_word_tokenize(s.text)) for s in seg.sentences)
    row = base | {
        "n_chars": len(doc.text),
        "n_paragraphs": len(seg.paragraphs),
        "n_sentences": len(seg.sentences),
        "n_words": n_words,
        "headline": seg.headline,
    } | meta | {"text": doc.text}
    sentences = [
        {"doc_id": doc.doc_id, "paragraph": s.paragraph, "sentence": s.sentence, "start": s.start, "end": s.end, "kind": s.kind, "text": s.text}
        for s in seg.sentences
    ]
    excluded = [{"doc_id": doc.doc_id, "start": x.start, "end": x.end, "reason": x.reason, "text": x.text} for x in seg.excluded]
    return {"documents": [row], "sentences": sentences, "excluded": excluded}


def run_extraction(input_dir: Path, out_dir: Path, *, quiet: bool = False) -> dict[str, int]:
    """Extract every file of ``input_dir`` into CSV tables in ``out_dir``; return rows written per table."""
    corpus = open_corpus(Path(input_dir))
    for message in corpus.warnings:
        print(f"warning: {message}", file=sys.stderr)
    with TableWriter(Path(out_dir)) as writer:
        writer.write("warnings", [{"source": "metadata.csv", "message": m} for m in corpus.warnings])
        for doc in corpus.documents():
            tables = extract_document(doc)
            if not doc.ok:
                print(f"warning: {doc.path}: {doc.status}: {doc.reason}", file=sys.stderr)
                writer.write("warnings", [{"source": doc.path, "message": f"{doc.status}: {doc.reason}"}])
            for name, rows in tables.items():
                writer.write(name, rows)
        counts = writer.counts()
    if not quiet:
        summary = ", ".join(f"{name}: {n}" for name, n in counts.items())
        print(f"{len(corpus)} files -> {out_dir} ({summary})", file=sys.stderr)
    return counts
