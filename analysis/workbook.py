"""Helpers the notebooks share: run or reuse the extraction, load its tables."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .pipeline import run_extraction
from .resources import project_path
from .tables import TABLES, read_table


def ensure_tables(corpus_dir: str | Path, out_dir: str | Path, *, force: bool = False, progress: bool = False,
                  workers: int = 1) -> Path:
    """Run the extraction into ``out_dir`` unless its tables are already there (or ``force``); return out_dir.

    Relative paths are taken from the project root, whatever the working directory. ``progress`` shows a
    tqdm bar (in JupyterLab, a widget); ``workers`` processes share the work.
    """
    corpus_dir, out_dir = project_path(corpus_dir), project_path(out_dir)
    if force or not all((out_dir / f"{name}.csv").exists() for name in TABLES):
        run_extraction(corpus_dir, out_dir, quiet=True, progress=progress, workers=workers)
    return out_dir


def load_tables(out_dir: str | Path) -> dict[str, pd.DataFrame]:
    """Return every output table of ``out_dir`` as a DataFrame, keyed by table name."""
    out_dir = project_path(out_dir)
    return {name: read_table(out_dir, name) for name in TABLES}
