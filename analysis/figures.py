"""Figures made from the output tables (matplotlib; PNG and SVG).

Arabic labels are passed to matplotlib as they are: matplotlib 3.11 shapes
Arabic and lays it out right-to-left itself (re-shaping it with
arabic-reshaper/python-bidi would reverse it again). The font is DejaVu Sans,
which ships inside matplotlib and covers Arabic and Latin, so every machine
renders the same figure.
"""
from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

FONT = "DejaVu Sans"
STYLE = {
    "font.family": FONT,
    "svg.hashsalt": "arabic-news-workbook",  # deterministic SVG ids
    "svg.fonttype": "path",
    "figure.dpi": 100,
    "savefig.dpi": 120,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "text.parse_math": False,  # article text with "$" is text, never mathtext
}


def _short_number(value: float) -> str:
    """1 → "1", 20000 → "20k", 3000000 → "3M", 2e9 → "2B" (axis ticks for readers of any language)."""
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= size:
            return f"{value / size:g}{suffix}"
    return f"{value:g}"


def apply_style() -> None:
    """Use the workbook's font and deterministic output settings."""
    plt.rcParams.update(STYLE)


def new_figure(width: float, height: float) -> tuple[Figure, object]:
    """A figure outside pyplot's global state (so notebooks show it once, where it is returned)."""
    apply_style()
    fig = Figure(figsize=(width, height))
    return fig, fig.subplots()


def show(fig: Figure):
    """The figure as a PNG for a notebook output (figures are made outside pyplot, so a notebook would
    otherwise print only "<Figure size ...>"); the same bytes on every run."""
    import io

    from IPython.display import Image

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight", metadata={"Software": None})
    return Image(data=buffer.getvalue(), format="png")


def save(fig: Figure, figures_dir: Path | None, name: str) -> list[Path]:
    """Save a figure as PNG and SVG under ``figures_dir`` (no timestamps); return the paths."""
    if figures_dir is None:
        return []
    figures_dir = Path(figures_dir)
    figures_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for ext in ("png", "svg"):
        path = figures_dir / f"{name}.{ext}"
        metadata = {"Date": None} if ext == "svg" else {"Software": None}
        fig.savefig(path, bbox_inches="tight", metadata=metadata)
        paths.append(path)
    return paths


def article_lengths(documents: pd.DataFrame, max_articles: int = 40) -> Figure:
    """Bar chart of words and sentences per article (readable articles only), labelled by doc_id; for
    more than ``max_articles`` articles, a histogram of their lengths."""
    ok = documents[documents["status"] == "ok"].sort_values("doc_id")
    if len(ok) > max_articles:
        fig, ax = new_figure(8, 4)
        ax.hist(ok["n_words"], bins=30, color="#4C72B0")
        ax.set_xlabel("words in the cleaned article text")
        ax.set_ylabel("articles")
        ax.set_title(f"Article length (طول المقال): {len(ok):,} readable articles, median {int(ok['n_words'].median()):,} words")
        fig.tight_layout()
        return fig
    fig, ax = new_figure(8, 0.5 * max(len(ok), 2) + 1.2)
    y = range(len(ok))
    ax.barh(list(y), ok["n_words"], color="#4C72B0", label="words")
    for i, (words, sentences) in enumerate(zip(ok["n_words"], ok["n_sentences"])):
        ax.text(words, i, f"  {words} words, {sentences} sentences", va="center", fontsize=9)
    ax.set_yticks(list(y), ok["doc_id"])
    ax.invert_yaxis()
    ax.set_xlabel("words in the cleaned article text")
    ax.set_title("Article length (طول المقال)")
    ax.set_xlim(0, max(ok["n_words"].max() * 1.45, 1) if len(ok) else 1)
    fig.tight_layout()
    return fig


TYPE_COLOURS = {"PER": "#4C72B0", "ORG": "#DD8452", "GPE": "#55A868", "LOC": "#8172B3", "MISC": "#937860"}
STANCE_COLOURS = {"states": "#4C72B0", "claims": "#DD8452", "accuses": "#C44E52", "denies": "#8172B3",
                  "warns": "#CCB974", "estimates": "#64B5CD"}
AGREEMENT_COLOURS = {"single source": "#9E9E9E", "restated": "#8C8C8C", "agree": "#55A868", "conflicting": "#C44E52",
                     "not comparable": "#DD8452"}


