"""Key findings of a corpus, in English, for the report's front page: plain data from the tables."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd


@dataclass
class Overview:
    """What a reader should see first: the corpus, who is named, who sends what to whom, who says it,
    and where the figures agree or conflict."""

    n_files: int = 0
    n_readable: int = 0
    problems: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    n_warnings: int = 0
    articles: list[tuple[str, str, str]] = field(default_factory=list)  # (doc_id, title or headline, outlet)
    entities: list[tuple[str, str, int, int]] = field(default_factory=list)  # (English, Arabic, mentions, articles)
    transfers: list[dict] = field(default_factory=list)
    speakers: list[tuple[str, int, str]] = field(default_factory=list)  # (speaker, statements, stances)
    ledger: list[dict] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    headlines: list[str] = field(default_factory=list)  # the transfers as English sentences


def overview(tables: dict[str, pd.DataFrame], top: int = 10, max_articles: int = 60) -> Overview:
    """The front page's findings from the output tables (all lists ordered, so the page is the same on
    every run)."""
    docs = tables["documents"]
    ok = docs[docs.status == "ok"]
    result = Overview(n_files=len(docs), n_readable=len(ok), n_warnings=len(tables["warnings"]))
    result.problems = [(r.path, f"{r.status}: {r.reason}") for r in docs[docs.status != "ok"].sort_values("path").itertuples()]
    for r in docs.sort_values("doc_id").head(max_articles).itertuples():
        result.articles.append((str(r.doc_id), str(r.title or r.headline or ""), str(r.outlet or "")))
    entities = tables["entities"]
    named = entities[entities.entity_id != ""].sort_values(["n_docs", "n_mentions", "entity_id"], ascending=[False, False, True])
    result.entities = [(r.name_en, r.name_ar, int(r.n_mentions), int(r.n_docs)) for r in named.head(top).itertuples()]
    flows = tables["flows"]
    if not flows.empty:
        grouped = flows.groupby(["from_name_en", "to_name_en", "commodity"], sort=True)
        rows = []
        for (sender, receiver, commodity), group in grouped:
            figures = [str(t) for t in dict.fromkeys(group.quantity_text) if str(t)]
            statuses = sorted(set(group.status))
            rows.append({"from": sender, "to": receiver, "commodity": commodity, "articles": group.doc_id.nunique(),
                         "sentences": len(group), "figures": figures[:3], "more_figures": max(len(figures) - 3, 0),
                         "status": ", ".join(statuses)})
        rows.sort(key=lambda r: (-r["articles"], -r["sentences"], r["from"], r["to"], r["commodity"]))
        result.transfers = rows[:top]
    attributions = tables["attributions"]
    if not attributions.empty:
        who = attributions.speaker_name_en.where(attributions.speaker_name_en != "", attributions.speaker_text)
        frame = attributions.assign(who=who)
        rows = []
        for speaker, group in frame.groupby("who", sort=True):
            stances = group.stance.value_counts()
            rows.append((speaker, len(group), ", ".join(f"{s} {n}" for s, n in sorted(stances.items(), key=lambda x: (-x[1], x[0])))))
        rows.sort(key=lambda r: (-r[1], r[0]))
        result.speakers = rows[:top]
    claims = tables["claims"]
    if not claims.empty:
        groups = claims.drop_duplicates("claim_id")
        order = {"conflicting": 0, "agree": 1, "not comparable": 2, "restated": 3}
        several = groups[groups.agreement != "single source"].copy()
        several["order"] = several.agreement.map(order).fillna(3)
        for r in several.sort_values(["order", "claim_id"]).head(top).itertuples():
            result.ledger.append({"claim_id": r.claim_id, "topic": r.topic, "agreement": r.agreement,
                                  "explanation": r.explanation})
    result.headlines = transfer_headlines(tables)[:top]
    result.counts = {name: len(tables[name]) for name in ("sentences", "mentions", "quantities", "dates",
                                                          "attributions", "flows", "flows_partial", "claims")}
    return result


def transfer_headlines(tables: dict[str, pd.DataFrame]) -> list[str]:
    """Each transfer of the corpus as one English sentence, the most reported first: what goes from whom
    to whom; its figures with their period and who gives them; the cap on it, and who alleges it went
    above the cap; the ledger's verdict and where to read it ("Oil and refined petroleum, Russia → North
    Korea (sent): about 67,000 barrels since 2022-12 (according to the data); cap: 500,000 barrels per
    year; United States alleges shipments above the cap (no figure). Verdict: single source for the amount;
    reported in 2 articles (evidence: 000_b9f6 s3, 001_2bf8 s6)."). Counts of containers or shipments
    stand with the goods they carry."""
    from .claims import carrier_commodities, figure_label, topic_of_flow

    flows, claims, attributions = tables["flows"], tables["claims"], tables["attributions"]
    if flows.empty:
        return []
    by_topic = {t: g for t, g in claims.groupby("topic", sort=True)} if not claims.empty else {}
    speaker = {a["attribution_id"]: a["speaker_name_en"] or a["speaker_text"] for a in attributions.to_dict("records")}
    text_of = {}
    if "sentences" in tables and not tables["sentences"].empty:
        text_of = {(r.doc_id, int(r.sentence)): r.text for r in tables["sentences"].itertuples()}
    topics = flows.assign(topic=[topic_of_flow(r) for r in flows.to_dict("records")])
    carried = {(r.from_name_en, r.to_name_en) for r in flows.itertuples() if r.commodity not in carrier_commodities()}
    lines = []
    for topic, group in topics.groupby("topic", sort=True):
        first = group.iloc[0]
        if set(group.commodity) <= carrier_commodities() and (first.from_name_en, first.to_name_en) in carried:
            continue  # "cargo containers": their figures stand with the goods they carry
        head = f"{topic[0].upper()}{topic[1:]}"
        articles = group.doc_id.nunique()
        reported = f"reported in {articles} article{'s' if articles != 1 else ''}"
        alleged_rows = group[group.status == "alleged"]
        alleged = sorted({s for s in (speaker.get(a, "") for a in alleged_rows.attribution)
                          if s and not s.startswith("(")})  # "(unattributed)" names no one
        above = sorted({speaker.get(r.attribution, "") or "the article" for r in alleged_rows.itertuples()
                        if _says_above_cap(text_of.get((r.doc_id, int(r.sentence)), ""))})
        if alleged:
            reported += f"; alleged by {', '.join(alleged)}"
        parts = []
        figures = by_topic.get(topic)
        if figures is not None and len(figures):
            shown = figures.drop_duplicates("figure_id")
            parts += [f"{figure_label(r)}{_when(r)} (according to {r['attributed_to'].strip('()')})"
                      for r in shown.to_dict("records")]
        caps = by_topic.get(f"cap on {topic.split(' sent from ')[0]} imports by {first.to_name_en}") \
            if " sent from " in topic else None
        if caps is not None and len(caps):
            parts.append("cap: " + "; ".join(figure_label(r) for r in caps.drop_duplicates("figure_id").to_dict("records")))
        if above:
            parts.append(f"{', '.join(above)} allege{'s' if len(above) == 1 else ''} shipments above the cap (no figure)")
        evidence = ", ".join(f"{r.doc_id[:8]} s{int(r.sentence)}" for r in
                             group.drop_duplicates(["doc_id", "sentence"]).sort_values(["doc_id", "sentence"]).head(4).itertuples())
        if figures is not None and len(figures):
            verdict = figures.iloc[0].agreement
            verdict = "single source for the amount" if verdict == "single source" else verdict
            text = f"{head}: {'; '.join(parts)}. Verdict: {verdict}; {reported} (evidence: {evidence})."
        else:
            text = f"{head}: {'; '.join(parts + ['no figure'])}; {reported} (evidence: {evidence})."
        lines.append((articles, len(group), text))
    lines.sort(key=lambda x: (-x[0], -x[1], x[2]))
    return [text for _, _, text in lines]


def _when(figure: dict) -> str:
    """" since 2022-12", " in 2024-06" or "" (an unknown period says nothing)."""
    period = str(figure.get("period", "") or "")
    if not period or period == "unknown":
        return ""
    return f" {period}" if period.startswith(("since", "until", "before", "after")) else f" in {period}"


def _says_above_cap(sentence: str) -> bool:
    """Does a sentence say the transfer went above a cap («بكميات تتجاوز الحد») (data/lexicons/above_cap.txt)?"""
    from .lexicons import load_lines
    from .normalize import normalize_text

    if not sentence:
        return False
    text = normalize_text(sentence)
    return any(normalize_text(phrase) in text for phrase in load_lines("lexicons/above_cap.txt"))
