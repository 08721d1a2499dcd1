"""Shared fixtures: the seed corpus and one extraction of it per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

from analysis.pipeline import run_extraction
from analysis.tables import read_table

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def seed_tables(tmp_path_factory) -> dict:
    """Every output table of the seed corpus, extracted once."""
    out = tmp_path_factory.mktemp("seed_tables")
    run_extraction(SEEDS, out, quiet=True)
    from analysis.tables import TABLES

    return {name: read_table(out, name) for name in TABLES}


@pytest.fixture(scope="session")
def seed_originals(seed_tables) -> dict[str, str]:
    docs = seed_tables["documents"]
    return dict(zip(docs.doc_id, docs.text))