def _label(name_en: str, name_ar: str) -> str:
    return f"{name_en}  {name_ar}" if name_ar and name_ar != name_en else name_en


def _empty(fig: Figure, ax, message: str) -> Figure:
    ax.axis("off")
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=11, color="#555")
    return fig


def mentions_by_entity(entities: pd.DataFrame, top: int = 20) -> Figure:
    """Horizontal bars: the most mentioned canonical entities, English and Arabic names, coloured by type."""
    linked = entities[entities.entity_id != ""].sort_values(["n_mentions", "entity_id"], ascending=[False, True]).head(top)
    fig, ax = new_figure(9, 0.38 * max(len(linked), 3) + 1.4)
    if linked.empty:
        return _empty(fig, ax, "No linked entity in this corpus")
    y = list(range(len(linked)))
    ax.barh(y, linked.n_mentions, color=[TYPE_COLOURS.get(t, "#999") for t in linked.type])
    ax.set_yticks(y, [_label(r.name_en, r.name_ar) for r in linked.itertuples()], fontsize=9)
    ax.invert_yaxis()
    for i, r in enumerate(linked.itertuples()):
        ax.text(r.n_mentions, i, f" {r.n_mentions} ({r.n_docs} art.)", va="center", fontsize=8)
    ax.set_xlim(0, linked.n_mentions.max() * 1.25)
    ax.set_xlabel("mentions in the corpus")
    ax.set_title("Most mentioned entities (أكثر الكيانات ذكراً)")
    handles = [matplotlib_patch(c, t) for t, c in TYPE_COLOURS.items() if t in set(linked.type)]
    ax.legend(handles=handles, loc="lower right", fontsize=8, title="type")
    fig.tight_layout()
    return fig


def matplotlib_patch(colour: str, label: str):
    from matplotlib.patches import Patch

    return Patch(color=colour, label=label)


def cooccurrence_graph(mentions: pd.DataFrame, top: int = 18):
    """networkx graph of the most mentioned entities; edge weight = sentences naming both."""
    import networkx as nx

    linked = mentions[(mentions.entity_id != "") & mentions.type.isin(["PER", "ORG", "GPE"])]
    counts = linked.groupby("entity_id").size().sort_values(ascending=False)
    keep = sorted(counts.head(top).index, key=lambda e: (-counts[e], e))
    graph = nx.Graph()
    names = linked.drop_duplicates("entity_id").set_index("entity_id")
    for e in keep:
        graph.add_node(e, name=names.loc[e, "name_en"], type=names.loc[e, "type"], mentions=int(counts[e]))
    for _, group in linked[linked.entity_id.isin(keep)].groupby(["doc_id", "sentence"]):
        ids = sorted(set(group.entity_id))
        for a_i, a in enumerate(ids):
            for b in ids[a_i + 1:]:
                w = graph[a][b]["weight"] + 1 if graph.has_edge(a, b) else 1
                graph.add_edge(a, b, weight=w)
    return graph


def cooccurrence_network(mentions: pd.DataFrame, top: int = 18) -> Figure:
    """Actors named in the same sentence: node size = mentions, edge width = shared sentences."""
    import networkx as nx

    graph = cooccurrence_graph(mentions, top)
    fig, ax = new_figure(10, 8)
    if graph.number_of_nodes() == 0:
        return _empty(fig, ax, "No linked person, organisation or place")
    pos = nx.spring_layout(graph, seed=7, weight="weight", k=1.2 / max(graph.number_of_nodes(), 1) ** 0.5)
    weights = [graph[a][b]["weight"] for a, b in graph.edges]
    top_w = max(weights) if weights else 1
    nx.draw_networkx_edges(graph, pos, ax=ax, width=[0.5 + 5 * w / top_w for w in weights], alpha=0.35, edge_color="#555")
    sizes = [120 + 40 * graph.nodes[n]["mentions"] for n in graph.nodes]
    colours = [TYPE_COLOURS.get(graph.nodes[n]["type"], "#999") for n in graph.nodes]
    nx.draw_networkx_nodes(graph, pos, ax=ax, node_size=sizes, node_color=colours, alpha=0.9)
    short = {n: graph.nodes[n]["name"].split(" (")[0] for n in graph.nodes}  # "Kremlin (Russian presidency)" -> "Kremlin"
    nx.draw_networkx_labels(graph, {n: (x, y - 0.06) for n, (x, y) in pos.items()}, ax=ax, labels=short, font_size=8,
                            font_family=FONT, verticalalignment="top")
    ax.margins(0.12)
    ax.set_title("Who appears with whom: entities named in the same sentence")
    ax.legend(handles=[matplotlib_patch(c, t) for t, c in TYPE_COLOURS.items() if t in ("PER", "ORG", "GPE")],
              loc="lower left", fontsize=8)
    ax.axis("off")
    fig.tight_layout()
    return fig


