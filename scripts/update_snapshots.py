"""Write the extraction of the seeds and of the dev set as the regression snapshots in tests/snapshots/.

    python scripts/update_snapshots.py      # or: make snapshots

tests/test_snapshots.py compares every extraction with these files, byte for byte. After a change that
is meant to change the output, run this, read `git diff tests/snapshots/` (every row that changed is a
reading that changed), and commit the snapshots with the change and the reason.
"""
from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.pipeline import run_extraction  # noqa: E402

CORPORA = {"seeds": ROOT / "seeds", "devset": ROOT / "devset/articles"}
# the tables of readings (documents.csv and sentences.csv carry the texts themselves)
TABLES = ("mentions", "quantities", "dates", "attributions", "flows", "flows_partial", "claims", "excluded")


def main() -> int:
    for name, corpus in CORPORA.items():
        target = ROOT / "tests/snapshots" / name
        target.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as out:
            run_extraction(corpus, Path(out), quiet=True)
            for table in TABLES:
                shutil.copyfile(Path(out) / f"{table}.csv", target / f"{table}.csv")
        print(f"tests/snapshots/{name}: {len(TABLES)} tables", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
