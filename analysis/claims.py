"""The cross-article claim ledger: comparable figures grouped by what they measure.

A figure carried by a transfer (``flows``) is filed under that transfer ("munitions and weapons sent
from North Korea to Russia"); a cap under "cap on ... imports"; other figures under what they count
and the countries their sentence names. Within a group, the same figure given by several articles
is one figure with several sources. A group's verdict (``VERDICTS``) comes with a one-line English
explanation. Vague amounts («آلاف», «ملايين») are shown as an order of magnitude ("millions of") and
never make a conflict. Each figure is attributed to the statement of its own clause (or its transfer's),
and dated by a date in its own clause only.
"""
from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from .flows import commodity_group
from .resources import load_table

_COMPARABLE_KINDS = {"count", "currency", "percent", "volume", "mass"}
_TOLERANCE = 0.1  # "about 67,000" and "67,500" agree
VAGUE = "several"  # the quantities' qualifier of «آلاف», «ملايين», «عشرات الآلاف»: an order of magnitude

# verdict -> what it means, for the notebooks and the README
VERDICTS = {
    "single source": "one article gives one figure: nothing to compare it with",
    "restated": "several articles give the very same figure (often one source copied): it counts once",
    "agree": "the figures differ but can all be true within their qualifiers («نحو», «أكثر من»)",
    "conflicting": "the figures measure the same thing and cannot all be true: both are given, with their "
                   "ratio and the more conservative one",
    "not comparable": "the figures are about the same transfer or thing but counted in different units "
                      "(tonnes, shells, containers): shown side by side, never called a conflict",
}


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


def magnitude_words(value: float) -> str:
    """The order of magnitude of a vague amount in words: 20 -> "tens", 3,000 -> "thousands",
    20,000 -> "tens of thousands", 2,000,000 -> "millions"."""
    for size, word in ((1e9, "billions"), (1e6, "millions"), (1e3, "thousands"), (1e2, "hundreds"), (1e1, "tens")):
        if value >= size:
            times = value / size
            return ("hundreds of " if times >= 100 else "tens of " if times >= 10 else "") + word
    return "a few"


def figure_label(row: dict) -> str:
    """A figure in English: "about 67,000 barrels", "millions of missiles", "at least 10,000 shells per day"."""
    what = _plural(row["unit"], 2) if row["unit"] else (row["item_en"] or "units")
    rate = f" {row['rate']}" if row.get("rate") else ""
    if row["qualifier"] == VAGUE and _num(row["value"]) is not None:
        return f"{magnitude_words(_num(row['value']))} of {what}{rate}"
    qualifier = "" if row["qualifier"] in ("exact", "") else row["qualifier"] + " "
    number = _fmt(_num(row["value"])) + (f"–{_fmt(_num(row['value_max']))}" if row["value_max"] not in ("", None) else "")
    what = _plural(row["unit"], _num(row["value"])) if row["unit"] else (row["item_en"] or "units")
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


def topic_of_flow(flow: dict) -> str:
    """What a transfer's figures measure: "oil and fuel sent from Russia to North Korea", "... planned to go ..."."""
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
                 countries_by_sentence: dict[tuple[str, int], list[str]],
                 original_of: dict[str, str] | None = None) -> list[dict]:
    """claims.csv rows: one per figure, grouped into claims with their agreement (all in memory; the
    pipeline does the same with the figures on disk). ``original_of`` maps a near copy to the article it
    copies: copies count once in ``n_independent_sources``."""
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for figure in ledger_figures(quantities, flows, attributions, dates, countries_by_sentence):
        groups[(figure.pop("topic"), figure.pop("same"))].append(figure)
    order = sorted(groups, key=lambda g: claim_order(g[0], g[1], len({f["doc_id"] for f in groups[g]}), len(groups[g])))
    return list(claim_rows(((topic, groups[(topic, same)]) for topic, same in order), original_of))


def claim_order(topic: str, same: str, n_docs: int, n_figures: int) -> tuple:
    """Where a group comes in claims.csv: the groups most articles give first, then by size and topic."""
    return -n_docs, -n_figures, topic, same