def timeline(dates: pd.DataFrame, documents: pd.DataFrame, max_articles: int = 30) -> Figure:
    """Dated events across articles: one row per article that names a date with a year (the
    ``max_articles`` with most such dates), a mark per date, one label per article and date."""
    import datetime as dt

    dated = dates[dates.year != ""].copy()
    counts = dated.groupby("doc_id").size() if not dated.empty else pd.Series(dtype=int)
    docs = sorted(counts.sort_values(ascending=False, kind="stable").head(max_articles).index)
    fig, ax = new_figure(11, 0.7 * max(len(docs), 2) + 2)
    if dated.empty:
        return _empty(fig, ax, "No dated expression with a year")
    dated = dated[dated.doc_id.isin(docs)]
    dated["when"] = [dt.date(int(r.year), int(r.month) if r.month != "" else 7, int(r.day) if r.day != "" else 15 if r.month != "" else 1)
                     for r in dated.itertuples()]
    dated["precision"] = ["day" if r.day != "" else "month" if r.month != "" else "year" for r in dated.itertuples()]
    row_of = {d: i for i, d in enumerate(docs)}
    markers = {"day": "o", "month": "s", "year": "|"}
    for precision, group in dated.groupby("precision"):
        ax.scatter(group.when, [row_of[d] for d in group.doc_id], marker=markers[precision], s=60 if precision != "year" else 300,
                   label=f"{precision} known", color="#4C72B0" if precision != "year" else "#999", zorder=3)
    # one label per article and date, alternately above and below the row, so neighbours do not overlap
    labelled = dated.sort_values(["doc_id", "when", "start"]).drop_duplicates(["doc_id", "when"])
    for k, r in enumerate(labelled.itertuples()):
        above = k % 2 == 0
        ax.annotate(r.text, (r.when, row_of[r.doc_id]), textcoords="offset points", xytext=(0, 8 if above else -10),
                    ha="center", va="bottom" if above else "top", fontsize=7)
    ax.set_yticks(range(len(docs)), docs, fontsize=8)
    ax.set_ylim(-0.7, len(docs) - 0.3)
    ax.grid(axis="x", alpha=0.3)
    shown = f" ({len(docs)} of {len(counts)} dated articles: those naming most dates)" if len(counts) > len(docs) else ""
    ax.set_title(f"Timeline: the dates each article names (التواريخ){shown}")
    ax.legend(loc="lower left", fontsize=8)
    fig.autofmt_xdate()
    fig.tight_layout()
    return fig


def sources_chart(attributions: pd.DataFrame, top: int = 15) -> Figure:
    """Who is cited, with which stance, and through which outlet (in brackets)."""
    fig, ax = new_figure(10, 0.42 * min(max(len(attributions), 3), top) + 1.6)
    if attributions.empty:
        return _empty(fig, ax, "No reported statement")
    frame = attributions.assign(speaker=attributions.speaker_name_en.where(attributions.speaker_name_en != "", attributions.speaker_text))
    table = frame.pivot_table(index="speaker", columns="stance", values="doc_id", aggfunc="count", fill_value=0)
    table["total"] = table.sum(axis=1)
    table = table.sort_values(["total"], ascending=False, kind="stable").head(top)
    table = table.loc[sorted(table.index, key=lambda s: (-table.loc[s, "total"], s))]
    left = [0] * len(table)
    y = list(range(len(table)))
    for stance, colour in STANCE_COLOURS.items():
        if stance in table:
            ax.barh(y, table[stance], left=left, color=colour, label=stance)
            left = [l + v for l, v in zip(left, table[stance])]
    channels = frame[frame.channel_name_en != ""].groupby("speaker").channel_name_en.agg(lambda s: ", ".join(sorted(set(s))))
    for i, speaker in enumerate(table.index):
        via = f"  via {channels[speaker]}" if speaker in channels and channels[speaker] != speaker else ""
        ax.text(table.loc[speaker, "total"], i, via, va="center", fontsize=8, color="#333")
    ax.set_yticks(y, table.index, fontsize=9)
    ax.invert_yaxis()
    from matplotlib.ticker import MaxNLocator

    widest_via = max((len(channels[s]) for s in table.index if s in channels), default=0)
    ax.set_xlim(0, table["total"].max() * (1.15 + (0.5 if widest_via else 0)))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("statements")
    ax.set_title("Sources: who is cited, with which stance, through which outlet")
    ax.legend(fontsize=8, loc="lower right")
    fig.tight_layout()
    return fig


