"""Presentation helpers for the notebooks: Arabic sentences with highlighted spans, summaries."""
from __future__ import annotations

import html

import pandas as pd

_MARK = "background:#ffe08a;padding:0 2px;border-radius:3px"


def highlight(text: str, text_start: int, spans: list[tuple[int, int, str]]) -> str:
    """HTML of ``text`` (which starts at ``text_start`` in its document) with absolute ``spans`` marked.

    Each span is (start, end, label); the label shows as a tooltip and in small type after the mark.
    """
    pieces, cursor = [], 0
    for start, end, label in sorted(spans):
        s, e = start - text_start, end - text_start
        if s < cursor or e > len(text):
            continue
        pieces.append(html.escape(text[cursor:s]))
        tag = f'<sub style="font-size:70%;color:#555">{html.escape(label)}</sub>' if label else ""
        pieces.append(f'<mark style="{_MARK}" title="{html.escape(label)}">{html.escape(text[s:e])}</mark>{tag}')
        cursor = e
    pieces.append(html.escape(text[cursor:]))
    return f'<div dir="rtl" lang="ar" style="text-align:right;line-height:1.9">{"".join(pieces)}</div>'


def sentence_lookup(sentences: pd.DataFrame) -> dict[tuple[str, int], tuple[int, str]]:
    """(doc_id, sentence) -> (start, text) of every sentence."""
    return {(r.doc_id, r.sentence): (r.start, r.text) for r in sentences.itertuples()}


def examples_html(rows: pd.DataFrame, sentences: pd.DataFrame, label, columns: list[str], limit: int = 12) -> str:
    """An HTML table: the English columns of each row beside its Arabic sentence, the span highlighted.

    ``label`` is a function of a row giving the tooltip / subscript text.
    """
    lookup = sentence_lookup(sentences)
    head = "".join(f"<th>{html.escape(c)}</th>" for c in ["article", *columns, "sentence (Arabic original)"])
    body = []
    for row in rows.head(limit).itertuples():
        start, text = lookup[(row.doc_id, row.sentence)]
        cells = [f"<td>{html.escape(str(row.doc_id)[:3])} · s{row.sentence}</td>"]
        cells += [f"<td>{html.escape(str(getattr(row, c)))}</td>" for c in columns]
        cells.append(f"<td>{highlight(text, start, [(row.start, row.end, label(row))])}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    note = ""
    if len(rows) > limit:
        note = (f"<p><em>Showing {limit} of {len(rows):,} rows; every row is in the table files and in the "
                "explorer (notebook 07).</em></p>")
    return f'{note}<table><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def interactive_tables() -> None:
    """Show every DataFrame of the notebook as a sortable, filterable table (itables, offline: the
    JavaScript is embedded, so the rendered HTML works without a network). Large tables are
    down-sampled in the page, saying so; the table files hold every row."""
    import itables

    itables.init_notebook_mode(all_interactive=True, connected=False)
    itables.options.classes = "display compact"
    itables.options.maxBytes = "128KB"


def sentence_with_all(doc_id: str, sentence: int, sentences: pd.DataFrame, spans: pd.DataFrame, label) -> str:
    """One sentence with every span of ``spans`` that falls in it highlighted."""
    start, text = sentence_lookup(sentences)[(doc_id, sentence)]
    mine = spans[(spans.doc_id == doc_id) & (spans.sentence == sentence)]
    return highlight(text, start, [(r.start, r.end, label(r)) for r in mine.itertuples()])


def unlinked_names(mentions: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Names found but not in the registry: spelling, type, how found, counts, and one context sentence."""
    unlinked = mentions[mentions.entity_id == ""]
    if unlinked.empty:
        return pd.DataFrame(columns=["name (Arabic)", "type", "found by", "mentions", "articles", "first context"])
    lookup = sentence_lookup(sentences)
    rows = []
    for text, group in unlinked.groupby("text", sort=True):
        first = group.sort_values(["doc_id", "start"]).iloc[0]
        rows.append({
            "name (Arabic)": text,
            "type": first.type,
            "found by": first.method,
            "mentions": len(group),
            "articles": group.doc_id.nunique(),
            "first context": lookup[(first.doc_id, first.sentence)][1],
        })
    return pd.DataFrame(rows).sort_values(["mentions", "name (Arabic)"], ascending=[False, True]).reset_index(drop=True)


def per_article(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """Counts of ``column`` values per article (articles as rows), with a total column."""
    if frame.empty:
        return pd.DataFrame()
    table = pd.crosstab(frame.doc_id, frame[column])
    table["total"] = table.sum(axis=1)
    return table