def ledger_figures(quantities: list[dict], flows: list[dict], attributions: list[dict], dates: list[dict],
                   countries_by_sentence: dict[tuple[str, int], list[str]]) -> list[dict]:
    """The ledger's figures of an article (or several): each quantity with a measure the ledger can name,
    with the group it files under (``topic`` and ``same``, a text key) and its source and date. Everything
    here is known from the article alone, so it is computed where the article is extracted."""
    flow_by_quantity = {(f["doc_id"], f["quantity_text"], f["sentence"]): f for f in flows if f["quantity_text"]}
    statements = defaultdict(list)
    by_id = {}
    for a in attributions:
        statements[(a["doc_id"], a["sentence"])].append(a)
        if a.get("attribution_id"):
            by_id[a["attribution_id"]] = a
    when = defaultdict(list)  # (doc, sentence, clause) -> its dates: (label, the word before it)
    for d in dates:
        label = date_label(d)
        if label:
            when[(d["doc_id"], d["sentence"], d.get("clause", 0))].append((label, d.get("preposition", "")))
    # when each transfer started, as far as the article dates it: the first date of a clause that reports it
    # («بدأت في إرسال ... خلال ديسمبر 2022»), a «منذ ...» date excepted («للمرة الأولى منذ عام 2020»)
    started: dict[tuple[str, str], str] = {}
    for f in flows:
        labels = [label for label, before in when.get((f["doc_id"], f["sentence"], f.get("clause", 0)), [])
                  if before not in _period_words()]  # a date after «منذ», «حتى» ... is no start
        if labels and f.get("from_name_en") and f.get("to_name_en"):
            topic = (f["doc_id"], topic_of_flow(f))
            started[topic] = min(started.get(topic, labels[0]), labels[0])
    # A figure carried by a transfer is filed under the transfer's topic; the same figure repeated elsewhere
    # in its article without the transfer («180 دبابة» in the headline, then in the body) joins it there.
    flow_of = {id(q): _carried_goods(flow_by_quantity.get((q["doc_id"], q["text"], q["sentence"])), flows)
               for q in quantities}
    transfer_of_figure = {(q["doc_id"], _num(q["value"]), _num(q["value_max"]), q["unit"] or q["item_en"]): flow_of[id(q)]
                          for q in quantities if flow_of[id(q)] is not None}
    # the article's transfers by what they carry: a figure of soldiers in a sentence naming Russia belongs to
    # the article's one transfer of troops to (or from) Russia, with no transfer verb of its own
    transfers_of = defaultdict(set)
    for f in flows:
        if f.get("from_name_en") and f.get("to_name_en") and f.get("status") in ("reported", "alleged"):
            transfers_of[(f["doc_id"], commodity_group(f["commodity"]))].add(
                (f["from_name_en"], f["to_name_en"], topic_of_flow(f)))
    # first, what each figure is filed under when a transfer says it; figures with no measure stay out
    filed = []  # (quantity, its transfer or None, the topic of the transfer it is filed under or None)
    for q in quantities:
        flow = flow_of[id(q)] or transfer_of_figure.get((q["doc_id"], _num(q["value"]), _num(q["value_max"]),
                                                         q["unit"] or q["item_en"]))
        if flow is None and (q["kind"] not in _COMPARABLE_KINDS or not (q["item_en"] or q["unit"])
                             or q["kind"] == "percent" and not q["item_en"]):
            continue  # no measure the ledger can name: a time of day, a bare number, a share of nothing named
        topic = topic_of_flow(flow) if flow is not None else None
        # (a figure of what was fired, produced or held, or a rate, is no amount of the transfer)
        if flow is None and _item_category(q["item_en"]) and not q["rate"] and q.get("measure", "") in ("", "exports", "imports"):
            places = set(countries_by_sentence.get((q["doc_id"], q["sentence"]), []))
            candidates = transfers_of.get((q["doc_id"], commodity_group(_item_category(q["item_en"]))), set())
            # (a sentence that names no country at all speaks of the article's transfer)
            if len({t for _, _, t in candidates}) == 1 and (not places or any(a in places or b in places
                                                                              for a, b, _ in candidates)):
                topic = next(iter(candidates))[2]
        filed.append((q, flow, topic))
    # figures with no transfer, several in one sentence after the same measure word (a monthly series, a
    # total and its part, one amount in two units): one group per sentence and measure word
    fallback = defaultdict(int)
    for q, _, topic in filed:
        if topic is None:
            fallback[(q["doc_id"], q["sentence"], q.get("measure", ""))] += 1
    first_topic: dict[tuple, str] = {}  # a figure repeated in its article keeps the topic of its first mention
    out = []
    for q, flow, topic in filed:
        if topic is not None:
            same = ""
        else:
            what = q["item_en"] or q["unit"] or "figures"
            rate = f" {q['rate']}" if q["rate"] else ""
            places = countries_by_sentence.get((q["doc_id"], q["sentence"]), [])
            where = f" ({', '.join(places[:2])})" if places else ""
            measure = q.get("measure", "")
            if fallback[(q["doc_id"], q["sentence"], measure)] > 1:
                topic = f"{measure or 'figures'} ({', '.join(places[:2]) or 'no country named'}), one sentence"
                same = f"{q['doc_id']} sentence {q['sentence']}"
            else:
                # with no transfer to say what it measures, a figure joins only the same figure (restated,
                # here or in another article): production and exports, a total and a part, are never pooled;
                # repeated in its own article («6 دول» in the headline and the body), it is one figure
                same = f"{_num(q['value'])}|{_num(q['value_max'])}|{q['qualifier'] == VAGUE}"
                topic = first_topic.setdefault((q["doc_id"], same, q["unit"] or q["item_en"], q["rate"]),
                                               f"{what}{rate}{where}" + (f": {measure}" if measure else ""))
        key = (q["doc_id"], q["sentence"])
        own = when.get(key + (q.get("clause", 0),)) or [("", "")]
        out.append({
            "topic": topic, "same": same,
            "doc_id": q["doc_id"], "sentence": q["sentence"], "start": q["start"], "end": q["end"], "text": q["text"],
            "value": q["value"], "value_max": q["value_max"], "qualifier": q["qualifier"], "unit": q["unit"],
            "item_en": q["item_en"], "rate": q["rate"],
            "attributed_to": _source(q, flow, statements.get(key, []), by_id),
            "date": own[0][0],
            "period": _period(own[0], q.get("since", ""), started.get((q["doc_id"], topic)) if flow else None),
        })
    return out


