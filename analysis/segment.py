"""Cleaning and segmentation: original text -> paragraphs -> sentences, all as exact spans.

Nothing is rewritten: site furniture (``قد يهمك``, comment counters, captions
repeated on consecutive lines, empty lines) is set aside as ``Excluded`` spans,
and paragraphs and sentences are (start, end) offsets into the original text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .normalize import is_letter, normalize_text
from .resources import load_table

TERMINATORS = ".!?؟…"
CLOSERS = "\"'”’»)]}"
OPEN_CLOSE = {"“": "”", "«": "»"}
SYMMETRIC_QUOTES = "\""
_STRIP = " \t\r\n\xa0\u200b\u200c\u200d\u200e\u200f\ufeff\u2009\u202f"
_END_PUNCT = ".،,:;؛…-–—"


@dataclass  # not frozen: made by the thousand per article, and a frozen one costs four times as much
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class Excluded:
    """A stretch of the original that is not article prose, and why."""

    start: int
    end: int
    text: str
    reason: str


@dataclass  # not frozen: made by the thousand per article, and a frozen one costs four times as much
class Sentence:
    """One sentence: its paragraph and sentence numbers (1-based), span, text and kind."""

    paragraph: int
    sentence: int
    start: int
    end: int
    text: str
    kind: str  # headline | heading | body


@dataclass(frozen=True)
class Segmented:
    """A document's headline, paragraph spans, sentences and what cleaning set aside."""

    headline: str
    paragraphs: tuple[Span, ...]
    sentences: tuple[Sentence, ...]
    excluded: tuple[Excluded, ...]


def _key(line: str) -> str:
    """Matching key of a line: normalized, punctuation and spaces squeezed out."""
    return _NON_WORD.sub(" ", normalize_text(line)).strip()


_NON_WORD = re.compile(r"[\W_]+")


@lru_cache(maxsize=None)
def _furniture() -> dict[str, str]:
    return {_key(row["phrase"]): row["kind"] for row in load_table("lexicons/furniture.csv")}


_COUNTER = re.compile(r"^\(?\d+\)?\s*(تعليق|تعليقات|comments?|مشاهدة|مشاهدات|views?)$|^(تعليقات|التعليقات|comments?)\s*\(?\d+\)?$", re.I)


def furniture_reason(line: str) -> str | None:
    """Return why a line is site furniture (menu, share, comments...), or None when it is prose."""
    return _furniture_reason_of_key(_key(line))


def _furniture_reason_of_key(key: str) -> str | None:
    kind = _furniture().get(key)
    if kind:
        return f"site furniture ({kind})"
    if _COUNTER.match(key):
        return "site furniture (counter)"
    return None


def _lines(text: str) -> list[tuple[int, int]]:
    """Return (start, end) of each line's content with surrounding whitespace stripped; empty lines omitted."""
    out = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        line_start, line_end = pos, pos + len(raw.rstrip("\r\n"))
        pos += len(raw)
        s, e = line_start, line_end
        while s < e and text[s] in _STRIP:
            s += 1
        while e > s and text[e - 1] in _STRIP:
            e -= 1
        if s < e:
            out.append((s, e))
    return out


def is_title(line: str) -> bool:
    """A title is short and has no final sentence punctuation (a question mark is allowed)."""
    words = line.split()
    return 0 < len(words) <= 20 and len(line) <= 160 and line.rstrip()[-1] not in _END_PUNCT


def _quote_ranges(text: str) -> list[tuple[int, int]]:
    """Return (open, close) index pairs of matched quotation marks; unmatched marks are ignored."""
    marks = [(m.start(), m.group()) for m in _QUOTE_MARKS.finditer(text)]
    if not marks:
        return []
    straight = [i for i, c in marks if c in SYMMETRIC_QUOTES]
    ranges = [(straight[k], straight[k + 1]) for k in range(0, len(straight) - 1, 2)]
    for opener, closer in OPEN_CLOSE.items():
        stack = []
        for i, c in marks:
            if c == opener:
                stack.append(i)
            elif c == closer and stack:
                ranges.append((stack.pop(), i))
    return ranges


_QUOTE_MARKS = re.compile("[" + re.escape(SYMMETRIC_QUOTES + "".join(OPEN_CLOSE) + "".join(OPEN_CLOSE.values())) + "]")
_TERMINATOR = re.compile("[" + re.escape(TERMINATORS) + "]")


_WORD = r"[^\W\d_]"
# Dotted abbreviations: "سي. إن. إن", "أ.ف.ب", "U.S.", at least two dotted short parts.
_ABBREVIATION_CHAIN = re.compile(rf"(?<!\w)(?:{_WORD}{{1,3}}\.\s?){{2,}}(?:{_WORD}{{1,3}}(?!\w))?")


@lru_cache(maxsize=None)
def _title_abbreviations() -> frozenset[str]:
    return frozenset(row["abbreviation"] for row in load_table("lexicons/abbreviations.csv"))


