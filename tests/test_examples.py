"""Every rule's examples, in the style of Duckling's corpus files: the data files that state a rule keep
an example beside it («Arabic» then the reading it must give), and this one harness runs them all."""
import re

import pytest

from analysis.claims import _period
from analysis.dates import find_dates
from analysis.pipeline import _measure
from analysis.quantities import find_quantities
from analysis.resources import load_table

EXAMPLE = re.compile(r"«(?P<text>[^»]+)»[:\s]*\(?(?P<reading>[^)]*)\)?")


def examples(relative):
    """(row, Arabic example, expected reading) of the rows of a data file that carry an example."""
    out = []
    for row in load_table(relative):
        found = EXAMPLE.match(row.get("example", "") or "")
        if found:
            out.append(pytest.param(row, found["text"], found["reading"].strip(), id=f"{relative}:{found['text'][:25]}"))
    return out


@pytest.mark.parametrize("row, text, reading", examples("lexicons/measures.csv"))
def test_a_measure_word_says_what_the_figure_after_it_measures(row, text, reading):
    figure = find_quantities(text, 1, 0, text)[-1]
    texts = {("x", 1): (0, text)}
    assert _measure(texts, {"doc_id": "x", "sentence": 1, "start": figure.start}) == row["measure"], (text, reading)


@pytest.mark.parametrize("row, text, reading", examples("lexicons/shared_items.csv"))
def test_a_count_without_its_noun_counts_what_its_example_says(row, text, reading):
    value, item = re.match(r"(\d+) thousand (\w+)|(\d+) (\w+)", reading).groups()[0:2] if "thousand" in reading else \
        re.match(r"(\d+) (\w+)", reading).groups()
    expected = float(value) * (1000 if "thousand" in reading else 1)
    figure = next(q for q in find_quantities(text, 1, 0, text) if q.value == expected)
    assert figure.item_en == item, (text, figure)


@pytest.mark.parametrize("row, text, reading", examples("lexicons/period_words.csv"))
def test_the_word_before_a_date_gives_the_side_of_the_period(row, text, reading):
    from analysis.claims import date_label
    from analysis.lexicons import match_key
    from analysis.normalize import normalize_text

    date = find_dates(text, 1, 0, text)[0]
    before = normalize_text(text[:date.start]).split()[-1]
    row_date = {"year": date.year or "", "month": date.month or "", "day": date.day or "", "iso": date.iso or ""}
    assert _period((date_label(row_date), match_key(before)), "", None) == reading, (text, date)
