"""Reading numbers written in digits or in Arabic words, on normalized text."""
from __future__ import annotations

import re
from functools import lru_cache

from .normalize import normalize_text
from .resources import load_table


@lru_cache(maxsize=None)
def number_words() -> dict[str, tuple[float, str]]:
    """Normalized number word -> (value, kind); kind is unit, ten, tens, hundreds, multiplier, dual, vague,
    fraction (ربع, نصف: only with a multiplier, "ربع مليون", "مليون ونصف")."""
    return {normalize_text(r["word"]): (float(r["value"]), r["kind"]) for r in load_table("lexicons/number_words.csv")}


_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:[.,]\d+)?$")


_SPACED = re.compile(r"^\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+$")
_SPACES = re.compile(r"[ \u00a0\u202f\u2009]")


def parse_digits(text: str) -> float | None:
    """Value of a normalized digit string: "21600", "21,600", "67 000", "12.5", "1,5" (decimal comma); else None."""
    text = text.strip()
    if _SPACED.match(text):  # "67 000": thousands grouped by a space
        return float(_SPACES.sub("", text))
    if not _DIGITS.match(text):
        return None
    if re.match(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$", text):
        return float(text.replace(",", ""))
    return float(text.replace(",", "."))


def word_value(word: str) -> tuple[float, str] | None:
    """(value, kind) of one normalized word, allowing a leading و (and) that joins number words."""
    table = number_words()
    if word in table:
        return table[word]
    if word.startswith("و") and word[1:] in table:
        return table[word[1:]]
    return None


def combine(words: list[str]) -> float | None:
    """Value of a sequence of normalized number words ("خمسه", "وعشرين"; "ثلاثه", "الاف"), or None.

    Units and tens add ("خمسة وعشرون" = 25), ``عشر`` after a unit makes a teen, a multiplier
    multiplies what precedes it (or stands for itself), a dual stands for twice its base.
    """
    total = 0.0
    current = 0.0
    seen = False
    last_multiplier = 0.0
    kind = ""
    for raw in words:
        found = word_value(raw)
        if found is None:
            return None
        value, kind = found
        seen = True
        if kind == "fraction":
            if current == 0 and total > 0 and last_multiplier:
                total += value * last_multiplier  # "مليون ونصف": and half a million
            else:
                current += value  # "ربع مليون": a quarter of the multiplier that follows
            continue
        if kind in ("unit", "unit_compound", "tens", "hundreds"):
            current += value
        elif kind == "ten":
            current = current + 10 if current and current < 10 else current + value
        elif kind in ("multiplier", "vague"):
            if current == 0 and total > 0:
                total *= value  # "عشرات الآلاف": tens of thousands
            else:
                total += (current or 1) * value
            current = 0
            last_multiplier = value if kind == "multiplier" else 0.0
        elif kind == "dual":
            total += value
            last_multiplier = value / 2 if value >= 1000 else 0.0  # "مليونين ونصف": 2.5 million
        else:
            return None
    if kind == "fraction" and current:
        return None  # "نصف" alone ("نصف الحد السنوي") is a share, not a number
    return total + current if seen else None


def parse_number_words(text: str) -> int | None:
    """Integer value of an Arabic number written in words ("تسعة", "خمسة آلاف"), or None."""
    words = normalize_text(text).split()
    value = combine(words) if words else None
    return int(value) if value is not None else None
