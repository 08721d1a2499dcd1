"""The explorer's filtering functions."""
import pytest

from analysis.explorer import choices, evidence, evidence_html


def test_entity_choices_are_labelled_in_english_and_arabic(seed_tables):
    options = choices(seed_tables, "entity")
    assert options[0] == ("North Korea — كوريا الشمالية (60)", "north_korea")


def test_entity_evidence_is_every_mention_with_its_sentence(seed_tables, seed_originals):
    found = evidence(seed_tables, "entity", "pyongyang")
    assert len(found) == (seed_tables["mentions"].entity_id == "pyongyang").sum()
    for r in found.itertuples():
        assert r.sentence_start <= r.start < r.end <= r.sentence_start + len(r.sentence_text)
        assert seed_originals[r.doc_id][r.sentence_start:r.sentence_start + len(r.sentence_text)] == r.sentence_text


def test_commodity_and_claim_evidence(seed_tables):
    shells = evidence(seed_tables, "commodity", "artillery shells")
    assert set(shells.doc_id) >= {"002_dc98b6a0fe5fe638", "004_83ef99ef7d9a2aab"}
    assert all("→" in label for label in shells.label)
    claim = choices(seed_tables, "claim")[0][1]
    rows = evidence(seed_tables, "claim", claim)
    assert len(rows) == (seed_tables["claims"].claim_id == claim).sum()


def test_evidence_html_highlights_in_rtl(seed_tables):
    page = evidence_html(seed_tables, "entity", "kim_jong_un")
    assert page.count("<mark") == (seed_tables["mentions"].entity_id == "kim_jong_un").sum()
    assert 'dir="rtl"' in page
    assert evidence_html(seed_tables, "entity", "no_such_entity") == "<p><em>No sentence.</em></p>"


def test_unknown_kind_is_a_clear_error(seed_tables):
    with pytest.raises(ValueError, match="unknown kind"):
        choices(seed_tables, "speaker")
