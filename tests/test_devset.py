"""Quality on real articles: the development set (devset/, 20 real Arabic news articles on many subjects,
hand-made gold in devset/gold.py) scored by devset/score.py, as `make eval` prints it.

The floors are the levels reached (README, "Measured quality"): a change that lowers any layer fails here.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from .conftest import ROOT

FLOORS = {  # F1 per layer, as last measured (rounded down)
    "entities": 0.91, "quantities": 0.98, "dates": 0.98, "flows": 0.87, "flows_with_status": 0.78,
    "attr_speaker": 0.86, "attributions": 0.86, "channel": 0.83,
}
LINKING_FLOOR = 0.9


@pytest.fixture(scope="module")
def devset_scores() -> dict:
    run = subprocess.run([sys.executable, str(ROOT / "devset/score.py"), str(ROOT), "--python", sys.executable, "--json"],
                         capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    return json.loads(run.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("layer", sorted(FLOORS))
def test_devset_layer_stays_at_the_level_reached(devset_scores, layer):
    assert devset_scores["layers"][layer]["f1"] >= FLOORS[layer], devset_scores["layers"][layer]


def test_devset_linking_stays_at_the_level_reached(devset_scores):
    assert devset_scores["linking"] >= LINKING_FLOOR


def test_devset_articles_are_the_shared_ones_unchanged():
    shared = ROOT.parent / "shared/devset/articles"
    if not shared.is_dir():
        pytest.skip("no ../shared/devset beside this clone")
    for path in sorted((ROOT / "devset/articles").iterdir()):
        assert path.read_bytes() == (shared / path.name).read_bytes(), path.name
