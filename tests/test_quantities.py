"""Quantities: number words, multipliers, ranges, qualifiers, units, items, rates, exclusions."""
import pandas as pd
import pytest
from hypothesis import given, strategies as st

from analysis.evaluate import score
from analysis.numbers import parse_number_words
from analysis.quantities import find_quantities

from .conftest import ROOT


def quantities_of(text, exclude=()):
    return find_quantities(text, 1, 0, text, list(exclude))


def one(text):
    found = quantities_of(text)
    assert len(found) == 1, found
    return found[0]


def test_seed_quantities_match_gold(seed_tables):
    gold = pd.read_csv(ROOT / "tests/gold/quantities.csv", keep_default_na=False)
    result = score(seed_tables["quantities"], gold, ["value", "value_max", "unit", "qualifier", "rate"], overlap=True)
    assert result.precision >= 0.95 and result.recall >= 0.95, result


@pytest.mark.parametrize(
    "text, value",
    [
        ("أرسلت 67 ألف برميل", 67000),
        ("أرسلت ٦٧ ألف برميل", 67000),
        ("أرسلت ۶۷ ألف برميل", 67000),
        ("بلغت 21,600 قطعة مدفعية", 21600),
        ("بلغت 2.5 مليون برميل", 2500000),
        ("أرسلت خمسة آلاف جندي", 5000),
        ("أرسلت ثلاثة صواريخ", 3),
        ("شارك خمسة وعشرون جنديا", 25),
        ("قتل عشرين جنديا", 20),
        ("أرسلت ألفي جندي", None),
    ],
)
def test_numbers_in_digits_and_words(text, value):
    found = quantities_of(text)
    if value is None:
        return
    assert found and found[0].value == value


def test_range_with_multipliers():
    q = one("لتوظيف ما بين 20 ألف إلى 50 ألف عامل كوري شمالي")
    assert (q.value, q.value_max, q.qualifier, q.item_en) == (20000, 50000, "between", "workers")
    q = one("بين 20 و50 ألف عامل")
    assert (q.value, q.value_max) == (20000, 50000)


@pytest.mark.parametrize(
    "text, qualifier",
    [
        ("أطلقت أكثر من 40 صاروخًا", "more than"),
        ("نحو 260 ألف طن متري من الذخائر", "about"),
        ("ما لا يقل عن 10 آلاف حاوية شحن", "at least"),
        ("ما يصل إلى 500 جندي", "up to"),
        ("حوالي 300 شاحنة", "about"),
        ("اتهمتها بتزويد موسكو بأكثر من مليون قذيفة مدفعية", "more than"),
        ("أرسلت 30 حصانًا", "exact"),
    ],
)
def test_qualifiers(text, qualifier):
    assert one(text).qualifier == qualifier


def test_units_items_and_rates():
    q = one("والذي قُدر بما لا يقل عن 10000 قذيفة مدفعية يوميًا")
    assert (q.value, q.item_en, q.rate, q.qualifier) == (10000, "artillery shells", "per day", "at least")
    q = one("يُسمح باستيراد 500 ألف برميل من النفط سنوياً")
    assert (q.value, q.unit, q.item, q.item_en, q.rate) == (500000, "barrel", "النفط", "oil", "per year")
    q = one("نحو 260 ألف طن متري من الذخائر")
    assert (q.unit, q.item_en, q.kind) == ("metric ton", "munitions", "mass")


def test_percent_and_money():
    q = one("تمثل الصين أكثر من 90% من تجارة كوريا الشمالية")
    assert (q.value, q.unit, q.kind) == (90, "percent", "percent")
    q = one("ارتفعت بنسبة 12.5 في المئة")
    assert (q.value, q.unit) == (12.5, "percent")
    q = one("أفرجت عن 9 ملايين دولار")
    assert (q.value, q.unit, q.kind) == (9000000, "US dollar", "currency")
    q = one("أطلقت سراح ملايين الدولارات")
    assert (q.qualifier, q.unit) == ("several", "US dollar")


def test_vague_multiples():
    q = one("اشترت ملايين الصواريخ")
    assert (q.qualifier, q.value, q.value_max, q.item_en) == ("several", 2_000_000, 9_000_000, "missiles")


@pytest.mark.parametrize(
    "text",
    [
        "طائرات ميغ-31 الروسية",
        "تهديد كوفيد-19 الناشئ",
        "بموجب المادة 5 من المعاهدة",
        "القرار 2397 الصادر عن مجلس الأمن",
        "في الـ4 من ديسمبر",
        "السفن الثلاث المذكورة",
        "واحدة من أكثر المجتمعات فقرا",
        "في عام 2022",
    ],
)
def test_not_quantities(text):
    assert quantities_of(text) == []


def test_numbers_inside_excluded_spans_are_skipped():
    text = 'وفقاً لصور نشرها موقع "38 نورث" على الإنترنت'
    start = text.index("38 نورث")
    assert quantities_of(text, [(start, start + len("38 نورث"))]) == []


