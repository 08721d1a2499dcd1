"""The normalized matching view and its map back to the original."""
from analysis.normalize import NormalizedText, normalize_text, tokenize_with_offsets


def test_camel_tools_normalization_in_the_view():
    assert normalize_text("مُنِعت") == "منعت"  # diacritics
    assert normalize_text("أإآا") == "اااا"  # alef variants
    assert normalize_text("مستشفى") == "مستشفي"  # alef maksura
    assert normalize_text("الكورية") == "الكوريه"  # teh marbuta
    assert normalize_text("كـــوريا") == "كوريا"  # tatweel


def test_digits_presentation_forms_and_zero_width():
    assert normalize_text("٢٠٢٤ و۱۹") == "2024 و19"
    assert normalize_text("ﻛﻮﺭﻳﺎ") == "كوريا"
    assert normalize_text("ﻻ") == "لا"
    assert normalize_text("بو\u200cتين\u200f") == "بوتين"


def test_offsets_map_back_to_the_original():
    original = "قال الرئيسُ فلاديـمير بوتين ٢٠٢٤"
    view = NormalizedText.of(original)
    i = view.norm.index("فلاديمير")
    start, end = view.span(i, i + len("فلاديمير"))
    assert original[start:end] == "فلاديـمير"
    i = view.norm.index("الرئيس")
    start, end = view.span(i, i + len("الرئيس"))
    assert original[start:end] == "الرئيسُ"  # the trailing diacritic belongs to the word
    i = view.norm.index("2024")
    assert original[slice(*view.span(i, i + 4))] == "٢٠٢٤"


def test_tokens_carry_their_offsets():
    text = 'قال لـ"رويترز" إن 12.5%'
    for token, start, end in tokenize_with_offsets(text):
        assert text[start:end] == token
    assert [t for t, _, _ in tokenize_with_offsets(text)][:4] == ["قال", "لـ", '"', "رويترز"]
