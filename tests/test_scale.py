"""Scale: several workers and the Dask engine give the same tables as one process; bad articles are isolated."""
import shutil

import pytest

import analysis.pipeline as pipeline
from analysis.pipeline import process_batch, run_extraction
from analysis.tables import TABLES

from .conftest import SEEDS


def _tables(out):
    return {name: (out / f"{name}.csv").read_bytes() for name in TABLES}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The seeds three times over (distinct names), plus an unreadable file."""
    folder = tmp_path_factory.mktemp("scale_corpus")
    for copy in range(3):
        for path in sorted(SEEDS.glob("*.txt")):
            shutil.copy(path, folder / f"{copy}_{path.name}")
    (folder / "zz_binary.bin").write_bytes(bytes(range(256)) * 4)
    return folder


@pytest.fixture(scope="module")
def single(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("single")
    run_extraction(corpus, out, quiet=True, workers=1, batch_size=4)
    return _tables(out)


def test_two_workers_give_identical_tables(corpus, single, tmp_path):
    run_extraction(corpus, tmp_path, quiet=True, workers=2, batch_size=3)
    assert _tables(tmp_path) == single


def test_dask_local_cluster_gives_identical_tables(corpus, single, tmp_path):
    run_extraction(corpus, tmp_path, quiet=True, workers=2, engine="dask", batch_size=4)
    assert _tables(tmp_path) == single


def test_unknown_engine_is_a_clear_error(corpus, tmp_path):
    with pytest.raises(ValueError, match="unknown engine"):
        run_extraction(corpus, tmp_path, quiet=True, engine="spark")


def test_a_failing_article_is_reported_and_the_others_go_on(monkeypatch, tmp_path):
    real = pipeline.extract_document

    def fragile(doc, ner_backend=None):
        if doc.doc_id == "b" and doc.ok:
            raise RuntimeError("boom")
        return real(doc, ner_backend)

    monkeypatch.setattr(pipeline, "extract_document", fragile)
    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text("أرسلت روسيا النفط إلى كوريا الشمالية.", encoding="utf-8")
    results = process_batch([(n, str(tmp_path / f"{n}.txt"), f"{n}.txt", {}) for n in ("a", "b")])
    statuses = [r["documents"][0]["status"] for r in results]
    assert statuses == ["ok", "extraction_error"]
    assert "RuntimeError: boom" in results[1]["documents"][0]["reason"]
