"""A normalized view of Arabic text for matching, kept beside the original.

Every character of the original maps to zero or more characters of the view,
and every character of the view remembers the original offset it came from, so
a match found in the view is turned back into an exact span of the original
(``NormalizedText.span``). The per-character steps are camel-tools' own
(``normalize_unicode``, ``dediac_ar``, alef / alef maksura / teh marbuta
normalization) plus tatweel and zero-width removal and digit folding.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

import regex as _regex
from camel_tools.tokenizers.word import simple_word_tokenize
from camel_tools.utils.dediac import dediac_ar
from camel_tools.utils.normalize import (
    normalize_alef_ar,
    normalize_alef_maksura_ar,
    normalize_teh_marbuta_ar,
    normalize_unicode,
)

TATWEEL = "\u0640"
ZERO_WIDTH = {"\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2060", "\ufeff", "\u061c"}
_DIGITS = {ord("٠") + i: str(i) for i in range(10)} | {ord("۰") + i: str(i) for i in range(10)}
_DIGITS |= {ord("٫"): ".", ord("٬"): ",", ord("٪"): "%"}  # Arabic decimal point, thousands separator, percent
_SPACES = {"\xa0", "\u2009", "\u202f", "\u2007", "\u3000"}


@lru_cache(maxsize=None)
def normalize_char(char: str) -> str:
    """Return the normalized form of one character (possibly empty or several characters)."""
    if char in ZERO_WIDTH or char == TATWEEL:
        return ""
    if char in _SPACES:
        return " "
    out = char.translate(_DIGITS)
    if out != char:
        return out
    out = normalize_unicode(char)  # presentation forms (ﻛ, ﻻ) -> base letters
    out = dediac_ar(out)
    out = out.replace(TATWEEL, "")
    out = normalize_alef_ar(out)
    out = normalize_alef_maksura_ar(out)
    out = normalize_teh_marbuta_ar(out)
    return out.translate(_DIGITS)


_CHAR_CACHE: dict[str, str] = {}
# Characters whose normalized form is precomputed into a str.translate table: ASCII, Latin-1, Arabic and
# its supplements, presentation forms, general punctuation (zero-width marks, spaces).
_RANGES = ((0x0000, 0x0800), (0x08A0, 0x0900), (0x2000, 0x2070), (0x3000, 0x3001), (0xFB50, 0xFE00), (0xFE70, 0xFF00))
_TABLE = {code: normalize_char(chr(code)) for lo, hi in _RANGES for code in range(lo, hi)}
_COVERED = frozenset(chr(code) for code in _TABLE)
# Covered characters whose normalized form is not exactly one character (they vanish or expand).
_IRREGULAR = frozenset(chr(code) for code, out in _TABLE.items() if len(out) != 1)
_IRREGULAR_RE = re.compile("[" + "".join(re.escape(c) for c in sorted(_IRREGULAR)) + "]")


def is_letter(char: str) -> bool:
    """What a regular expression's ``[^\\W\\d_]`` matches: a word character that is no decimal digit
    and no underscore (``re``'s ``\\w`` is ``str.isalnum()`` plus ``_``, its ``\\d`` ``str.isdecimal()``)."""
    return char.isalnum() and not char.isdecimal()


def normalize_text(text: str) -> str:
    """Return the normalized matching form of ``text`` (no offsets)."""
    if _COVERED.issuperset(text):
        return text.translate(_TABLE)
    cache = _CHAR_CACHE
    out = []
    for c in text:
        n = cache.get(c)
        if n is None:
            n = cache[c] = normalize_char(c)
        out.append(n)
    return "".join(out)


class NormalizedText:
    """The original text, its normalized view, and the view-to-original offset map.

    ``origin[i]`` is the offset in ``original`` of the character that produced
    ``norm[i]``; ``origin[len(norm)] == len(original)``. The map is worked out when first
    asked for: most sentences are matched against and found to hold nothing to map back.
    """

    __slots__ = ("original", "norm", "_origin")

    def __init__(self, original: str, norm: str, origin: tuple[int, ...] | None = None):
        self.original = original
        self.norm = norm
        self._origin = origin

    @property
    def origin(self) -> tuple[int, ...]:
        if self._origin is None:
            self._origin = _origin_of(self.original)
        return self._origin

    def __eq__(self, other) -> bool:
        if not isinstance(other, NormalizedText):
            return NotImplemented
        return (self.original, self.norm, self.origin) == (other.original, other.norm, other.origin)

    def __repr__(self) -> str:
        return f"NormalizedText(original={self.original!r}, norm={self.norm!r}, origin={self.origin!r})"

    @classmethod
    def of(cls, original: str) -> "NormalizedText":
        if _COVERED.issuperset(original):
            return cls(original, original.translate(_TABLE))
        pieces: list[str] = []
        origin = []
        append = pieces.append
        for i, char in enumerate(original):
            out = _CHAR_CACHE.get(char)
            if out is None:
                out = _CHAR_CACHE[char] = normalize_char(char)
            if out:
                append(out)
                origin.extend([i] * len(out))
        origin.append(len(original))
        return cls(original, "".join(pieces), tuple(origin))

    def slice(self, start: int, end: int) -> "NormalizedText":
        """The view of ``original[start:end]`` (offsets relative to ``start``), cut from this view.

        Equal to ``NormalizedText.of(original[start:end])``: normalization works character by character."""
        origin = self.origin
        lo = bisect_left(origin, start, 0, len(origin) - 1)
        hi = bisect_left(origin, end, 0, len(origin) - 1)
        shifted = tuple(map((-start).__add__, origin[lo:hi])) + (end - start,)
        return NormalizedText(self.original[start:end], self.norm[lo:hi], shifted)

    def span(self, norm_start: int, norm_end: int) -> tuple[int, int]:
        """Return the original (start, end) covering the view's [norm_start, norm_end)."""
        if norm_end <= norm_start:
            start = self.origin[norm_start]
            return start, start
        start = self.origin[norm_start]
        last = self.origin[norm_end - 1]
        end = last + 1
        # A character dropped from the view (a diacritic, tatweel) that sits
        # between the last kept character and the next one belongs to the word.
        nxt = self.origin[norm_end]
        while end < nxt and normalize_char(self.original[end]) == "" and not self.original[end].isspace():
            end += 1
        return start, end


def _origin_of(original: str) -> tuple[int, ...]:
    """The view-to-original map of a text whose characters all have a precomputed normalized form."""
    if _IRREGULAR.isdisjoint(original):  # one character in, one character out
        return tuple(range(len(original) + 1))
    # Run by run: plain characters map to themselves, and only the characters that vanish
    # (diacritics, tatweel, zero-width marks) or expand take a step of their own.
    origin: list[int] = []
    extend = origin.extend
    done = 0
    for match in _IRREGULAR_RE.finditer(original):
        i = match.start()
        extend(range(done, i))
        extend([i] * len(_TABLE[ord(original[i])]))
        done = i + 1
    extend(range(done, len(original) + 1))
    return tuple(origin)


def tokenize_with_offsets(text: str) -> list[tuple[str, int, int]]:
    """Tokenize as camel-tools' ``simple_word_tokenize`` does and return (token, start, end) in ``text``.

    Text made only of characters whose treatment by ``simple_word_tokenize`` is context-free (letters,
    digits, whitespace, single punctuation or symbol characters; no emoji sequences) is tokenized by one
    regular expression that yields the same tokens with their offsets; any other text goes through
    ``simple_word_tokenize`` itself. ``tests/test_normalize.py`` checks the two agree.
    """
    if not _PLAIN_CHARS.issuperset(text):
        for char in set(text).difference(_PLAIN_CHARS):
            if _char_kind(char) == _CONTEXTUAL:
                return camel_tokenize_with_offsets(text)
            _PLAIN_CHARS.add(char)
    return [(m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]


def camel_tokenize_with_offsets(text: str) -> list[tuple[str, int, int]]:
    """(token, start, end) of camel-tools' ``simple_word_tokenize`` tokens, found back in ``text``."""
    tokens = []
    cursor = 0
    for token in simple_word_tokenize(text):
        start = text.find(token, cursor)
        if start < 0:  # defensive: the tokenizer never rewrites characters
            continue
        end = start + len(token)
        tokens.append((token, start, end))
        cursor = end
    return tokens


# simple_word_tokenize splits on str.split() whitespace and makes every character of _SYMBOLS_ALL
# (Unicode P* and S* categories, emoji) a token of its own, unless it starts an emoji sequence.
# _TOKEN_RE does the same with the regex module's \s, \p{P} and \p{S}; _char_kind accepts a character
# for it only where both readings agree on that character and it cannot take part in an emoji sequence.
_TOKEN_RE = _regex.compile(r"[\p{P}\p{S}]|[^\s\p{P}\p{S}]+")
_SPACE_RE = _regex.compile(r"\s")
_SYMBOL_RE = _regex.compile(r"[\p{P}\p{S}]")
_EMOJI_PART_RE = _regex.compile(r"[\p{Emoji}\p{RI}\p{EMod}\p{Emoji_Component}\u200d\ufe0f\u20e3\U000E0020-\U000E007F]")
_CONTEXTUAL = "contextual"
_PLAIN_CHARS: set[str] = set()  # characters met so far that _TOKEN_RE reads as camel-tools does


def _char_kind(char: str) -> str:
    """'space', 'symbol' or 'word' where the one-expression tokenizer reads ``char`` as camel-tools does;
    otherwise 'contextual'."""
    from camel_tools.tokenizers.word import _SYMBOLS_ALL

    if char not in "0123456789#*" and _EMOJI_PART_RE.match(char):
        return _CONTEXTUAL
    space = char.isspace()
    if space != bool(_SPACE_RE.match(char)):
        return _CONTEXTUAL
    if space:
        return "space"
    symbol = char in _SYMBOLS_ALL
    if symbol != bool(_SYMBOL_RE.match(char)):
        return _CONTEXTUAL
    return "symbol" if symbol else "word"
