"""Shared fixtures: the seed corpus and one extraction of it per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

from analysis.pipeline import run_extraction
from analysis.tables import read_table

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def seed_out(tmp_path_factory) -> Path:
    """The output folder of one extraction of the seed corpus."""
    out = tmp_path_factory.mktemp("seed_tables")
    run_extraction(SEEDS, out, quiet=True)
    return out


@pytest.fixture(scope="session")
def seed_tables(seed_out) -> dict:
    """Every output table of the seed corpus, extracted once."""
    from analysis.tables import TABLES

    return {name: read_table(seed_out, name) for name in TABLES}


@pytest.fixture(scope="session")
def devset_out(tmp_path_factory) -> Path:
    """The output folder of one extraction of the development set's 20 real articles (devset/articles)."""
    out = tmp_path_factory.mktemp("devset_tables")
    run_extraction(ROOT / "devset/articles", out, quiet=True)
    return out


@pytest.fixture(scope="session")
def seed_originals(seed_tables) -> dict[str, str]:
    docs = seed_tables["documents"]
    return dict(zip(docs.doc_id, docs.text))
