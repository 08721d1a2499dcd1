"""The normalized matching view and its map back to the original."""
from hypothesis import given, settings, strategies as st

from analysis.normalize import NormalizedText, camel_tokenize_with_offsets, normalize_text, tokenize_with_offsets


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


# The one-expression tokenizer and the run-by-run offset map are shortcuts: they must agree with
# camel-tools' simple_word_tokenize and with the character-by-character map on any text.
_ALPHABET = ("قالبوتينكوريا الشمالية ًٌٍَُِّْـ٠١٢3456789#*.,،؛؟!\"'()[]«»%$€\t\n\xa0\u200c\u200d\u200f"
             "\ufe0f\u20e3😀🇷🇺👍🏽©®™‼—–-_/\\<>ﻻﻛ٫٬\x1c\x85\u2028aZé")


def _view_by_characters(text: str) -> tuple[str, list[int]]:
    from analysis.normalize import normalize_char

    pieces, origin = [], []
    for i, char in enumerate(text):
        out = normalize_char(char)
        pieces.append(out)
        origin += [i] * len(out)
    return "".join(pieces), origin + [len(text)]


@given(st.text(alphabet=_ALPHABET, max_size=40))
@settings(max_examples=3000, deadline=None)
def test_fast_tokenizer_agrees_with_camel_tools(text):
    assert tokenize_with_offsets(text) == camel_tokenize_with_offsets(text)


@given(st.text(alphabet=_ALPHABET, max_size=40))
@settings(max_examples=3000, deadline=None)
def test_fast_view_agrees_with_the_character_map(text):
    view = NormalizedText.of(text)
    assert (view.norm, list(view.origin)) == _view_by_characters(text)


def test_fast_tokenizer_agrees_on_every_seed_line(seed_originals):
    lines = [line for text in seed_originals.values() for line in text.splitlines()]
    assert len(lines) > 90
    for line in lines:
        assert tokenize_with_offsets(line) == camel_tokenize_with_offsets(line)


def test_emoji_sequences_go_through_camel_tools():
    text = "العلم 🇷🇺 و 👍🏽 و #️⃣"
    tokens = [t for t, _, _ in tokenize_with_offsets(text)]
    assert "🇷🇺" in tokens and "👍🏽" in tokens


@given(st.text(alphabet=_ALPHABET, max_size=40), st.integers(0, 40), st.integers(0, 40))
@settings(max_examples=2000, deadline=None)
def test_a_slice_of_the_view_is_the_view_of_the_slice(text, a, b):
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    assert NormalizedText.of(text).slice(start, end) == NormalizedText.of(text[start:end])


@given(st.characters())
def test_is_letter_is_the_regular_expressions_letter_class(char):
    import re

    from analysis.normalize import is_letter

    assert is_letter(char) == bool(re.fullmatch(r"[^\W\d_]", char))