def _flow_lines(flows: pd.DataFrame, max_lines: int = 12, max_figures: int = 4, vague: frozenset = frozenset()) -> list[str]:
    """One line per commodity: how many sentences, the figures given (a vague amount in words), the statuses."""
    from .claims import magnitude_words

    lines = []
    groups = sorted(flows.groupby("commodity"), key=lambda g: (-len(g[1]), g[0]))
    for commodity, group in groups[:max_lines]:
        figures = [f"{magnitude_words(float(r.quantity_value))} of {r.quantity_unit.rstrip('s')}s"
                   if (r.doc_id, r.sentence, r.quantity_text) in vague and r.quantity_unit
                   else f"{_short(r.quantity_value)} {r.quantity_unit}".strip()
                   for r in group.itertuples() if r.quantity_value != ""]
        figures = list(dict.fromkeys(figures))
        more = f" +{len(figures) - max_figures} more" if len(figures) > max_figures else ""
        statuses = ", ".join(sorted(set(group.status) - {"reported"}))
        extra = f" — {'; '.join(figures[:max_figures])}{more}" if figures else ""
        extra += f" [{statuses}]" if statuses else ""
        lines.append(f"{commodity} ×{len(group)}{extra}")
    if len(groups) > max_lines:
        lines.append(f"… and {len(groups) - max_lines} more kinds of goods (flows.csv)")
    return lines


def _short(value) -> str:
    value = float(value)
    for size, suffix in ((1e9, " bn"), (1e6, " m"), (1e3, "k")):
        if value >= size:
            return f"{value / size:g}{suffix}"
    return f"{value:g}"


def main_pair(flows: pd.DataFrame) -> tuple[str, str] | None:
    """The two parties with the most transfers between them, either way (ties: alphabetical), or None."""
    if flows.empty:
        return None
    pairs = flows.apply(lambda r: tuple(sorted((r.from_entity_id, r.to_entity_id))), axis=1)
    counts = pairs.value_counts()
    best = sorted(counts.index, key=lambda p: (-counts[p], p))[0]
    return best


