"""Dates: absolute, partial, paired month names, weekdays, relative expressions and their anchor."""
from datetime import date

import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from analysis.dates import earliest_publication, find_dates, parse_anchor
from analysis.evaluate import score

from .conftest import ROOT


def dates_of(text, anchor=None):
    return find_dates(text, 1, 0, text, anchor)


def one(text, anchor=None):
    found = dates_of(text, anchor)
    assert len(found) == 1, found
    return found[0]


def ymd(d):
    return (d.year, d.month, d.day)


def test_seed_dates_match_gold(seed_tables):
    gold = pd.read_csv(ROOT / "tests/gold/dates.csv", keep_default_na=False)
    result = score(seed_tables["dates"], gold, ["year", "month", "day", "relative"], overlap=True)
    assert result.precision >= 0.95 and result.recall >= 0.95, result


@pytest.mark.parametrize(
    "text, expected",
    [
        ("وقعت في 10 – يونيو – 2025 الهجمات", (2025, 6, 10)),
        ("في الـ4 من ديسمبر 2024", (2024, 12, 4)),
        ("في ١٩ حزيران ٢٠٢٤", (2024, 6, 19)),
        ("يوم 19 يونيو/حزيران 2024", (2024, 6, 19)),
        ("في 3 آب/أغسطس 2023", (2023, 8, 3)),
        ("في 5 أغسطس/ آب 2023", (2023, 8, 5)),
        ("بتاريخ 19/06/2024", (2024, 6, 19)),
        ("في 2024-06-19", (2024, 6, 19)),
        ("في 12 إبريل 2023", (2023, 4, 12)),
        ("في 12 أبريل 2023", (2023, 4, 12)),
        ("في 1 كانون الثاني 2024", (2024, 1, 1)),
    ],
)
def test_full_dates(text, expected):
    d = one(text)
    assert ymd(d) == expected and d.iso == "%04d-%02d-%02d" % expected and not d.relative


@pytest.mark.parametrize(
    "text, expected",
    [
        ("خلال ديسمبر 2022", (2022, 12, None)),
        ("في ديسمبر/كانون الأول 2022", (2022, 12, None)),
        ("منذ عام 2020", (2020, None, None)),
        ("واستمرت في 2023", (2023, None, None)),
        ("أواخر 2022", (2022, None, None)),
        ("في سبتمبر", (None, 9, None)),
        ("في 10 يونيو", (None, 6, 10)),
    ],
)
def test_partial_dates(text, expected):
    d = one(text)
    assert ymd(d) == expected and d.iso == ""


def test_two_years_after_one_cue():
    assert [d.year for d in dates_of("في عامي 2022 و2023")] == [2022, 2023]


def test_counts_are_not_years():
    assert dates_of("أرسلت 2000 جندي") == []
    assert dates_of("ما يزيد على 21600 قطعة") == []


def test_month_name_needs_a_cue_when_alone():
    assert dates_of("مارس الضغط على الحكومة") == []
    assert ymd(one("وفي مارس استخدمت حق النقض")) == (None, 3, None)


@pytest.mark.parametrize(
    "text, anchor, expected",
    [
        ("في الشهر الماضي", date(2024, 6, 19), (2024, 5, None)),
        ("العام الماضي", date(2024, 6, 19), (2023, None, None)),
        ("في وقت سابق من هذا العام", date(2024, 6, 19), (2024, None, None)),
        ("قبل تسعة أشهر", date(2024, 6, 19), (2023, 9, None)),
        ("في سبتمبر الماضي", date(2024, 6, 19), (2023, 9, None)),
        ("في يناير الماضي", date(2024, 6, 19), (2024, 1, None)),
        ("اليوم الثلاثاء", date(2024, 6, 19), (2024, 6, 18)),
        ("أمس", date(2024, 6, 19), (2024, 6, 18)),
        ("هذا الأسبوع", date(2024, 6, 19), (2024, 6, None)),
        ("اعتبارا من 17 يونيو المقبل", date(2024, 6, 19), (2025, 6, 17)),  # a day with next / last
        ("في 25 يونيو المقبل", date(2024, 6, 19), (2024, 6, 25)),
        ("في 12 تشرين الثاني الماضي", date(2024, 6, 19), (2023, 11, 12)),
        ("أمس الثلاثاء", date(2024, 6, 19), (2024, 6, 18)),  # one expression, the day before
    ],
)
def test_relative_dates_resolve_against_the_article_date(text, anchor, expected):
    d = one(text, anchor)
    assert d.relative and ymd(d) == expected and d.anchor == anchor.isoformat()


def test_relative_dates_stay_unresolved_without_an_anchor():
    d = one("في الشهر الماضي")
    assert d.relative and ymd(d) == (None, None, None) and d.anchor == ""
    d = one("سبتمبر الماضي")
    assert ymd(d) == (None, 9, None)


