"""A normalized view of Arabic text for matching, kept beside the original.

Every character of the original maps to zero or more characters of the view,
and every character of the view remembers the original offset it came from, so
a match found in the view is turned back into an exact span of the original
(``NormalizedText.span``). The per-character steps are camel-tools' own
(``normalize_unicode``, ``dediac_ar``, alef / alef maksura / teh marbuta
normalization) plus tatweel and zero-width removal and digit folding.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

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
_DIGITS |= {ord("٫"): ".", ord("٬"): ","}
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


@dataclass(frozen=True)
class NormalizedText:
    """The original text, its normalized view, and the view-to-original offset map.

    ``origin[i]`` is the offset in ``original`` of the character that produced
    ``norm[i]``; ``origin[len(norm)] == len(original)``.
    """

    original: str
    norm: str
    origin: tuple[int, ...]

    @classmethod
    def of(cls, original: str) -> "NormalizedText":
        pieces: list[str] = []
        origin: list[int] = []
        append, extend = pieces.append, origin.extend
        for i, char in enumerate(original):
            out = _CHAR_CACHE.get(char)
            if out is None:
                out = _CHAR_CACHE[char] = normalize_char(char)
            if out:
                append(out)
                if len(out) == 1:
                    origin.append(i)
                else:
                    extend([i] * len(out))
        origin.append(len(original))
        return cls(original, "".join(pieces), tuple(origin))

    def slice(self, start: int, end: int) -> "NormalizedText":
        """The view of ``original[start:end]`` (offsets relative to ``start``), cut from this view."""
        import bisect

        lo = bisect.bisect_left(self.origin, start, 0, len(self.origin) - 1)
        hi = bisect.bisect_left(self.origin, end, 0, len(self.origin) - 1)
        origin = tuple(o - start for o in self.origin[lo:hi]) + (end - start,)
        return NormalizedText(self.original[start:end], self.norm[lo:hi], origin)

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


def tokenize_with_offsets(text: str) -> list[tuple[str, int, int]]:
    """Tokenize with camel-tools' ``simple_word_tokenize`` and return (token, start, end) in ``text``."""
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

