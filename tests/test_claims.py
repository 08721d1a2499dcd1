"""The cross-article ledger: grouping, restated figures, agreement."""
from analysis.claims import assess, build_claims, interval


def figure(doc, value, unit="", item="artillery shells", qualifier="exact", value_max="", rate=""):
    return {"doc_id": doc, "value": value, "value_max": value_max, "unit": unit, "item_en": item,
            "qualifier": qualifier, "rate": rate}


def test_restated_figures_are_one_figure():
    agreement, explanation, ids = assess([figure("a", 1000000, qualifier="more than"), figure("b", 1000000, qualifier="more than")])
    assert agreement == "consistent" and ids == [1, 1] and "2 articles give the same figure" in explanation


def test_qualified_figures_that_overlap_are_consistent():
    agreement, _, ids = assess([figure("a", 67000, "barrel", "oil", "about"), figure("b", 70000, "barrel", "oil", "about")])
    assert agreement == "consistent" and ids == [1, 2]


def test_figures_that_cannot_both_hold_conflict():
    agreement, explanation, _ = assess([figure("a", 1000000, qualifier="more than"), figure("b", 300000, qualifier="up to")])
    assert agreement == "conflicting" and "cannot all be true" in explanation


def test_different_units_are_not_compared():
    agreement, _, _ = assess([figure("a", 260000, "metric ton", "munitions", "about"), figure("b", 1000000)])
    assert agreement == "different units"


def test_single_source():
    assert assess([figure("a", 30, item="horses")])[0] == "single source"


def test_intervals():
    low, high = interval(100, None, "about")
    assert round(low, 6) == 90 and round(high, 6) == 110
    assert interval(100, None, "more than") == (100, float("inf"))
    assert interval(20000, 50000, "between") == (20000, 50000)


def test_flow_figures_are_filed_under_their_transfer():
    quantity = {"doc_id": "a", "sentence": 3, "start": 10, "end": 30, "text": "نحو 260 ألف طن", "value": 260000,
                "value_max": "", "qualifier": "about", "unit": "metric ton", "item_en": "munitions", "rate": "", "kind": "mass"}
    flow = {"doc_id": "a", "sentence": 3, "quantity_text": "نحو 260 ألف طن", "from_name_en": "North Korea",
            "to_name_en": "Russia", "commodity": "weapons and munitions", "status": "reported"}
    statement = {"doc_id": "a", "sentence": 3, "speaker_name_en": "US officials", "speaker_text": "مسؤولون"}
    rows = build_claims([quantity], [flow], [statement], [], {})
    assert rows[0]["topic"] == "munitions and weapons sent from North Korea to Russia"
    assert rows[0]["attributed_to"] == "US officials" and rows[0]["agreement"] == "single source"


def test_seed_ledger(seed_tables):
    claims = seed_tables["claims"]
    munitions = claims[claims.topic == "munitions and weapons sent from North Korea to Russia"]
    assert set(munitions.doc_id) == {"002_dc98b6a0fe5fe638", "004_83ef99ef7d9a2aab"}
    assert set(munitions.agreement) == {"different units"}
    assert (claims.explanation.str.len() > 20).all()
    assert "cap on oil and refined petroleum imports by North Korea" in set(claims.topic)


def test_a_planned_transfer_is_not_compared_with_what_was_sent():
    def row(sentence, text, value, value_max, qualifier, status):
        quantity = {"doc_id": "a", "sentence": sentence, "start": 0, "end": 5, "text": text, "value": value,
                    "value_max": value_max, "qualifier": qualifier, "unit": "", "item_en": "soldiers", "rate": "",
                    "kind": "count"}
        flow = {"doc_id": "a", "sentence": sentence, "quantity_text": text, "from_name_en": "North Korea",
                "to_name_en": "Russia", "commodity": "troops", "status": status}
        return quantity, flow
    sent, sent_flow = row(1, "نحو 11 ألف جندي", 11000, "", "about", "reported")
    plan, plan_flow = row(2, "ما بين ألف وألفين", 1000, 2000, "between", "planned")
    rows = build_claims([sent, plan], [sent_flow, plan_flow], [], [], {})
    assert {r["topic"]: r["agreement"] for r in rows} == {
        "troops sent from North Korea to Russia": "single source",
        "troops planned to go from North Korea to Russia": "single source"}