def test_earliest_publication_is_the_latest_absolute_date():
    found = dates_of("توقفت في أكتوبر 2020 واستؤنفت في ديسمبر 2022، وفي الشهر الماضي")
    assert earliest_publication(found) == ("2022-12-01", "ديسمبر 2022")
    assert earliest_publication(dates_of("في الشهر الماضي")) == ("", "")


def test_parse_anchor():
    assert parse_anchor("2024-06-19") == date(2024, 6, 19)
    assert parse_anchor("2024-06-19T10:00:00Z") == date(2024, 6, 19)
    assert parse_anchor("yesterday") is None and parse_anchor("2024-02-30") is None


def test_published_metadata_anchors_relative_dates(tmp_path):
    from analysis.pipeline import run_extraction
    from analysis.tables import read_table

    (tmp_path / "a.txt").write_text("وقال المسؤول في الشهر الماضي إن الشحنات وصلت.", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("doc_id,published\na,2024-06-19\n", encoding="utf-8")
    run_extraction(tmp_path, tmp_path / "out", quiet=True)
    row = read_table(tmp_path / "out", "dates").iloc[0]
    assert (row.year, row.month, row.anchor) == (2024, 5, "2024-06-19")


@given(st.text(alphabet="٠١٢٣٤٥٦٧٨٩0123456789/-– من في عام الـ يناير ديسمبر آب أغسطس كانون الأول الماضي قبل أشهر تسعة الثلاثاء اليوم", max_size=60),
       st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 1, 1))))
def test_date_parser_never_raises(text, anchor):
    for d in dates_of(text, anchor):
        assert text[d.start:d.end] == d.text


@pytest.mark.parametrize(
    "text, expected, modifier",
    [
        ("في نهاية ديسمبر", (None, 12, None), "end"),
        ("في 2024/06/19", (2024, 6, 19), ""),
        ("في يونيو حزيران 2024", (2024, 6, None), ""),
        ("منتصف عام 2023", (2023, None, None), "mid"),
    ],
)
def test_more_absolute_forms(text, expected, modifier):
    d = one(text)
    assert ymd(d) == expected and d.modifier == modifier


def test_a_modifier_before_a_relative_expression():
    d = one("مطلع العام الجاري", date(2024, 11, 20))
    assert (d.year, d.modifier, d.relative) == (2024, "early", True)


_DATE_WORDS = ["2024", "12", "3", "/", "-", "،", "من", "في", "عام", "الـ", "يناير", "ديسمبر", "آب", "أغسطس", "كانون",
               "الأول", "الثاني", "شباط", "فبراير", "الماضي", "المقبل", "قبل", "منذ", "أشهر", "يومين", "تسعة",
               "الثلاثاء", "الأحد", "اليوم", "يوم", "أمس", "الأسبوع", "مطلع", "أواخر", "الانتخابات", "كتاب"]
_CLITICS = ["", "", "", "و", "ب", "ل", "ف", "ك", "وب"]
_DATE_TEXT = st.lists(st.tuples(st.sampled_from(_CLITICS), st.sampled_from(_DATE_WORDS), st.sampled_from([" ", " ", "", "، "])),
                      max_size=8).map(lambda parts: "".join(c + w + sep for c, w, sep in parts))


@given(_DATE_TEXT, st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 1, 1))))
@settings(max_examples=2000, deadline=None)
def test_pattern_gates_never_hide_a_date(text, anchor):
    """The one-pass gates only skip patterns that could not match: results equal running every pattern."""
    import analysis.dates as dates_module

    gated = dates_of(text, anchor)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(dates_module, "_gates", lambda norm: {"digit", "year", "month", "weekday", "relative", "ago"})
        ungated = dates_of(text, anchor)
    assert gated == ungated


def test_a_year_is_read_beside_a_month_with_next_or_last():
    found = dates_of("ولاية اللجنة، التي أنشئت عام 2009، تنتهي في 30 أبريل/نيسان المقبل.")
    assert [(d.text, d.year, d.month, d.day) for d in found] == [("عام 2009", 2009, None, None),
                                                                 ("30 أبريل/نيسان المقبل", None, 4, 30)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("وأكد البيت الأبيض في يناير/كانون الثاني من العام الماضي أن", ("يناير/كانون الثاني من العام الماضي", 2024, 1, "last")),
        ("زار الوفد موسكو في مارس من هذا العام", ("مارس من هذا العام", 2025, 3, "")),
        ("تنتهي المهلة في سبتمبر من العام المقبل", ("سبتمبر من العام المقبل", 2026, 9, "next")),
    ],
)
def test_a_month_of_a_relative_year_is_one_date(text, expected):
    d = one(text, date(2025, 6, 1))
    assert (d.text, d.year, d.month, d.modifier) == expected and d.relative


