"""The cross-article claim ledger: comparable figures grouped by what they measure.

A figure carried by a transfer (``flows``) is filed under that transfer ("munitions and weapons sent
from North Korea to Russia"); a cap under "cap on ... imports"; other figures under what they count
and the countries their sentence names. Within a group, the same figure given by several articles
is one figure with several sources; the group's agreement is *single source*, *consistent*,
*conflicting* or *different units*, with a one-line English explanation.
"""
from __future__ import annotations

from collections import defaultdict

from .flows import commodity_group

_COMPARABLE_KINDS = {"count", "currency", "percent", "volume", "mass"}
_TOLERANCE = 0.1  # "about 67,000" and "67,500" agree


def _num(value) -> float | None:
    if value in ("", None):
        return None
    return float(value)


def interval(value: float, value_max: float | None, qualifier: str) -> tuple[float, float]:
    """The range of values a qualified figure allows: about x = x ± 10 %, more than x = (x, ∞) ..."""
    if value_max is not None:
        return value, value_max
    if qualifier == "about":
        return value * (1 - _TOLERANCE), value * (1 + _TOLERANCE)
    if qualifier in ("more than", "at least"):
        return value, float("inf")
    if qualifier in ("up to", "less than"):
        return 0.0, value
    return value * (1 - _TOLERANCE / 10), value * (1 + _TOLERANCE / 10)


def _fmt(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def _plural(unit: str, value: float | None) -> str:
    if not unit or value == 1 or unit.endswith("s") or unit in ("percent",):
        return unit
    return unit + "s"


def _figure_label(row: dict) -> str:
    qualifier = "" if row["qualifier"] in ("exact", "") else row["qualifier"] + " "
    number = _fmt(_num(row["value"])) + (f"–{_fmt(_num(row['value_max']))}" if row["value_max"] not in ("", None) else "")
    what = _plural(row["unit"], _num(row["value"])) if row["unit"] else (row["item_en"] or "units")
    rate = f" {row['rate']}" if row.get("rate") else ""
    return f"{qualifier}{number} {what}{rate}".strip()


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def date_label(d: dict) -> str:
    """"2024-06-19", "2022-12", "2022", "September (year not given)", or "" when the row says nothing."""
    year, month, day = (d.get(k, "") for k in ("year", "month", "day"))
    if d.get("iso"):
        return d["iso"]
    if year != "" and month != "":
        return f"{int(year):04d}-{int(month):02d}"
    if year != "":
        return f"{int(year):04d}"
    if month != "":
        return f"{_MONTHS[int(month) - 1]} (year not given)"
    return ""


def _topic_of_flow(flow: dict) -> str:
    sender = flow["from_name_en"] or "an unnamed sender"
    receiver = flow["to_name_en"] or "an unnamed receiver"
    goods = commodity_group(flow["commodity"])
    if flow["status"] == "capped":
        return f"cap on {goods} imports by {receiver}"
    if flow["status"] == "requested":
        return f"{goods} requested by {receiver} from {sender}"
    if flow["status"] == "planned":  # a plan is not compared with what was sent
        return f"{goods} planned to go from {sender} to {receiver}"
    if flow["status"] == "conditional":  # nor is what would be sent if something happened
        return f"{goods} that would go from {sender} to {receiver} (conditional)"
    return f"{goods} sent from {sender} to {receiver}"


def build_claims(quantities: list[dict], flows: list[dict], attributions: list[dict], dates: list[dict],
                 countries_by_sentence: dict[tuple[str, int], list[str]]) -> list[dict]:
    """claims.csv rows: one per figure, grouped into claims with their agreement."""
    flow_by_quantity = {(f["doc_id"], f["quantity_text"], f["sentence"]): f for f in flows if f["quantity_text"]}
    speakers = defaultdict(list)
    for a in attributions:
        speakers[(a["doc_id"], a["sentence"])].append(a["speaker_name_en"] or a["speaker_text"])
    when = {}
    for d in dates:  # the first dated expression of the figure's sentence
        label = date_label(d)
        if label:
            when.setdefault((d["doc_id"], d["sentence"]), label)
    groups: dict[str, list[dict]] = defaultdict(list)
    for q in quantities:
        flow = flow_by_quantity.get((q["doc_id"], q["text"], q["sentence"]))
        if flow is None and q["kind"] not in _COMPARABLE_KINDS:
            continue
        if flow is not None:
            topic = _topic_of_flow(flow)
        else:
            what = q["item_en"] or q["unit"] or "figures"
            rate = f" {q['rate']}" if q["rate"] else ""
            places = countries_by_sentence.get((q["doc_id"], q["sentence"]), [])
            where = f" ({', '.join(places[:2])})" if places else ""
            topic = f"{what}{rate}{where}"
        key = (q["doc_id"], q["sentence"])
        groups[topic].append({
            "doc_id": q["doc_id"], "sentence": q["sentence"], "start": q["start"], "end": q["end"], "text": q["text"],
            "value": q["value"], "value_max": q["value_max"], "qualifier": q["qualifier"], "unit": q["unit"],
            "item_en": q["item_en"], "rate": q["rate"],
            "attributed_to": "; ".join(dict.fromkeys(speakers.get(key, []))) or "(the article itself)",
            "date": when.get(key, ""),
        })
    rows = []
    for number, topic in enumerate(sorted(groups, key=lambda t: (-len({r["doc_id"] for r in groups[t]}), -len(groups[t]), t)), start=1):
        claim_id = f"C{number:03d}"
        figures = groups[topic]
        agreement, explanation, figure_ids = assess(figures)
        n_sources = defaultdict(set)
        for f, fid in zip(figures, figure_ids):
            n_sources[fid].add(f["doc_id"])
        for f, fid in sorted(zip(figures, figure_ids), key=lambda x: (x[0]["doc_id"], x[0]["start"])):
            rows.append({"claim_id": claim_id, "topic": topic, "agreement": agreement, "explanation": explanation,
                         "figure_id": f"{claim_id}.{fid}", "n_sources": len(n_sources[fid])} | f)
    return rows


def assess(figures: list[dict]) -> tuple[str, str, list[int]]:
    """(agreement, English explanation, figure number of each row): one figure per distinct value and unit."""
    keys = [(_num(f["value"]), _num(f["value_max"]), f["unit"] or f["item_en"], f["rate"]) for f in figures]
    distinct = list(dict.fromkeys(keys))
    figure_ids = [distinct.index(k) + 1 for k in keys]
    docs = {f["doc_id"] for f in figures}
    labels = list(dict.fromkeys(_figure_label(f) for f in figures))
    if len(docs) == 1 and len(distinct) == 1:
        return "single source", f"Only one article gives a figure: {labels[0]}.", figure_ids
    units = {(k[2], k[3]) for k in distinct}
    if len(units) > 1:
        names = ", ".join(sorted({u or "units" for u, _ in units}))
        who = "One article gives" if len(docs) == 1 else f"{len(docs)} articles give"
        return ("different units", f"{who} {'; '.join(labels)}: counted in different units "
                f"({names}), so they cannot be compared directly.", figure_ids)
    spans = [interval(_num(f["value"]), _num(f["value_max"]), f["qualifier"]) for f in figures]
    low, high = max(s[0] for s in spans), min(s[1] for s in spans)
    if len(distinct) == 1:
        return "consistent", f"{len(docs)} articles give the same figure: {labels[0]}.", figure_ids
    if low <= high:
        return "consistent", f"The figures agree within their qualifiers: {'; '.join(labels)}.", figure_ids
    return "conflicting", f"The figures cannot all be true together: {'; '.join(labels)}.", figure_ids
