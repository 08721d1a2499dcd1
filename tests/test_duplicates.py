"""Near-duplicate articles: wire copies are found, marked in documents.csv and counted once by the ledger."""
import shutil

import pandas as pd

from analysis.claims import build_claims
from analysis.duplicates import near_duplicates, signature, similarity
from analysis.pipeline import run_extraction

from .conftest import SEEDS


def seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]


def test_a_copy_with_its_own_dateline_is_a_near_duplicate_of_the_original():
    original = seed_texts()[0]
    copy = "موسكو (وكالات) - " + original.replace("،", ",")
    found = near_duplicates([("a", signature(original)), ("b", signature(copy))])
    assert list(found) == ["b"] and found["b"][0] == "a" and found["b"][1] >= 0.8


def test_articles_on_the_same_subject_are_not_duplicates():
    texts = seed_texts()
    assert near_duplicates([(str(k), signature(t)) for k, t in enumerate(texts)]) == {}
    assert max(similarity(signature(a), signature(b)) for a in texts for b in texts if a is not b) < 0.2


def test_the_original_is_the_earliest_article_in_corpus_order_whatever_the_copy_order():
    text = seed_texts()[1]
    # the first article listed is an extended copy: it is still the one the later ones are said to repeat
    found = near_duplicates([("first", signature(text + " انتهى")), ("second", signature(text)),
                             ("third", signature("عاجل: " + text))])
    assert {copy: original for copy, (original, _) in found.items()} == {"second": "first", "third": "first"}


def test_a_text_too_short_to_compare_has_no_signature_and_no_duplicate():
    assert signature("خبر قصير") is None
    assert near_duplicates([("a", None), ("b", None)]) == {}


def test_signatures_are_the_same_run_after_run():
    text = seed_texts()[2]
    assert (signature(text) == signature(text)).all()


def test_the_ledger_counts_near_copies_once():
    quantity = {"kind": "mass", "unit": "metric ton", "item_en": "munitions", "value": 1000.0, "value_max": "",
                "qualifier": "exact", "rate": "", "start": 0, "end": 8, "text": "1000 طن", "sentence": 1, "clause": 0}
    rows = build_claims([quantity | {"doc_id": d} for d in ("a", "b", "c")], [], [], [], {}, {"b": "a"})
    assert {r["n_sources"] for r in rows} == {3} and {r["n_independent_sources"] for r in rows} == {2}
    assert "2 independent sources" in rows[0]["explanation"]


def test_documents_csv_names_the_article_a_copy_repeats(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    first = sorted(SEEDS.glob("*.txt"))[0]
    (corpus / "zz_wire_copy.txt").write_text("عاجل - " + first.read_text(encoding="utf-8"), encoding="utf-8")
    run_extraction(corpus, tmp_path / "out", quiet=True)
    documents = pd.read_csv(tmp_path / "out/documents.csv", keep_default_na=False, dtype=str).set_index("path")
    copies = documents[documents.duplicate_of != ""]
    assert list(copies.index) == ["zz_wire_copy.txt"]
    assert copies.duplicate_of.iloc[0] == documents.loc[first.name, "doc_id"]
    assert float(copies.similarity.iloc[0]) >= 0.9
