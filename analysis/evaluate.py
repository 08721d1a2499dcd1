"""Scoring extracted tables against gold annotations (precision, recall, F1)."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float
    true_positives: int
    predicted: int
    gold: int


def _as_str(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    out = frame.copy()
    for c in columns:
        out[c] = out[c].map(lambda v: "" if v is None or (isinstance(v, float) and pd.isna(v)) else (
            str(int(v)) if isinstance(v, float) and float(v).is_integer() else str(v)))
    return out


def score(predicted: pd.DataFrame, gold: pd.DataFrame, fields: list[str], *, overlap: bool = False) -> Score:
    """Match rows one to one: same doc_id, same ``fields`` and the same span (or, with ``overlap``,
    overlapping spans). Returns precision, recall and F1 over the matches."""
    pred = _as_str(predicted, fields).reset_index(drop=True)
    gold = _as_str(gold, fields).reset_index(drop=True)
    used: set[int] = set()
    tp = 0
    by_doc = {doc: grp for doc, grp in pred.groupby("doc_id")}
    for g in gold.itertuples(index=False):
        candidates = by_doc.get(g.doc_id)
        if candidates is None:
            continue
        for idx, p in candidates.iterrows():
            if idx in used or any(getattr(g, f) != p[f] for f in fields):
                continue
            same = (p["start"], p["end"]) == (g.start, g.end)
            if same or (overlap and p["start"] < g.end and g.start < p["end"]):
                used.add(idx)
                tp += 1
                break
    precision = tp / len(pred) if len(pred) else 1.0
    recall = tp / len(gold) if len(gold) else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(precision, recall, f1, tp, len(pred), len(gold))
