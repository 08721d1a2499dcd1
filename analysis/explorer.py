"""Interactive explorer: pick an entity, a commodity or a claim group and read every sentence behind it.

The filtering functions are plain pandas (tested); ``explorer`` wraps them in ipywidgets for JupyterLab.
"""
from __future__ import annotations

import html

import pandas as pd

from .display import highlight, sentence_lookup

KINDS = ("entity", "commodity", "claim")


def choices(tables: dict[str, pd.DataFrame], kind: str) -> list[tuple[str, str]]:
    """(label, value) options for a kind, most frequent first; labels in English with the Arabic beside."""
    if kind == "entity":
        linked = tables["entities"][tables["entities"].entity_id != ""]
        linked = linked.sort_values(["n_mentions", "entity_id"], ascending=[False, True])
        return [(f"{r.name_en} — {r.name_ar} ({r.n_mentions})", r.entity_id) for r in linked.itertuples()]
    if kind == "commodity":
        counts = tables["flows"].groupby("commodity").size().sort_values(ascending=False, kind="stable")
        return [(f"{c} ({n})", c) for c, n in sorted(counts.items(), key=lambda x: (-x[1], x[0]))]
    if kind == "claim":
        groups = tables["claims"].drop_duplicates("claim_id")
        return [(f"{r.claim_id} {r.topic} [{r.agreement}]", r.claim_id) for r in groups.itertuples()]
    raise ValueError(f"unknown kind {kind!r}; use one of {KINDS}")


def evidence(tables: dict[str, pd.DataFrame], kind: str, value: str) -> pd.DataFrame:
    """Every span behind a choice: doc_id, sentence, start, end, label, with the sentence's start and text."""
    if kind == "entity":
        rows = tables["mentions"][tables["mentions"].entity_id == value]
        rows = rows.assign(label=rows.type + " " + rows.name_en)
    elif kind == "commodity":
        rows = tables["flows"][tables["flows"].commodity == value]
        rows = rows.assign(label=rows.from_name_en.replace("", "?") + " → " + rows.to_name_en.replace("", "?") + " (" + rows.status + ")")
    elif kind == "claim":
        rows = tables["claims"][tables["claims"].claim_id == value]
        rows = rows.assign(label=rows.figure_id + ": " + rows.attributed_to)
    else:
        raise ValueError(f"unknown kind {kind!r}; use one of {KINDS}")
    lookup = sentence_lookup(tables["sentences"])
    out = rows[["doc_id", "sentence", "start", "end", "label"]].copy()
    out["sentence_start"] = [lookup[(d, s)][0] for d, s in zip(out.doc_id, out.sentence)]
    out["sentence_text"] = [lookup[(d, s)][1] for d, s in zip(out.doc_id, out.sentence)]
    return out.sort_values(["doc_id", "sentence", "start"]).reset_index(drop=True)


def evidence_html(tables: dict[str, pd.DataFrame], kind: str, value: str, max_sentences: int | None = None) -> str:
    """The evidence as HTML: one block per sentence, every span of the choice highlighted, article named;
    the first ``max_sentences`` sentences when given (the count of all is stated)."""
    found = evidence(tables, kind, value)
    if found.empty:
        return "<p><em>No sentence.</em></p>"
    titles = dict(zip(tables["documents"].doc_id, tables["documents"].headline))
    blocks = [f"<p><strong>{len(found)}</strong> span(s) in <strong>{found.doc_id.nunique()}</strong> article(s)</p>"]
    groups = list(found.groupby(["doc_id", "sentence"], sort=True))
    if max_sentences is not None and len(groups) > max_sentences:
        blocks.append(f"<p><em>The first {max_sentences} of {len(groups):,} sentences; the explorer in JupyterLab "
                      "(make lab) shows them all.</em></p>")
        groups = groups[:max_sentences]
    for (doc_id, sentence), group in groups:
        first = group.iloc[0]
        spans = [(r.start, r.end, r.label) for r in group.itertuples()]
        head = html.escape(f"{doc_id} · sentence {sentence}" + (f" · {titles.get(doc_id)}" if titles.get(doc_id) else ""))
        blocks.append(f'<div style="margin:0.6em 0"><div style="color:#555;font-size:85%">{head}</div>'
                      f"{highlight(first.sentence_text, int(first.sentence_start), spans)}</div>")
    return "\n".join(blocks)


def explorer(tables: dict[str, pd.DataFrame]):
    """An ipywidgets explorer: choose what to look at, then which one; the sentences appear below."""
    import ipywidgets as widgets

    kind = widgets.ToggleButtons(options=[("Entity", "entity"), ("Commodity", "commodity"), ("Claim group", "claim")])
    pick = widgets.Dropdown(options=choices(tables, "entity"), layout=widgets.Layout(width="70%"))
    out = widgets.HTML()

    def refresh(*_):
        out.value = evidence_html(tables, kind.value, pick.value) if pick.value else ""

    def on_kind(change):
        pick.options = choices(tables, change["new"])
        refresh()

    kind.observe(on_kind, names="value")
    pick.observe(refresh, names="value")
    refresh()
    return widgets.VBox([kind, pick, out])