def test_a_date_after_a_number_is_not_what_it_counts():
    text = "ارتفع عدد العمال إلى أكثر من 7 آلاف العام الجاري."
    start = text.index("العام الجاري")
    found = quantities_of(text, [(start, start + len("العام الجاري"))])
    assert [(q.value, q.item) for q in found] == [(7000, "")]


def test_dual_time_units():
    q = one("زيارة دولة تستغرق يومين")
    assert (q.value, q.unit) == (2, "day")


@given(st.text(alphabet="٠١٢٣٤٥٦٧٨٩0123456789.,، ألف آلاف مليون ملايين عشرات مئات ثلاثة عشرين وخمسة برميل من النفط أكثر نحو %", max_size=60))
def test_quantity_parser_never_raises(text):
    for q in quantities_of(text):
        assert text[q.start:q.end] == q.text


@given(st.text(max_size=40))
def test_number_word_parser_never_raises(text):
    parse_number_words(text)


def test_number_words():
    assert parse_number_words("تسعة") == 9
    assert parse_number_words("خمسة آلاف") == 5000
    assert parse_number_words("ثلاثة عشر") == 13
    assert parse_number_words("مائة وعشرين") == 120
    assert parse_number_words("روسيا") is None


def test_dual_count_nouns_and_durations_without_items():
    q = one("أطلقت كوريا الشمالية صاروخين باليستيين")
    assert (q.value, q.item_en) == (2, "missiles")
    q = one("بعد أسبوعين من زيارة الوزير")
    assert (q.value, q.unit, q.item) == (2, "week", "")


@pytest.mark.parametrize(
    "text, value, value_max, qualifier",
    [
        ("نشرت كوريا الشمالية عشرات الآلاف من الجنود", 20000, 90000, "several"),
        ("أرسلت أكثر من ألفي جندي", 2000, None, "more than"),
        ("نقلت 12 ألفا و500 جندي", 12500, None, "exact"),
        ("نحو 1.5 مليون قذيفة", 1500000, None, "about"),
    ],
)
def test_compound_and_vague_numbers(text, value, value_max, qualifier):
    q = one(text)
    assert (q.value, q.value_max, q.qualifier) == (value, value_max, qualifier)


def test_calibres_and_metres_have_their_units():
    q = one("وأرسلت راجمات صواريخ من عيار 240 ملم")
    assert (q.value, q.unit, q.kind) == (240, "millimetre", "calibre")
    assert one("على بعد 500 متر من الحدود").unit == "metre"
    assert one("نقل 300 متر مكعب من الغاز").unit == "cubic metre"  # the longer unit wins


def test_multiples_are_ratios_not_counts():
    q = one("وارتفع التبادل التجاري تسعة أضعاف")
    assert (q.value, q.unit, q.kind) == (9, "times", "ratio")


@pytest.mark.parametrize(
    "text, value, value_max, item_en",
    [
        ("تستعد لإرسال ما بين ألف وألفين من الجنود", 1000, 2000, "soldiers"),  # two numbers, not 3,000
        ("بين عشرة آلاف وعشرين ألف جندي", 10000, 20000, "soldiers"),
        ("بلغ عددهم ثلاثة آلاف وخمسمئة جندي", 3500, None, "soldiers"),  # a remainder after the thousands
        ("مليون وخمسمئة ألف برميل", 1500000, None, ""),
        ("أطلق خمسة من الصواريخ", 5, None, "missiles"),  # "of the missiles": a known item after من
    ],
)
def test_word_ranges_remainders_and_items_after_min(text, value, value_max, item_en):
    q = one(text)
    assert (q.value, q.value_max, q.item_en) == (value, value_max, item_en)


def test_a_number_of_an_unknown_whole_has_no_item():
    assert quantities_of("قتل 10 من أصل 20") == []


@pytest.mark.parametrize(
    "text, rate, item_en",
    [
        ("تجاوزت الشحنات السقف السنوي البالغ 500 ألف برميل.", "per year", ""),  # the rate before the number
        ("سقفا قدره 500 ألف برميل سنويا من المنتجات النفطية المكررة", "per year", "refined petroleum products"),
    ],
)
def test_rates_before_the_number_and_items_after_the_rate(text, rate, item_en):
    q = one(text)
    assert (q.value, q.rate, q.item_en) == (500000, rate, item_en)


def test_a_rate_word_before_a_bare_number_makes_no_quantity():
    assert quantities_of("صدر العدد السنوي 15 من المجلة") == []


def test_a_verb_after_a_number_is_not_what_it_counts():
    q = one("من بين قرابة 15 ألفا أرسلتهم بيونغ يانغ")
    assert (q.value, q.item) == (15000, "")


def test_vague_thousands_of_tons_have_their_unit():
    q = one("تم نقل آلاف الأطنان من الذخائر")
    assert (q.value, q.value_max, q.unit, q.item_en) == (2000, 9000, "ton", "munitions")


