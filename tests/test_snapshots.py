"""Regression evidence: the extraction of the seeds and of the dev set is compared with the snapshots
in tests/snapshots/ (written by scripts/update_snapshots.py), byte for byte. A change that moves a
reading shows here; if it is meant, update the snapshots and commit their diff with the reason."""
import difflib
import sys

import pytest

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from update_snapshots import TABLES  # noqa: E402


@pytest.mark.parametrize("corpus", ["seeds", "devset"])
@pytest.mark.parametrize("table", TABLES)
def test_the_extraction_matches_its_snapshot(corpus, table, seed_out, devset_out):
    out = seed_out if corpus == "seeds" else devset_out
    expected = (ROOT / "tests/snapshots" / corpus / f"{table}.csv").read_text(encoding="utf-8").splitlines()
    got = (out / f"{table}.csv").read_text(encoding="utf-8").splitlines()
    if got != expected:
        diff = list(difflib.unified_diff(expected, got, "snapshot", "extraction", n=0, lineterm=""))[:30]
        pytest.fail(f"{corpus}/{table}.csv differs from its snapshot (run scripts/update_snapshots.py if the "
                    "change is meant, and commit the diff):\n" + "\n".join(diff))
