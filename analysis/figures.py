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
}


def apply_style() -> None:
    """Use the workbook's font and deterministic output settings."""
    plt.rcParams.update(STYLE)


def new_figure(width: float, height: float) -> tuple[Figure, object]:
    """A figure outside pyplot's global state (so notebooks show it once, where it is returned)."""
    apply_style()
    fig = Figure(figsize=(width, height))
    return fig, fig.subplots()


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


def article_lengths(documents: pd.DataFrame) -> Figure:
    """Bar chart of words and sentences per article (readable articles only), labelled by doc_id."""
    ok = documents[documents["status"] == "ok"].sort_values("doc_id")
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
