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


@dataclass(frozen=True)
class LedgerScore:
    """How the ledger's groups compare with gold groups (tests/gold/claims.csv)."""
    pair_precision: float  # of the pairs of gold figures the ledger puts in one group, the share gold groups too
    pair_recall: float  # of the pairs gold groups, the share the ledger groups too
    verdict_accuracy: float  # gold groups whose main ledger group has the gold verdict
    figures_found: int  # gold figures found in the ledger
    figures: int
    misses: tuple[str, ...]  # one line per wrong pair, missing figure or verdict


def score_ledger(claims: pd.DataFrame, documents: pd.DataFrame, gold: pd.DataFrame) -> LedgerScore:
    """Score claims.csv against gold ledger rows (columns doc, sentence, figure, group, verdict): a gold
    figure is the ledger row of its article (whose file name starts with ``doc``) and sentence whose text
    holds the figure's fragment (or lies inside it)."""
    from itertools import combinations

    path_of = dict(zip(documents["doc_id"], documents["path"]))
    located: list[tuple[int, str]] = []  # (gold row, claim_id or "")
    for k, g in enumerate(gold.itertuples(index=False)):
        rows = claims[[path_of.get(d, "").startswith(str(g.doc)) for d in claims["doc_id"]]]
        rows = rows[rows["sentence"].astype(int) == int(g.sentence)]
        hit = rows[[g.figure in t or t in g.figure for t in rows["text"]]]
        located.append((k, hit["claim_id"].iloc[0] if len(hit) else ""))
    groups = list(gold["group"])
    gold_pairs = {(a, b) for (a, _), (b, _) in combinations(located, 2) if groups[a] == groups[b]}
    ledger_pairs = {(a, b) for (a, ca), (b, cb) in combinations(located, 2) if ca and ca == cb}
    label = lambda k: f"{gold.iloc[k]['doc']} s{gold.iloc[k]['sentence']} «{gold.iloc[k]['figure']}»"  # noqa: E731
    misses = [f"missing from the ledger: {label(k)}" for k, c in located if not c]
    misses += [f"grouped, gold apart: {label(a)} + {label(b)}" for a, b in sorted(ledger_pairs - gold_pairs)]
    misses += [f"apart, gold grouped: {label(a)} + {label(b)}" for a, b in sorted(gold_pairs - ledger_pairs)]
    verdicts = dict(zip(claims["claim_id"], claims["agreement"]))
    right = 0
    for group in dict.fromkeys(groups):
        members = [c for k, c in located if groups[k] == group and c]
        main = max(set(members), key=members.count) if members else ""
        expected = gold[gold["group"] == group]["verdict"].iloc[0]
        if verdicts.get(main) == expected:
            right += 1
        else:
            misses.append(f"verdict of {group}: {verdicts.get(main, 'not in the ledger')}, gold {expected}")
    both = gold_pairs & ledger_pairs
    return LedgerScore(len(both) / len(ledger_pairs) if ledger_pairs else 1.0,
                       len(both) / len(gold_pairs) if gold_pairs else 1.0,
                       right / len(set(groups)) if groups else 1.0,
                       sum(1 for _, c in located if c), len(located), tuple(misses))