def test_the_next_day_of_the_story_is_not_resolved_from_the_article_date():
    d = one("وفي اليوم التالي، زار كيم مصنعا للطائرات.", date(2025, 6, 1))
    assert (d.text, d.relative, d.modifier, d.year, d.day) == ("اليوم التالي", True, "next", None, None)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("اعتبارا من الأول من يوليو المقبل", ("الأول من يوليو المقبل", 2025, 7, 1, "next")),
        ("في الخامس عشر من أغسطس 2024", ("الخامس عشر من أغسطس 2024", 2024, 8, 15, "")),
        ("وفي منتصف تشرين الأول/أكتوبر الماضي، وصل القطار", ("منتصف تشرين الأول/أكتوبر الماضي", 2024, 10, None, "mid")),
    ],
)
def test_ordinal_days_and_modified_months_of_next_or_last(text, expected):
    d = one(text, date(2025, 3, 1))
    assert (d.text, d.year, d.month, d.day, d.modifier) == expected


def test_an_ordinal_without_a_month_is_no_date():
    assert dates_of("الفصل الأول من الكتاب") == []


def test_the_start_of_the_year_is_this_year_early():
    d = one("ارتفعت حركة القطارات بنسبة 70 في المائة منذ مطلع العام", date(2025, 3, 1))
    assert (d.text, d.year, d.modifier) == ("مطلع العام", 2025, "early")
    assert dates_of("قال الأمين العام للأمم المتحدة") == []


@pytest.mark.parametrize("text, first", [
    ("نقلت روسيا النفط بين مارس (آذار) وديسمبر (كانون الأول) 2024.", (2024, 3, None)),
    ("من يناير إلى أبريل 2025 ارتفعت الصادرات.", (2025, 1, None)),
    ("بين نوفمبر وفبراير 2024 توقفت الشحنات.", (2023, 11, None)),  # the range crosses a new year
])
def test_a_month_range_shares_the_year_written_once(text, first):
    found = dates_of(text)
    assert ymd(found[0]) == first and found[1].year == first[0] + (first[1] > found[1].month)


def test_a_month_alone_keeps_no_year():
    assert [ymd(d) for d in dates_of("في مارس وقعت الحكومة اتفاقا، وفي عام 2024 زار الوزير موسكو.")][0] == (None, 3, None)


@pytest.mark.parametrize("text, expected", [
    ("جرت المناورات من 10 إلى 15 مارس الماضي.", [(2025, 3, 10), (2025, 3, 15)]),
    ("زار الوفد موسكو بين 3 و5 مايو 2024.", [(2024, 5, 3), (2024, 5, 5)]),
])
def test_a_day_range_gives_both_days_one_month(text, expected):
    assert [ymd(d) for d in dates_of(text, date(2025, 4, 20))] == expected


def test_a_number_range_before_a_count_is_no_date():
    assert dates_of("وارتفع العدد من 10 إلى 15 ألفا.") == []


@pytest.mark.parametrize("text", ["وصل يوم الجمعة 21 يونيو 2024.", "وصل الجمعة، 21 يونيو 2024."])
def test_a_weekday_before_its_date_is_one_date(text):
    d = one(text, date(2025, 1, 1))
    assert (ymd(d), d.weekday, d.relative) == ((2024, 6, 21), "Friday", False)
    assert d.text.startswith(("يوم الجمعة", "الجمعة"))


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31"])
def test_an_anchor_at_the_ends_of_the_calendar_resolves_nothing_and_never_fails(published):
    text = "وصلت الشحنة أمس، وتصل الثانية غدا أو الأسبوع المقبل يوم الجمعة."
    anchor = parse_anchor(published)
    assert anchor is None
    assert all(d.year is None for d in find_dates(text, 1, 0, text, anchor) if d.relative)


def _read(text, published):
    return [(d.text, d.year, d.month, d.day) for d in find_dates(text, 1, 0, text, parse_anchor(published))]


def test_a_month_after_the_word_month_with_a_clitic():
    assert _read("بلغت الصادرات بشهر نيسان 3.31 مليون برميل", "2023-08-01") == [("نيسان", None, 4, None)]


def test_tomorrow_and_a_weekday_is_the_day_after_the_article():
    assert _read("بدءا من غد السبت تحت عنوان", "2023-02-10") == [("غد السبت", 2023, 2, 11)]


def test_a_day_of_the_current_month():
    assert _read("منذ يوم 13 من شهر يناير الجاري.", "2026-01-23") == [("13 من شهر يناير الجاري", 2026, 1, 13)]


def test_a_range_of_months_shares_the_relative_year_written_after_it():
    assert _read("في الفترة من يناير إلى يوليو من العام الماضي", "2026-01-23") == \
        [("يناير", 2025, 1, None), ("يوليو من العام الماضي", 2025, 7, None)]
