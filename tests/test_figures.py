"""Figures: deterministic files, and a figure (not a crash) for an empty corpus."""
import pandas as pd

from analysis.figures import all_figures, cooccurrence_graph
from analysis.tables import TABLES


def test_same_tables_same_figure_files(seed_tables, tmp_path):
    all_figures(seed_tables, tmp_path / "a")
    all_figures(seed_tables, tmp_path / "b")
    for path in sorted((tmp_path / "a").iterdir()):
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes(), path.name


def test_empty_tables_still_give_every_figure(tmp_path):
    empty = {name: pd.DataFrame(columns=list(cols)) for name, (cols, _) in TABLES.items()}
    figures = all_figures(empty, tmp_path)
    assert len(list(tmp_path.glob("*.png"))) == len(figures) == 8


def test_cooccurrence_counts_shared_sentences(seed_tables):
    graph = cooccurrence_graph(seed_tables["mentions"])
    assert graph.has_edge("russia", "north_korea")
    both = seed_tables["mentions"][seed_tables["mentions"].entity_id.isin(["russia", "north_korea"])]
    shared = both.groupby(["doc_id", "sentence"]).entity_id.nunique().eq(2).sum()
    assert graph["russia"]["north_korea"]["weight"] == shared


def test_the_transfers_diagram_writes_a_vague_amount_in_words(seed_tables):
    from analysis.figures import _flow_lines

    quantities = seed_tables["quantities"]
    several = quantities[quantities.qualifier == "several"]
    vague = frozenset(zip(several.doc_id, several.sentence, several.text))
    flows = seed_tables["flows"]
    lines = _flow_lines(flows[(flows.from_entity_id == "north_korea") & (flows.to_entity_id == "russia")], vague=vague)
    assert any("millions of missiles" in line for line in lines)
    assert not any("2 m missiles" in line for line in lines)  # «ملايين الصواريخ» is no number


def test_the_ledger_figure_names_a_vague_amount_in_words_and_draws_no_range(seed_tables):
    from analysis.figures import claims_comparison

    fig = claims_comparison(seed_tables["claims"])
    labels = [t.get_text() for t in fig.axes[0].texts]
    assert any("millions of missiles" in label for label in labels)
    assert not any("2 m–9 m" in label or "several" in label for label in labels)