@lru_cache(maxsize=1)
def _period_words() -> dict[str, str]:
    """data/lexicons/period_words.csv: the word before a date -> which side of the period it is ("since")."""
    from .lexicons import match_key
    from .normalize import normalize_text

    return {match_key(normalize_text(r["word"])): r["period"] for r in load_table("lexicons/period_words.csv")}


def _period(own: tuple[str, str], since: str, transfer_started: str | None) -> str:
    """The period a figure covers, in English: "since 2022-12", "2024-06", "until 2023", or "unknown".

    From the date of its own clause and the word before it; else, for a figure counted since an event
    («منذ استئناف الضخ»), from the date its article gives for the start of the same transfer, or the event
    itself in Arabic when the article dates it nowhere."""
    label, before = own
    if label:
        side = _period_words().get(before)
        return f"{side} {label}" if side else label
    if since:
        if transfer_started:
            return f"since {transfer_started} (the start of this transfer in the article: «{since}»)"
        return f"since «{since}» (not dated in the article)"
    return "unknown"


def claim_rows(groups, original_of: dict[str, str] | None = None):
    """claims.csv rows of groups given in their order as (topic, figures): each group's verdict, its
    figures numbered (one number per distinct figure) and its sources counted."""
    original_of = original_of or {}
    for number, (topic, figures) in enumerate(groups, start=1):
        claim_id = f"C{number:03d}"
        agreement, explanation, figure_ids = assess(figures)
        docs = {f["doc_id"] for f in figures}
        independent = len({original_of.get(d, d) for d in docs})
        if independent < len(docs):
            explanation += (f" {len(docs) - independent} of the {len(docs)} articles are near copies of another "
                            f"(documents.csv, duplicate_of): {independent} independent source"
                            f"{'s' if independent > 1 else ''}.")
        n_sources = defaultdict(set)
        for f, fid in zip(figures, figure_ids):
            n_sources[fid].add(f["doc_id"])
        for f, fid in sorted(zip(figures, figure_ids), key=lambda x: (x[0]["doc_id"], x[0]["start"])):
            yield {"claim_id": claim_id, "topic": topic, "agreement": agreement, "explanation": explanation,
                   "figure_id": f"{claim_id}.{fid}", "n_sources": len(n_sources[fid]),
                   "n_independent_sources": independent} | f


@lru_cache(maxsize=None)
def _item_categories() -> dict[str, str]:
    """What a counted item is as goods (data/lexicons/items.csv: soldiers -> troops, barrels of oil -> oil;
    an item named by the transfers' goods lexicon is those goods: relief supplies)."""
    out: dict[str, str] = {}
    for row in load_table("lexicons/items.csv"):
        out.setdefault(row["item_en"], row["category"])
    for row in load_table("lexicons/commodities.csv"):
        if row["commodity"] != "-":
            out.setdefault(row["commodity"], row["commodity"])
    return out


def _item_category(item_en: str) -> str:
    return _item_categories().get(item_en, "") if item_en else ""


@lru_cache(maxsize=None)
def carrier_commodities() -> frozenset[str]:
    """Goods that carry other goods (data/lexicons/carrier_commodities.csv): containers, shipments."""
    return frozenset(r["commodity"] for r in load_table("lexicons/carrier_commodities.csv"))