def _protected_dots(text: str) -> set[int]:
    """Indexes of periods that do not end a sentence: decimals, abbreviations, titles."""
    protected = set()
    if _TWO_DOTTED_PARTS.search(text):  # a chain needs two dotted parts of one to three letters
        for m in _ABBREVIATION_CHAIN.finditer(text):
            protected.update(i for i in range(m.start(), m.end()) if text[i] == ".")
    n = len(text)
    for m in _DOT.finditer(text):
        i = m.start()
        before = text[i - 1] if i else ""
        if before.isdecimal():  # a decimal point: "12.5"
            if i + 1 < n and text[i + 1].isdecimal():
                protected.add(i)
            continue
        if not is_letter(before):
            continue
        suffix = _DOMAIN_SUFFIX.match(text, i + 1)
        if suffix:  # "العربية.نت", "RT.com": a site's name
            protected.add(i)
            continue
        j = i - 1  # the word before the period, and what precedes it
        while j > 0 and is_letter(text[j - 1]):
            j -= 1
        if j and _is_word_char(text[j - 1]):
            continue  # "A1b.": the word does not start there
        if i - j == 1 or text[j:i] in _title_abbreviations():
            protected.add(i)  # "U." or "د."
    return protected


def _is_word_char(char: str) -> bool:
    """``\\w``."""
    return char.isalnum() or char == "_"


_DOT = re.compile(r"\.")
_DOMAIN_SUFFIX = re.compile(r"(?:نت|كوم|com|net|org|ru|kr)(?![^\W\d_])", re.IGNORECASE)
_TWO_DOTTED_PARTS = re.compile(rf"\.\s?{_WORD}{{1,3}}\.")


def split_sentences(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Split one paragraph into sentence spans (offsets shifted by ``offset``).

    Ends a sentence at . ! ? ؟ … (runs of them count as one), outside quotation
    marks, except in decimals and dotted abbreviations. A terminator just
    before a closing quote ends the sentence after the quote.
    """
    quotes = _quote_ranges(text)
    closing = {b for _, b in quotes}
    protected = _protected_dots(text) if "." in text else set()
    spans = []
    start = 0
    i = 0
    n = len(text)
    for m in _TERMINATOR.finditer(text):
        if m.start() < i or m.start() in protected:
            continue
        i = m.start()
        j = i + 1
        while j < n and text[j] in TERMINATORS:
            j += 1
        if any(a < i < b for a, b in quotes):
            # "... ." closing quote then new text: the sentence ends after the quote.
            k = j
            while k < n and text[k] in " \xa0":
                k += 1
            if k < n and k in closing:
                after = k + 1
                rest = text[after:].lstrip(_STRIP)
                if not rest or rest[0] not in "،,:;؛.-–—)":
                    spans.append((start, after))
                    start = after
                    i = after
                    continue
            i = j
            continue
        while j < n and text[j] in CLOSERS and not (text[j] in SYMMETRIC_QUOTES and j not in closing):
            j += 1
        spans.append((start, j))
        start = j
        i = j
    spans.append((start, n))
    out = []
    for s, e in spans:
        while s < e and text[s] in _STRIP:
            s += 1
        while e > s and text[e - 1] in _STRIP:
            e -= 1
        if s >= e:
            continue
        if out and not any(ch.isalnum() for ch in text[s:e]):
            out[-1] = (out[-1][0], e)  # stray punctuation joins the sentence before it
            continue
        out.append((s, e))
    return [(s + offset, e + offset) for s, e in out]


def segment(text: str) -> Segmented:
    """Segment a document's original text into headline, paragraphs, sentences and excluded spans."""
    lines = _lines(text)
    keys = [_key(text[s:e]) for s, e in lines]
    reasons: dict[int, str] = {}
    for idx, key in enumerate(keys):
        reason = _furniture_reason_of_key(key)
        if reason:
            reasons[idx] = reason
    for idx in range(1, len(lines)):
        if keys[idx] and keys[idx - 1] == keys[idx]:
            reasons.setdefault(idx - 1, "caption (repeated on consecutive lines)")
            reasons.setdefault(idx, "caption (repeated on consecutive lines)")

    excluded = [Excluded(lines[i][0], lines[i][1], text[lines[i][0]:lines[i][1]], reasons[i]) for i in sorted(reasons)]
    kept = [span for i, span in enumerate(lines) if i not in reasons]
    excluded += _blank_stretches(text)
    excluded.sort(key=lambda x: x.start)

    headline = ""
    paragraphs, sentences = [], []
    for p_idx, (s, e) in enumerate(kept, start=1):
        line = text[s:e]
        paragraphs.append(Span(s, e))
        if p_idx == 1 and lines and (s, e) == lines[0] and is_title(line):
            headline = line
            kind = "headline"
        elif len(line.split()) <= 12 and line[-1] not in _END_PUNCT and len(split_sentences(line)) == 1:
            kind = "heading"
        else:
            kind = "body"
        for ss, se in split_sentences(line, s):
            sentences.append(Sentence(p_idx, len(sentences) + 1, ss, se, text[ss:se], kind))
    return Segmented(headline, tuple(paragraphs), tuple(sentences), tuple(excluded))


def _blank_stretches(text: str) -> list[Excluded]:
    """Whitespace-only lines (including non-breaking spaces) between content lines."""
    out = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        content = raw.rstrip("\r\n")
        if content and not content.strip(_STRIP):
            out.append(Excluded(pos, pos + len(content), content, "blank line (whitespace only)"))
        pos += len(raw)
    return out