def flow_diagram(flows: pd.DataFrame, left: str | None = None, right: str | None = None,
                 quantities: pd.DataFrame | None = None) -> Figure:
    """What goes each way between two parties (by default the pair with the most transfers in the
    corpus): commodity ×sentences — quantities [status]."""
    if left is None or right is None:
        pair = main_pair(flows)
        if pair is None:
            fig, ax = new_figure(12, 4)
            return _empty(fig, ax, "No transfer with both sides known")
        left, right = pair
    names = {}
    for side in ("from", "to"):
        names.update(dict(zip(flows[f"{side}_entity_id"], flows[f"{side}_name_en"])))
    forward = flows[(flows.from_entity_id == left) & (flows.to_entity_id == right)]
    backward = flows[(flows.from_entity_id == right) & (flows.to_entity_id == left)]
    vague = frozenset()  # «ملايين الصواريخ» is "millions of missiles", never "2 m"
    if quantities is not None and len(quantities):
        several = quantities[quantities.qualifier == "several"]
        vague = frozenset(zip(several.doc_id, several.sentence, several.text))
    fwd, back = _flow_lines(forward, vague=vague), _flow_lines(backward, vague=vague)
    height = 2.5 + 0.28 * (len(fwd) + len(back))
    fig, ax = new_figure(12, max(height, 4))
    ax.set_xlim(0, 12)
    ax.set_ylim(0, 10)
    ax.axis("off")
    for x, key in ((0.2, left), (9.3, right)):
        ax.add_patch(matplotlib_box(x, 3.8, 2.5, 2.4))
        ax.text(x + 1.25, 5.0, names.get(key, key), ha="center", va="center", fontsize=11, weight="bold", wrap=True)
    ax.annotate("", xy=(9.2, 6.6), xytext=(2.8, 6.6), arrowprops={"arrowstyle": "-|>", "lw": 2.5, "color": "#C44E52"})
    ax.annotate("", xy=(2.8, 3.4), xytext=(9.2, 3.4), arrowprops={"arrowstyle": "-|>", "lw": 2.5, "color": "#4C72B0"})
    ax.text(6.0, 6.9, "\n".join(fwd) or "(none found)", ha="center", va="bottom", fontsize=8.5, color="#7a1f1f")
    ax.text(6.0, 3.1, "\n".join(back) or "(none found)", ha="center", va="top", fontsize=8.5, color="#1f3f7a")
    ax.set_title(f"Transfers between {names.get(left, left)} and {names.get(right, right)}, the parties with the most "
                 "transfers\n(commodity ×sentences — quantities [status])")
    others = flows[~flows.index.isin(forward.index.union(backward.index))]
    if len(others):
        ax.text(6.0, 0.2, f"{len(others)} other transfer(s) involve other parties (see flows.csv; with an unnamed side: flows_partial.csv)",
                ha="center", fontsize=8, color="#555")
    return fig


def matplotlib_box(x, y, w, h):
    from matplotlib.patches import FancyBboxPatch

    return FancyBboxPatch((x, y), w, h, boxstyle="round,pad=0.1", facecolor="#f2f2f2", edgecolor="#333")


def claims_comparison(claims: pd.DataFrame, max_rows: int = 40) -> Figure:
    """Each ledger group's figures side by side on a log scale, units shown, agreement marked; groups
    that compare several figures first, at most ``max_rows`` figures."""
    from .claims import VAGUE, magnitude_words

    rows = claims.sort_values(["claim_id", "figure_id", "doc_id"]).drop_duplicates(["claim_id", "figure_id"])
    total = len(rows)
    if total > max_rows:
        several = rows.groupby("claim_id").figure_id.transform("size") > 1
        rows = pd.concat([rows[several], rows[~several]]).head(max_rows).sort_values(["claim_id", "figure_id"])
    fig, ax = new_figure(11, 0.45 * max(len(rows), 3) + 1.8)
    if rows.empty:
        return _empty(fig, ax, "No comparable figure")
    y = list(range(len(rows)))
    labels = []
    for i, r in enumerate(rows.itertuples()):
        low = float(r.value)
        vague = r.qualifier == VAGUE  # «ملايين»: an order of magnitude, drawn as a point and named in words
        high = float(r.value_max) if r.value_max != "" and not vague else None
        colour = AGREEMENT_COLOURS.get(r.agreement, "#999")
        if high:
            ax.plot([low, high], [i, i], color=colour, lw=6, alpha=0.7, solid_capstyle="butt")
        marker = {"more than": ">", "at least": ">", "up to": "<", "less than": "<", "about": "o"}.get(r.qualifier, "D")
        ax.scatter([low], [i], marker=marker, s=70, color=colour, zorder=3)
        unit = r.unit or r.item_en
        amount = (f"{magnitude_words(low)} of" if vague else
                  f"{r.qualifier if r.qualifier != 'exact' else ''} {_short(low)}{'–' + _short(high) if high else ''}")
        ax.text(high or low, i, f"  {amount} {unit}"
                f"{' ' + r.rate if r.rate else ''} · {r.doc_id[:3]}{' +' + str(r.n_sources - 1) if r.n_sources > 1 else ''}",
                va="center", fontsize=7.5)
        labels.append(f"{r.claim_id} {r.topic if len(r.topic) <= 70 else r.topic[:69] + '…'}")
    ax.set_xscale("log")
    # plain tick labels (1, 10, 1k, 1M …): mathtext is off, so that "$" in article text stays text
    from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

    ax.xaxis.set_major_locator(LogLocator(base=10))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: _short_number(v)))
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.set_yticks(y, labels, fontsize=8)
    ax.invert_yaxis()
    lo = min(float(v) for v in rows.value)
    hi = max(float(v) for v in list(rows.value) + [v for v in rows.value_max if v != ""])
    ax.set_xlim(lo / 3, hi * 40)
    ax.set_xlabel("value (log scale; ◆ exact, ● about, ▶ more than / at least, ◀ up to; bar = range)")
    shown = f" ({len(rows)} of {total} figures: groups comparing several first)" if total > len(rows) else ""
    ax.set_title(f"Claim ledger: figures side by side, coloured by agreement{shown}")
    ax.legend(handles=[matplotlib_patch(c, a) for a, c in AGREEMENT_COLOURS.items() if a in set(rows.agreement)],
              fontsize=8, loc="lower right")
    fig.tight_layout()
    return fig