def _carried_goods(flow: dict | None, flows: list[dict]) -> dict | None:
    """The transfer a figure is filed under: for a count of containers or shipments, the transfer of what
    they carry between the same parties in the same sentence (10,000 containers believed to hold munitions
    join the munitions from North Korea to Russia, counted in their own unit); else its own."""
    if flow is None or flow["commodity"] not in carrier_commodities():
        return flow
    return next((f for f in flows if f["doc_id"] == flow["doc_id"] and f["sentence"] == flow["sentence"]
                 and f["commodity"] not in carrier_commodities() and (f["from_entity_id"], f["to_entity_id"])
                 == (flow["from_entity_id"], flow["to_entity_id"])), flow)


def _speaker(a: dict) -> str:
    return a.get("speaker_name_en") or a.get("speaker_text") or "(unnamed source)"


def _source(q: dict, flow: dict | None, statements: list[dict], by_id: dict) -> str:
    """Who a figure rests on: its transfer's statement, else the statement of the sentence nearest to it
    (one before it first: «قال X إن ... 100 طن»; else one after: «... 100 طن، حسبما ذكر X»), else the
    article itself."""
    if flow is not None and flow.get("attribution") in by_id:
        return _speaker(by_id[flow["attribution"]])
    if not statements:
        return "(the article itself)"
    before = [a for a in statements if a.get("start", 0) <= q["start"]]
    if before:
        return _speaker(max(before, key=lambda a: a.get("start", 0)))
    return _speaker(min(statements, key=lambda a: a.get("start", 0)))


def assess(figures: list[dict]) -> tuple[str, str, list[int]]:
    """(agreement, English explanation, figure number of each row): one figure per distinct value and unit."""
    keys = [(_num(f["value"]), _num(f["value_max"]), f["unit"] or f["item_en"], f["rate"], f["qualifier"] == VAGUE)
            for f in figures]
    distinct = list(dict.fromkeys(keys))
    figure_ids = [distinct.index(k) + 1 for k in keys]
    docs = {f["doc_id"] for f in figures}
    labels = list(dict.fromkeys(figure_label(f) for f in figures))
    if len(distinct) == 1:
        if len(docs) == 1:
            return "single source", f"Only one article gives a figure: {labels[0]}.", figure_ids
        return "restated", f"{len(docs)} articles give the same figure: {labels[0]} (counted once).", figure_ids
    units = {(k[2], k[3]) for k in distinct}
    who = "One article gives" if len(docs) == 1 else f"{len(docs)} articles give"
    if len(units) > 1:
        names = ", ".join(sorted({u or "units" for u, _ in units}))
        return ("not comparable", f"{who} {'; '.join(labels)}: counted in different units "
                f"({names}), so they are shown side by side, not compared.", figure_ids)
    exact = [f for f in figures if f["qualifier"] != VAGUE]
    vague = [f for f in figures if f["qualifier"] == VAGUE]
    note = (f" The vague {', '.join(dict.fromkeys(figure_label(f) for f in vague))} is an order of magnitude and "
            "is not compared." if vague else "")
    spans = [interval(_num(f["value"]), _num(f["value_max"]), f["qualifier"]) for f in exact]
    if len({(_num(f["value"]), _num(f["value_max"])) for f in exact}) <= 1:
        return "agree", f"{who} {'; '.join(labels)}: nothing contradicts.{note}", figure_ids
    low, high = max(s[0] for s in spans), min(s[1] for s in spans)
    if low <= high:
        return "agree", f"The figures can all be true within their qualifiers: {'; '.join(labels)}.{note}", figure_ids
    periods = {p for p in (f.get("period") or f.get("date") for f in exact) if p and p != "unknown"}
    if len(periods) > 1:  # a monthly series is no contradiction
        return ("not comparable", f"{who} {'; '.join(labels)}: for different periods ({', '.join(sorted(periods))}), "
                "so they are shown side by side, not compared.", figure_ids)
    if len({f["doc_id"] for f in exact}) == 1:
        # one article giving several values of one unit is giving several measures (capacity and exports, a
        # total and a share), not contradicting itself
        return ("not comparable", f"One article gives {'; '.join(labels)}: several measures in the same unit, "
                "shown side by side, not compared.", figure_ids)
    points = sorted({_num(f["value"]) for f in exact if _num(f["value"])})
    ratio = points[-1] / points[0] if points and points[0] else float("inf")
    conservative = min(exact, key=lambda f: _num(f["value"]) or 0)
    return ("conflicting", f"The figures cannot all be true together: {'; '.join(labels)} "
            f"(the largest is {ratio:,.1f} times the smallest; the more conservative figure is "
            f"{figure_label(conservative)}).{note}", figure_ids)
