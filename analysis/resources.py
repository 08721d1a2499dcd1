"""Where the project's curated data lives, and loaders for its lexicon files."""
from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = PROJECT_ROOT / "data"
DEFAULT_CORPUS = PROJECT_ROOT / "seeds"


def project_path(path: str | Path) -> Path:
    """Return ``path`` resolved against the project root when it is relative."""
    path = Path(path)
    return path if path.is_absolute() else PROJECT_ROOT / path


@lru_cache(maxsize=None)
def load_table(relative: str) -> tuple[dict, ...]:
    """Return the rows of a curated CSV under ``data/`` as dicts (read once, cached)."""
    with open(DATA_DIR / relative, encoding="utf-8", newline="") as handle:
        return tuple(dict(row) for row in csv.DictReader(handle))