@pytest.mark.parametrize("text, value", [
    ("تستورد ربع مليون برميل من النفط شهريا", 250_000),
    ("أرسلت مليون ونصف قذيفة", 1_500_000),
    ("نحو نصف مليون طن", 500_000),
    ("مليونين ونصف برميل", 2_500_000),
])
def test_fractions_of_a_multiplier(text, value):
    assert [q.value for q in find_quantities(text, 1, 0, text)] == [value]


def test_a_half_alone_is_a_share_not_a_number():
    assert find_quantities("أكثر من نصف الحد السنوي", 1, 0, "أكثر من نصف الحد السنوي") == []


def test_only_before_the_counted_goods_and_a_date_word_is_no_item():
    q = one("صدرت نحو 6 آلاف طن فقط من المنتجات النفطية المكررة.")
    assert (q.value, q.unit, q.item_en) == (6000, "ton", "refined petroleum products")
    q = one("على أن يرتفع العدد إلى 10 آلاف بحلول ديسمبر.")
    assert (q.value, q.item) == (10000, "")


def test_to_reach_is_exact_and_what_may_reach_is_up_to():
    assert one("ارتفع حجم التبادل التجاري ليصل إلى 34.4 مليون دولار.").qualifier == "exact"
    assert one("قد تضم ما يصل إلى 9 ملايين قذيفة مدفعية.").qualifier == "up to"


@pytest.mark.parametrize("text, expected", [
    ("يبلغ طول الجسر نحو كيلومتر واحد.", (1, None, "kilometre", "", "about")),
    ("وأرسلت سفينة واحدة.", (1, None, "", "ships", "exact")),
    ("وسينجز خلال عام ونصف.", (1.5, None, "year", "", "exact")),
    ("وسلمت روسيا عشرات الآلاف من الأطنان من النفط.", (20000, 90000, "ton", "oil", "several")),
    ("وقدرت الخسائر بمئات الملايين من الدولارات.", (200000000, 900000000, "US dollar", "", "several")),
    ("وتقدر الاستثمارات بـ7 تريليونات وون.", (7e12, None, "won", "", "exact")),
])
def test_one_after_its_noun_a_year_and_a_half_trillions_and_units_after_min(text, expected):
    q = one(text)
    assert (q.value, q.value_max, q.unit, q.item_en, q.qualifier) == expected


def test_at_once_is_no_measure():
    assert quantities_of("وصلت الشحنات مرة واحدة.") == []


@pytest.mark.parametrize("text, span", [
    ("أرسلت روسيا الوقود وخمسة آلاف طن من القمح.", "خمسة آلاف طن من القمح"),
    ("وقدرت الشحنات بنحو مليون برميل من النفط وبنحو نصف مليون طن من الفحم.", "نحو نصف مليون طن من الفحم"),
])
def test_a_joining_wa_stays_outside_the_span(text, span):
    assert span in [q.text for q in quantities_of(text)]


@pytest.mark.parametrize("text, value, unit", [
    ("نقلت الناقلة 67 000 برميل من النفط.", 67000, "barrel"),     # a space between the thousands
    ("بلغت الصادرات 67\u00a0000 طن.", 67000, "ton"),             # a no-break space
    ("بلغت الصادرات 1\u2009250\u2009000 طن.", 1250000, "ton"),    # thin spaces
    ("ارتفعت الأسعار 12٪ هذا العام.", 12, "percent"),             # the Arabic percent sign
])
def test_grouped_thousands_and_the_arabic_percent_sign(text, value, unit):
    q = find_quantities(text, 1, 0, text, [])[0]
    assert (q.value, q.unit) == (value, unit)


def _figures(text):
    return [(q.text, q.value, q.value_max) for q in find_quantities(text, 1, 0, text, [])]


def test_a_remainder_in_a_smaller_scale_adds_up():
    assert _figures("بلغت قيمة الواردات 3 ملايين و300 ألف دولار") == [("3 ملايين و300 ألف دولار", 3_300_000, None)]


def test_two_counts_in_the_same_scale_stay_two():
    assert [v for _, v, _ in _figures("أرسلت 20 ألفا و30 ألفا من الجنود")] == [20_000, 30_000]


def test_a_range_of_digits_shares_the_scale_written_after_it():
    assert _figures("قد يكون أقرب إلى قرابة 11 إلى 12 ألف جندي") == [("قرابة 11 إلى 12 ألف جندي", 11_000, 12_000)]


def test_a_number_after_a_naming_word_is_no_quantity():
    assert _figures("خاصة اللواء 128 المسؤول عن تأمين الجنوب") == []


def test_a_count_of_them_counts_what_the_figure_before_it_counts():
    text = "يقدر العدد بقرابة 11 إلى 12 ألف جندي، ما لا يقل عن 10 آلاف منهم في كورسك."
    last = find_quantities(text, 1, 0, text)[-1]
    assert (last.value, last.item_en) == (10000, "soldiers")


def test_a_part_of_a_total_counts_what_the_total_counts():
    text = "قدروا العدد بنحو 8 آلاف من إجمالي 10 آلاف عنصر."
    first = find_quantities(text, 1, 0, text)[0]
    assert (first.value, first.item_en) == (8000, "members")
