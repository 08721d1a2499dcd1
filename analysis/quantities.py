"""Quantities: a number (digits or words), its multiplier, qualifier, unit, counted item and rate.

Numbers are found on the normalized text itself, not on camel-tools tokens (which split
"12.5%" into four tokens). Years and days that belong to dates, numbers inside names
("38 نورث", "كوفيد-19"), model numbers ("ميغ-31"), ordinals ("الـ4") and article or resolution
numbers are not quantities.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicons import PRONOUN_SUFFIXES, cue_verbs, function_words, load_lines, match_key
from .normalize import NormalizedText, normalize_text
from .numbers import combine, number_words, parse_digits, word_value
from .resources import load_table

# digits: "21,600", "12.5", and thousands grouped by a space, no-break or thin space ("67 000")
_TOKEN = re.compile(r"\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?![\d.,])|\d+(?:[.,]\d+)*|[^\W\d_]+|%|\$|\S")
@lru_cache(maxsize=None)
def _number_labels() -> frozenset[str]:
    """Words after which a number names something (data/lexicons/number_labels.txt): «اللواء 128»."""
    return frozenset(normalize_text(w) for w in load_lines("lexicons/number_labels.txt"))
_RANGE_LINKS = frozenset({"الي", "و", "حتي", "-", "–", "—"})


@dataclass  # not frozen: made by the thousand per article, and a frozen one costs four times as much
class Quantity:
    """A quantity expression: span, value (value_max for ranges), unit, counted item, qualifier, rate."""

    sentence: int
    start: int
    end: int
    text: str
    value: float
    value_max: float | None
    unit: str
    item: str
    item_en: str
    qualifier: str  # exact | about | more than | at least | up to | less than | between | several
    rate: str  # per day | per year | ...
    kind: str  # count | currency | percent | volume | mass | duration | length


@dataclass(slots=True)
class _Tok:
    text: str
    start: int  # offsets in the normalized view
    end: int


def _phrases(table: str, column: str) -> dict[tuple[str, ...], dict]:
    out = {}
    for row in load_table(table):
        key = tuple(normalize_text(row[column]).split())
        out.setdefault(key, row)
    return out


@lru_cache(maxsize=None)
def _units() -> dict[tuple[str, ...], dict]:
    return _phrases("lexicons/units.csv", "unit_ar")


@lru_cache(maxsize=None)
def _dual_units() -> dict[str, dict]:
    return {normalize_text(r["dual_ar"]): r for r in load_table("lexicons/dual_units.csv")}


@lru_cache(maxsize=None)
def _items() -> dict[tuple[str, ...], dict]:
    """What a figure counts (data/lexicons/items.csv), and the goods the transfers know
    (data/lexicons/commodities.csv: «8 أطنان من المواد الإغاثية» counts relief supplies)."""
    items = _phrases("lexicons/items.csv", "item_ar")
    for row in load_table("lexicons/commodities.csv"):
        key = tuple(normalize_text(row["phrase_ar"]).split())
        if row["commodity"] != "-" and key not in items:  # "-": phrases that name no goods («ناقلات النفط»)
            items[key] = {"item_ar": row["phrase_ar"], "item_en": row["commodity"], "category": row["commodity"]}
    return items


@lru_cache(maxsize=None)
def _qualifiers() -> dict[tuple[str, ...], dict]:
    return _phrases("lexicons/qualifiers.csv", "phrase_ar")


@lru_cache(maxsize=None)
def _rates() -> dict[tuple[str, ...], dict]:
    return _phrases("lexicons/rates.csv", "phrase_ar")


def _match_at(toks: list[_Tok], j: int, phrases: dict, variants=lambda w: (w,)) -> tuple[int, dict] | None:
    """Longest phrase of ``phrases`` starting at token j (first word through ``variants``): (n, row).

    Of equally long phrases, the one listed first in the lexicon wins."""
    if j >= len(toks):
        return None
    by_first = _first_word_index(id(phrases), phrases)
    best = None  # (n, lexicon order, row)
    for first in variants(toks[j].text):
        for phrase, order, row in by_first.get(first, ()):
            n = len(phrase)
            if j + n <= len(toks) and all(toks[j + k].text == phrase[k] for k in range(1, n)):
                if best is None or n > best[0] or (n == best[0] and order < best[1]):
                    best = (n, order, row)
    return (best[0], best[2]) if best else None


_FIRST_WORD_INDEXES: dict[int, dict] = {}


def _first_word_index(key: int, phrases: dict) -> dict[str, list]:
    """A (cached, never mutated) phrase lexicon by first word: [(phrase, lexicon order, row)]."""
    index = _FIRST_WORD_INDEXES.get(key)
    if index is None:
        index = {}
        for order, (phrase, row) in enumerate(phrases.items()):
            index.setdefault(phrase[0], []).append((phrase, order, row))
        _FIRST_WORD_INDEXES[key] = index
    return index


@lru_cache(maxsize=None)
def _after_qualifiers() -> dict[tuple[str, ...], dict]:
    return {k: r for k, r in _qualifiers().items() if r["position"] == "after"}


def _item_variants(word: str) -> tuple[str, ...]:
    """A counted noun as written after a number: accusative alef ("صاروخا"), clitic ل/ب."""
    forms = [word]
    if len(word) > 3 and word.endswith("ا"):
        forms.append(word[:-1])
    if len(word) > 3 and word[0] in "لب":
        forms.append(word[1:])
    return tuple(forms)


def _clitic_variants(word: str) -> tuple[str, ...]:
    forms = [word]
    if len(word) > 2 and word[0] in "وفبل":
        forms.append(word[1:])
        if len(word) > 3 and word[1] in "بل":
            forms.append(word[2:])
    return tuple(forms)


def _core(toks: list[_Tok], i: int) -> tuple[float, int, str, float, int] | None:
    """A number starting at token i: (value, next token, how written, multiplier (0 if none), clitic chars)."""
    tok = toks[i]
    if tok.text[0].isdigit():
        prev = toks[i - 1] if i else None
        if prev and prev.end == tok.start and (prev.text[0].isalpha() and prev.text not in ("و", "ب", "ل", "وب") or prev.text == "-"):
            return None  # "ال4" (ordinal), "ميغ-31", "KN-23": not a quantity
        if prev and prev.text in _number_labels():
            return None
        value = parse_digits(tok.text)
        if value is None:
            return None
        j = i + 1
        multiplier = 0.0
        if j < len(toks):
            found = word_value(toks[j].text)
            if found and found[1] == "multiplier":
                multiplier = found[0]
                value *= multiplier
                j += 1
                # "12 ألفا و500": the remainder after the thousands (not "20 ألفا و30 ألفا", a list);
                # "3 ملايين و300 ألف": a remainder in a smaller scale
                if j + 1 < len(toks) and toks[j].text == "و" and toks[j + 1].text[0].isdigit():
                    rest = parse_digits(toks[j + 1].text)
                    nxt = word_value(toks[j + 2].text) if j + 2 < len(toks) else None
                    if rest is not None and rest < multiplier and not (nxt and nxt[1] == "multiplier"):
                        value += rest
                        j += 2
                    elif rest is not None and nxt and nxt[1] == "multiplier" and rest * nxt[0] < multiplier:
                        value += rest * nxt[0]
                        j += 3
        return value, j, "digits", multiplier, 0
    clitic = 0
    first = tok.text
    if len(first) > 2 and first[0] in "وفبلك" and first not in number_words() and word_value(first[1:]):
        first, clitic = first[1:], 1  # "وخمسة آلاف": the و joins, it is no part of the number's span
    found = word_value(first)
    if found is None:
        return None
    value_kind = found[1]
    if value_kind == "unit_compound" or first in ("واحد", "واحده"):
        # "أحد"/"إحدى"/"واحد" count only inside a compound ("أحد عشر", "واحد وعشرون").
        if not (i + 1 < len(toks) and word_value(toks[i + 1].text) and word_value(toks[i + 1].text)[1] in ("ten", "tens")):
            return None
    words = [first]
    j = i + 1
    while j < len(toks) and word_value(toks[j].text) is not None and toks[j].text not in ("و",):
        if toks[j].text.startswith("و") and not _adds_remainder(words, toks, j):
            break  # "ألف وألفين": a second number (a range or a list), not a remainder
        words.append(toks[j].text)
        j += 1
    value = combine(words)
    if value is None:
        return None
    kinds = [word_value(w)[1] for w in words]
    how = "vague" if kinds[0] == "vague" or (kinds[0] == "multiplier" and words[0] in ("الاف", "ملايين", "مليارات", "بلايين")) else "words"
    multiplier = max((word_value(w)[0] for w in words if word_value(w)[1] in ("multiplier", "dual")), default=0.0)
    return value, j, how, multiplier, clitic


def _is_cue_verb(word: str) -> bool:
    """A reporting or transfer verb, maybe with an object pronoun ("أرسلتهم"): what follows a number then is
    what was done with it, not what it counts ("15 ألفا أرسلتهم بيونغ يانغ")."""
    key = match_key(word)
    verbs = cue_verbs()
    return key in verbs or any(key.endswith(sfx) and key[:-len(sfx)] in verbs for sfx in PRONOUN_SUFFIXES)


_RATE_LINKS = frozenset({"البالغ", "البالغه", "قدره", "قدرها", "بمقدار", "عند"})


def _rate_before(toks: list[_Tok], q_start: int) -> str:
    """A rate adjective just before a number, maybe with a linking word: "السنوي البالغ 500 ألف" -> per year."""
    k = q_start - 1
    if k >= 0 and toks[k].text in _RATE_LINKS:
        k -= 1
    if k < 0:
        return ""
    found = _match_at(toks, k, _rates())
    return found[1]["rate"] if found and k + found[0] in (q_start, q_start - 1) else ""


def _adds_remainder(words: list[str], toks: list[_Tok], j: int) -> bool:
    """Whether the و-joined number word at token j continues the number in ``words``: after a thousands
    or millions word only a smaller part does ("ألف وخمسمئة" = 1,500; "ألف وألفين" is two numbers)."""
    scales = [word_value(w)[0] for w in words if word_value(w)[1] in ("multiplier", "dual")]
    if not scales:
        return True  # "خمسة وعشرون": units and tens
    part = [toks[j].text]
    k = j + 1
    while k < len(toks) and not toks[k].text.startswith("و") and word_value(toks[k].text) is not None:
        part.append(toks[k].text)
        k += 1
    part_scales = [word_value(w)[0] for w in part if word_value(w)[1] in ("multiplier", "dual")]
    return max(part_scales, default=0.0) < min(scales)


@lru_cache(maxsize=None)
def _number_starters() -> frozenset[str]:
    """The words a quantity may start from besides digits: number words (as ``word_value`` reads them:
    with و attached too), one more clitic before them, and dual nouns ("يومين")."""
    words = set(number_words()) | {"و" + w for w in number_words()}
    return frozenset(words | {c + w for c in "وفبلك" for w in words if len(c + w) > 2} | set(_dual_units()))


_DIGIT = re.compile(r"\d")  # a decimal digit: parse_digits reads nothing else


def _qualifier_before(toks: list[_Tok], i: int) -> tuple[str, int] | None:
    """A qualifier right before token i ("نحو", "أكثر من"; its first word may carry ب / و: "بأكثر من"):
    (qualifier, its first token); None when there is none."""
    for n in (4, 3, 2, 1):
        if i - n < 0:
            continue
        words = [t.text for t in toks[i - n:i]]
        for variant in _clitic_variants(words[0]):
            row = _qualifiers().get(tuple([variant] + words[1:]))
            if row and row["position"] == "before":
                return row["qualifier"], i - n
    return None


def _in_spans(span: tuple[int, int], offset: int, spans) -> bool:
    """Whether a sentence-relative span overlaps one of the absolute ``spans``."""
    return any(span[0] + offset < e and span[1] + offset > s for s, e in spans)


def find_quantities(sentence_text: str, sentence: int, offset: int, original: str,
                    exclude: list[tuple[int, int]] = (), view: NormalizedText | None = None) -> list[Quantity]:
    """All quantity expressions of one sentence; ``exclude`` holds absolute spans of dates and names.

    ``view`` is the sentence's normalized view when the caller already has it."""
    view = view or NormalizedText.of(sentence_text)
    norm = view.norm
    starters = _number_starters()
    words = _TOKEN.findall(norm)
    if starters.isdisjoint(words) and not _DIGIT.search(norm):
        return []  # no digit, no number word: nothing to count
    starts = [k for k, w in enumerate(words) if w in starters or w[0].isdigit()]
    if not starts:
        return []
    toks = [_Tok(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(norm)]
    out: list[Quantity] = []
    i = 0
    for start in starts:  # no number can start on the other tokens
        if start < i:
            continue  # inside a quantity already read
        i = start
        core = _core(toks, i)
        dual = _dual_units().get(toks[i].text) if core is None else None
        if dual:
            core = (2.0, i + 1, "dual", 0.0, 0)  # "يومين": two days
        if core is None:
            i += 1
            continue
        value, j, how, multiplied, clitic = core
        num_start, num_end = view.span(toks[i].start + clitic, toks[j - 1].end)
        if _in_spans((num_start, num_end), offset, exclude):
            i = j
            continue
        value_max = None
        qualifier = "exact"
        if how == "vague":
            qualifier = "several"
            value, value_max = value * 2, value * 9
        q_start = i
        before = _qualifier_before(toks, i)
        if before:
            qualifier, q_start = before
        # A range: "ما بين 20 ألف إلى 50 ألف", "من 20 إلى 50", "20-50".
        joined = j < len(toks) and qualifier == "between" and toks[j].text.startswith("و") and len(toks[j].text) > 1
        if joined or (j + 1 < len(toks) and (toks[j].text in _RANGE_LINKS or toks[j].text == "و")):
            if joined:  # "بين ألف وألفين": the second number carries the و
                second = _core(toks, j)
            else:
                second = _core(toks, j + 1) if toks[j].text != "و" or qualifier == "between" else None
            is_range = qualifier == "between" or (q_start > 0 and toks[q_start - 1].text == "من") or toks[j].text in ("-", "–") \
                or (toks[j].text == "الي" and how == "digits" and second is not None and second[2] == "digits")  # "11 إلى 12 ألف"
            if second and is_range and second[2] != "vague":
                high, second_multiplier = second[0], second[3]
                if not multiplied and second_multiplier and value * second_multiplier <= high:
                    value *= second_multiplier  # "بين 20 و50 ألف": the multiplier covers both ends
                if high >= value:
                    value_max, qualifier, j = high, "between", second[1]
        # A leading dollar sign: "$5 مليار".
        unit, kind = "", "count"
        if q_start == i and i > 0 and toks[i - 1].text == "$":
            q_start, unit, kind = i - 1, "US dollar", "currency"
        end_tok = j
        item_span, item_en = None, ""
        if dual and dual["kind"] == "count":
            item_span, item_en = (i, i + 1), dual["unit"]  # "صاروخين": two missiles, the dual noun is the item
        elif dual:
            unit, kind = dual["unit"], dual["kind"]  # "يومين": two days
        found_unit = _match_at(toks, j, _units()) if not unit else None
        if found_unit:
            unit, kind = found_unit[1]["unit"], found_unit[1]["kind"]
            end_tok = j = j + found_unit[0]
        elif not unit and (how == "vague" or multiplied) and j + 1 < len(toks) and toks[j].text == "من" \
                and toks[j + 1].text.startswith("ال"):
            found_unit = _match_at(toks, j + 1, _units())  # "عشرات الآلاف من الأطنان", "مئات الملايين من الدولارات"
            if found_unit:
                unit, kind = found_unit[1]["unit"], found_unit[1]["kind"]
                end_tok = j = j + 1 + found_unit[0]
        # What is counted: "برميل من النفط", "قطعة مدفعية", "صاروخًا", "ملايين الصواريخ"; a duration
        # counts nothing ("بعد أسبوعين من زيارة").
        if item_span is None and kind != "duration":
            if j + 1 < len(toks) and toks[j].text == "فقط" and toks[j + 1].text == "من":
                end_tok = j = j + 1  # "6 آلاف طن فقط من المنتجات النفطية": only, then what is counted
            k = j + 1 if j < len(toks) and toks[j].text == "من" else j
            found_item = _match_at(toks, k, _items(), _item_variants) if k < len(toks) else None
            if k > j and not (unit or how == "vague" or kind == "percent" or multiplied) and found_item is None:
                k = j  # "ثلاثة من ..." counts only a known item
            if found_item:
                item_span = (k, k + found_item[0])
                item_en = found_item[1]["item_en"]
            elif k < len(toks) and not unit and toks[k].text[0].isalpha() and toks[k].text not in function_words() \
                    and not _match_at(toks, k, _rates()) and k == j and not _is_cue_verb(toks[k].text) \
                    and not _in_spans(view.span(toks[k].start, toks[k].end), offset, exclude):
                item_span = (k, k + 1)  # not a word of a date or a name ("7 آلاف العام الجاري")
        if item_span:
            end_tok = max(end_tok, item_span[1])
        rate = ""
        found_rate = _match_at(toks, end_tok, _rates()) if end_tok < len(toks) else None
        if found_rate:
            rate = found_rate[1]["rate"]
            end_tok += found_rate[0]
            if item_span is None and end_tok + 1 < len(toks) and toks[end_tok].text == "من":
                found_item = _match_at(toks, end_tok + 1, _items(), _item_variants)
                if found_item:  # "500 ألف برميل سنويا من المنتجات النفطية"
                    item_span = (end_tok + 1, end_tok + 1 + found_item[0])
                    item_en = found_item[1]["item_en"]
                    end_tok = item_span[1]
        elif unit or item_span or multiplied:
            rate = _rate_before(toks, q_start)  # "السقف السنوي البالغ 500 ألف برميل"
        after = _match_at(toks, end_tok, _after_qualifiers()) if end_tok < len(toks) else None
        if after and qualifier == "exact":
            qualifier = after[1]["qualifier"]
            end_tok += after[0]
        has_context = bool(unit or item_span or multiplied or how in ("vague", "dual") or rate)
        if not has_context:
            i = j
            continue  # a bare number (an identifier, a year left over): not a measured quantity
        start, end = view.span(toks[q_start].start + (clitic if q_start == i else 0), toks[end_tok - 1].end)
        if q_start < i:
            first = toks[q_start].text
            rest = tuple(t.text for t in toks[q_start + 1:i])
            lead = next((n for n in (1, 2) if len(first) > n + 1 and all(c in "وفبل" for c in first[:n])
                         and (first[n:],) + rest in _qualifiers()), 0)  # "وبنحو مليون": the qualifier is «نحو»
            start, _ = view.span(toks[q_start].start + lead, toks[q_start].end)
        item_text = ""
        if item_span:
            s, e = view.span(toks[item_span[0]].start, toks[item_span[1] - 1].end)
            item_text = sentence_text[s:e]
        out.append(Quantity(sentence, start + offset, end + offset, original[start + offset:end + offset], value,
                            value_max, unit, item_text, item_en, qualifier, rate, kind))
        i = end_tok
    out += _after_the_noun(toks, view, sentence_text, sentence, offset, original, out, exclude)
    return _shared_items(sorted(out, key=lambda q: q.start), original)


@lru_cache(maxsize=1)
def _sharing_words() -> dict[str, str]:
    """data/lexicons/shared_items.csv: normalized phrase -> which figure's item a count without its own takes."""
    return {normalize_text(r["phrase"]): r["counts_as"] for r in load_table("lexicons/shared_items.csv")}


def _shared_items(found: list[Quantity], original: str) -> list[Quantity]:
    """What a count without its own noun counts: «10 آلاف منهم» (of them) what the figure before it counts;
    «8 آلاف من إجمالي 10 آلاف عنصر» (of a total of) what the figure after it counts."""
    words = _sharing_words()
    for k, q in enumerate(found):
        if q.unit or q.item_en:
            continue
        own = normalize_text(q.item)
        if own and words.get(own) == "the figure before" and k > 0:
            source = found[k - 1]
        elif not own and k + 1 < len(found) and words.get(normalize_text(original[q.end:found[k + 1].start]).strip()) \
                == "the figure after":
            source = found[k + 1]
        else:
            continue
        if source.item_en or source.unit:
            q.item_en, q.unit = source.item_en, source.unit
            q.kind = source.kind if source.unit else q.kind
            q.item = q.item or source.item
    return found


_ONE_AFTER = {normalize_text(w): value for w, value in (("واحد", 1), ("واحدة", 1), ("واحدا", 1), ("ونصف", 1.5))}


def _after_the_noun(toks, view, sentence_text, sentence, offset, original, found, exclude) -> list[Quantity]:
    """"كيلومتر واحد", "سفينة واحدة" (one, after its noun), "عام ونصف" (a year and a half)."""
    out = []
    for k in range(1, len(toks)):
        value = _ONE_AFTER.get(toks[k].text)
        if value is None:
            continue
        unit_row = _match_at(toks, k - 1, _units())
        item_row = None if unit_row else _match_at(toks, k - 1, _items(), _item_variants)
        row = unit_row or item_row
        if row is None or row[0] != 1 or (value != 1 and not unit_row) or unit_row and unit_row[1]["kind"] == "ratio":
            continue  # "ونصف" only after a unit ("ساعة ونصف"); "مرة واحدة" (at once) is no measure
        start, end = view.span(toks[k - 1].start, toks[k].end)
        if _in_spans((start, end), offset, exclude) or any(q.start < end + offset and q.end > start + offset for q in found):
            continue
        unit, kind = (row[1]["unit"], row[1]["kind"]) if unit_row else ("", "count")
        item_text = sentence_text[start:view.span(toks[k - 1].start, toks[k - 1].end)[1]] if item_row else ""
        qualifier = "exact"
        before = _qualifier_before(toks, k - 1)  # "نحو كيلومتر واحد"
        if before:
            qualifier, start = before[0], view.span(toks[before[1]].start, toks[before[1]].end)[0]
        out.append(Quantity(sentence, start + offset, end + offset, original[start + offset:end + offset], float(value),
                            None, unit, item_text, item_row[1]["item_en"] if item_row else "", qualifier, "", kind))
    return out
