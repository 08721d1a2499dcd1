"""The report's front page findings, from the seed tables."""
from analysis.overview import overview


def test_transfers_are_ranked_by_articles_with_their_figures(seed_tables):
    o = overview(seed_tables)
    first = o.transfers[0]
    assert (first["from"], first["to"], first["commodity"]) == ("North Korea", "Russia", "weapons and munitions")
    assert first["articles"] == 5 and first["figures"]
    assert [t["articles"] for t in o.transfers] == sorted((t["articles"] for t in o.transfers), reverse=True)


def test_counts_and_articles_cover_the_corpus(seed_tables):
    o = overview(seed_tables)
    assert (o.n_files, o.n_readable, o.problems) == (5, 5, [])
    assert len(o.articles) == 5 and o.counts["flows"] == len(seed_tables["flows"])


def test_ledger_lists_groups_with_several_figures_only(seed_tables):
    o = overview(seed_tables)
    assert o.ledger and all(c["agreement"] != "single source" for c in o.ledger)


def test_names_in_english_with_arabic_beside(seed_tables):
    o = overview(seed_tables)
    assert ("North Korea", "كوريا الشمالية") == o.entities[0][:2]


def test_the_same_tables_give_the_same_overview(seed_tables):
    assert overview(seed_tables) == overview(seed_tables)


def test_each_transfer_reads_as_one_english_sentence_with_figures_sources_and_verdict(seed_tables):
    from analysis.overview import transfer_headlines

    lines = transfer_headlines(seed_tables)
    munitions = lines[0]
    assert munitions.startswith("Munitions and weapons sent from North Korea to Russia: ")
    assert "millions of missiles (according to US officials)" in munitions and "Verdict: not comparable" in munitions
    oil = next(line for line in lines if line.startswith("Oil and refined petroleum sent from Russia"))
    assert "about 67,000 barrels" in oil
    assert any("no figure; reported in 3 articles (evidence: " in line for line in lines)
    # the oil: its period, the cap on it and the US allegation of shipments above the cap, in one sentence
    assert "since 2022-12" in oil and "cap: 500,000 barrels per year" in oil
    assert "United States alleges shipments above the cap (no figure)" in oil
    assert not any(line.startswith("Cargo containers") for line in lines)  # they stand with the munitions