def article_profiles(tables: dict[str, pd.DataFrame], top_entities: int = 8, max_articles: int = 40) -> Figure:
    """What each article covers: counts per table and the most mentioned entities, as a heat map (the
    ``max_articles`` articles with the most extracted rows)."""
    columns = {"sentences": "sentences", "mentions": "names", "quantities": "figures", "dates": "dates",
               "attributions": "statements", "flows": "transfers"}
    all_docs = sorted(tables["documents"].doc_id)
    frame = pd.DataFrame(index=all_docs)
    for name, label in columns.items():  # one groupby per table (a mask per article was quadratic)
        frame[label] = tables[name].groupby("doc_id").size().reindex(all_docs, fill_value=0)
    mentions = tables["mentions"]
    linked = mentions[mentions.entity_id != ""]
    leaders = linked.groupby(["entity_id", "name_en"]).size().reset_index(name="n").sort_values(["n", "entity_id"], ascending=[False, True]).head(top_entities)
    per_entity = linked[linked.entity_id.isin(leaders.entity_id)].groupby(["doc_id", "entity_id"]).size()
    for r in leaders.itertuples():
        frame[r.name_en] = per_entity.xs(r.entity_id, level="entity_id").reindex(all_docs, fill_value=0) if len(per_entity) else 0
    frame = frame.fillna(0).astype(int)
    extracted = frame.drop(columns="sentences").sum(axis=1)
    docs = sorted(extracted.sort_values(ascending=False, kind="stable").head(max_articles).index)
    frame = frame.loc[docs]
    fig, ax = new_figure(1.0 * len(frame.columns) + 3, 0.55 * len(docs) + 2.2)
    if not docs:
        return _empty(fig, ax, "No article")
    shares = frame / frame.max().replace(0, 1)
    ax.imshow(shares.values, cmap="Blues", aspect="auto", vmin=0, vmax=1.3)
    for i in range(len(docs)):
        for j in range(len(frame.columns)):
            ax.text(j, i, frame.iat[i, j], ha="center", va="center", fontsize=8)
    ax.set_xticks(range(len(frame.columns)), frame.columns, rotation=40, ha="right", fontsize=8)
    ax.set_yticks(range(len(docs)), docs, fontsize=8)
    ax.axvline(len(columns) - 0.5, color="white", lw=3)
    shown = f"; {len(docs)} of {len(all_docs)} articles, those with most rows" if len(all_docs) > len(docs) else ""
    ax.set_title(f"Article profiles: what each article covers (counts; shade = share of the column's maximum{shown})")
    fig.tight_layout()
    return fig


def all_figures(tables: dict[str, pd.DataFrame], figures_dir: Path | None) -> dict[str, Figure]:
    """Make (and save, when ``figures_dir`` is given) every figure of the report; return them by name."""
    figures = {
        "article_lengths": article_lengths(tables["documents"]),
        "mentions_by_entity": mentions_by_entity(tables["entities"]),
        "cooccurrence_network": cooccurrence_network(tables["mentions"]),
        "timeline": timeline(tables["dates"], tables["documents"]),
        "sources": sources_chart(tables["attributions"]),
        "transfers_main_pair": flow_diagram(tables["flows"], quantities=tables["quantities"]),
        "claims_comparison": claims_comparison(tables["claims"]),
        "article_profiles": article_profiles(tables),
    }
    for name, fig in figures.items():
        save(fig, figures_dir, name)
    return figures
