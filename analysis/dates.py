"""Dates: absolute (day-month-year in any order), partial (month, year), weekdays, relative.

Matching runs on the normalized view (Eastern/Persian digits folded, hamza and diacritics
normalized) and every match is mapped back to an exact span of the original. Relative
expressions are resolved against the article's date when one is known (metadata
``published``) and reported unresolved otherwise.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import ahocorasick

from .normalize import NormalizedText, is_letter, normalize_text
from .numbers import parse_number_words
from .resources import load_table


@dataclass  # not frozen: made by the thousand per article, and a frozen one costs four times as much
class DateMention:
    """A date expression and what it says; year/month/day are None where the text does not say."""

    sentence: int
    start: int
    end: int
    text: str
    year: int | None
    month: int | None
    day: int | None
    iso: str  # YYYY-MM-DD when fully resolved
    relative: bool
    anchor: str  # ISO date a relative expression was resolved against; "" when unresolved
    granularity: str  # day | week | month | year
    modifier: str  # early | mid | late | end | last | next | ago | ""
    weekday: str


def _alt(words) -> str:
    keys = sorted({re.escape(w) for w in words}, key=len, reverse=True)
    return "|".join(keys)


@lru_cache(maxsize=None)
def _months() -> dict[str, int]:
    return {normalize_text(r["name_ar"]): int(r["month"]) for r in load_table("lexicons/months.csv")}


@lru_cache(maxsize=None)
def _weekdays() -> dict[str, tuple[int, str]]:
    return {normalize_text(r["name_ar"]): (int(r["weekday"]), r["english"]) for r in load_table("lexicons/weekdays.csv")}


@lru_cache(maxsize=None)
def _relatives() -> dict[str, tuple[str, int | None]]:
    """Relative time phrases -> (unit, offset from the article's date); offset None: counted from the events
    the article tells ("اليوم التالي", the next day), so no calendar date follows from the article's."""
    return {normalize_text(r["phrase_ar"]): (r["unit"], int(r["offset"]) if r["offset"].strip() else None)
            for r in load_table("lexicons/relative_dates.csv")}


@lru_cache(maxsize=None)
def _ordinal_days() -> dict[str, int]:
    """Ordinal day words ("الأول", "الحادي والعشرين") -> day of the month."""
    return {normalize_text(r["ordinal_ar"]): int(r["day"]) for r in load_table("lexicons/ordinal_days.csv")}


_YEAR_OFFSETS = {normalize_text(w): delta for w, delta in (
    ("الماضي", -1), ("المنصرم", -1), ("السابق", -1), ("الجاري", 0), ("الحالي", 0), ("المقبل", 1), ("القادم", 1))}


@lru_cache(maxsize=None)
def _modifiers() -> dict[str, str]:
    return {normalize_text(r["phrase_ar"]): r["modifier"] for r in load_table("lexicons/date_modifiers.csv")}


_B = r"(?<![^\W\d_])"  # not preceded by a letter (a clitic is matched explicitly)
_E = r"(?![^\W_])"  # not followed by a letter or digit
_CL = r"(?:[وفبل](?=\S))?"  # one attached clitic before a word
_YEAR = r"(?P<year>1[89]\d\d|20\d\d|2100)"
_SEP = r"\s*(?:[-–—/,،.]\s*)?"


@lru_cache(maxsize=None)
def _patterns() -> dict[str, re.Pattern]:
    month = _alt(_months())
    paired = rf"(?P<month>{month})(?:\s*[/(]\s*(?:{month})\s*\)?|\s+(?:{month})(?=\s+\d))?"
    day = r"(?:ال)?(?P<day>[0-3]?\d)"
    mod = _alt(_modifiers())
    year_cue = r"(?:(?:عام|عامي|سنة|العام)\s+)"
    return {
        "dmy": re.compile(rf"{_B}{_CL}(?P<body>{day}{_SEP}(?:من\s+)?{paired}{_SEP}(?:(?:من\s+)?(?:عام|سنة)\s+)?{_YEAR}){_E}"),
        "mdy": re.compile(rf"{_B}{_CL}(?P<body>{paired}\s+(?P<day>[0-3]?\d)\s*[,،]\s*{_YEAR}){_E}"),
        "numeric_dmy": re.compile(rf"(?<![\d/.-])(?P<body>(?P<day>[0-3]?\d)[/.-](?P<month_num>[01]?\d)[/.-]{_YEAR})(?![\d/])"),
        "iso": re.compile(rf"(?<![\d/.-])(?P<body>{_YEAR}[-/.](?P<month_num>[01]?\d)[-/.](?P<day>[0-3]?\d))(?![\d/])"),
        "dm": re.compile(rf"{_B}{_CL}(?P<body>{day}{_SEP}(?:من\s+)?{paired}){_E}"),
        "my": re.compile(rf"{_B}{_CL}(?P<body>(?:(?P<mod>{mod})\s+)?{paired}{_SEP}(?:(?:من\s+)?(?:عام|سنة)\s+)?{_YEAR}){_E}"),
        "ordinal": re.compile(rf"{_B}{_CL}(?P<body>(?P<ord>{_alt(_ordinal_days())})\s+من\s+{paired}(?:{_SEP}(?:(?:من\s+)?(?:عام|سنة)\s+)?{_YEAR}|\s+(?P<rel>الماضي|المنصرم|المقبل|القادم))?){_E}"),
        "month_of_year": re.compile(rf"{_B}{_CL}(?P<body>(?:(?P<mod>{mod})\s+)?{paired}\s+من\s+(?:هذا\s+العام|(?:العام|السنه)\s+(?P<rel>{_alt(_YEAR_OFFSETS)}))){_E}"),
        "month_rel": re.compile(rf"{_B}{_CL}(?P<body>(?:(?P<mod>{mod})\s+)?(?:{day}{_SEP}(?:من\s+)?(?:شهر\s+)?)?{paired}\s+(?P<rel>الماضي|المنصرم|المقبل|القادم|الجاري|الحالي)){_E}"),
        "month": re.compile(rf"(?:^|(?<=\s))(?:[وف]?(?:في|منذ|خلال|حتي|بين|[بل]?شهر|من|بحلول)\s+|و)(?P<body>(?:(?P<mod>{mod})\s+)?{paired}){_E}"),
        "year": re.compile(rf"{_B}{_CL}(?P<body>(?:(?P<mod>{mod})\s+)?{year_cue}?{_YEAR}){_E}"),
        "ago": re.compile(rf"{_B}{_CL}(?P<body>(?P<kind>قبل|منذ)\s+(?:(?P<num>\d+|[^\W\d_]+)\s+)?(?P<unit>يوم|يوما|ايام|يومين|اسبوع|اسبوعا|اسابيع|اسبوعين|شهر|شهرا|اشهر|شهور|شهرين|عام|عاما|اعوام|عامين|سنه|سنوات|سنتين)){_E}"),
        "relative": re.compile(rf"{_B}{_CL}(?P<body>(?:(?P<mod>{mod})\s+)?(?P<rel>{_alt(_relatives())})){_E}"),
        "weekday": re.compile(rf"{_B}{_CL}(?P<body>(?:(?P<day_word>اليوم|يوم|امس|غد|غدا)\s+)?(?P<wd>{_alt(_weekdays())})(?:\s+(?P<rel>الماضي|المقبل|القادم))?){_E}"),
    }


@lru_cache(maxsize=None)
def _word_gates() -> ahocorasick.Automaton:
    """Month and weekday names, relative phrases and قبل / منذ, each tagged with the patterns that need it."""
    automaton = ahocorasick.Automaton()
    groups = [("month", _months()), ("weekday", _weekdays()), ("relative", _relatives()), ("ago", ("قبل", "منذ"))]
    tags: dict[str, set[str]] = {}
    for group, words in groups:
        for word in words:
            tags.setdefault(word, set()).add(group)
    for word, groups_of_word in tags.items():
        automaton.add_word(word, (len(word), frozenset(groups_of_word)))
    automaton.make_automaton()
    return automaton


def _gates(norm: str) -> set[str]:
    """The pattern groups a sentence can match: "digit", "year", and each word group whose word starts a
    word in it, after at most one attached clitic (و ف ب ل), as every pattern requires; one pass over the
    text (Aho-Corasick), where the same test by regular expressions costs more than the patterns."""
    found = set()
    if _DIGIT.search(norm):
        found.add("digit")
        if _YEAR_RE.search(norm):
            found.add("year")
    for end, (length, groups) in _word_gates().iter(norm):
        if groups <= found:
            continue
        start = end + 1 - length
        if start == 0 or not is_letter(norm[start - 1]) or (
                norm[start - 1] in "وفبل" and (start == 1 or not is_letter(norm[start - 2]))):
            found |= groups
    return found


_DIGIT = re.compile(r"\d")
_YEAR_RE = re.compile(_YEAR)


_UNIT_OF = {
    "يوم": ("day", 1), "يوما": ("day", 1), "ايام": ("day", 1), "يومين": ("day", 2),
    "اسبوع": ("week", 1), "اسبوعا": ("week", 1), "اسابيع": ("week", 1), "اسبوعين": ("week", 2),
    "شهر": ("month", 1), "شهرا": ("month", 1), "اشهر": ("month", 1), "شهور": ("month", 1), "شهرين": ("month", 2),
    "عام": ("year", 1), "عاما": ("year", 1), "اعوام": ("year", 1), "عامين": ("year", 2),
    "سنه": ("year", 1), "سنوات": ("year", 1), "سنتين": ("year", 2),
}


def shift_months(year: int, month: int, delta: int) -> tuple[int, int]:
    """(year, month) moved by ``delta`` months."""
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _valid(year, month, day) -> bool:
    if month is not None and not 1 <= month <= 12:
        return False
    if day is not None:
        if not 1 <= day <= 31:
            return False
        if year is not None and month is not None and day > calendar.monthrange(year, month)[1]:
            return False
    return True


def _iso(year, month, day) -> str:
    return f"{year:04d}-{month:02d}-{day:02d}" if year and month and day else ""


def find_dates(sentence_text: str, sentence: int, offset: int, original: str, anchor: date | None = None,
               view: NormalizedText | None = None) -> list[DateMention]:
    """All date expressions of one sentence, non-overlapping, earlier patterns first.

    ``view`` is the sentence's normalized view when the caller already has it."""
    view = view or NormalizedText.of(sentence_text)
    norm = view.norm
    gates = _gates(norm)
    if not gates:
        return []  # no digit, month, weekday or relative time word: no date to read
    taken: list[tuple[int, int]] = []
    out: list[DateMention] = []
    anchor_iso = anchor.isoformat() if anchor else ""

    def add(ns, ne, **fields):
        if any(ns < e and ne > s for s, e in taken):
            return
        if not _valid(fields.get("year"), fields.get("month"), fields.get("day")):
            return
        taken.append((ns, ne))
        s, e = view.span(ns, ne)
        s, e = s + offset, e + offset
        values = {"year": None, "month": None, "day": None, "iso": "", "relative": False, "anchor": "",
                  "granularity": "", "modifier": "", "weekday": ""} | fields
        if not values["iso"]:
            values["iso"] = _iso(values["year"], values["month"], values["day"])
        out.append(DateMention(sentence, s, e, original[s:e], **values))

    pats = _patterns()
    months = _months()

    def month_of(m) -> int:
        if m.groupdict().get("month_num"):
            return int(m.group("month_num"))
        return months[m.group("month")]

    year, month = "year" in gates, "month" in gates
    for m in (pats["ordinal"].finditer(norm) if month else ()):  # "الأول من يوليو المقبل"
        day, named_month = _ordinal_days()[m.group("ord")], month_of(m)
        if m.group("year"):
            add(*m.span("body"), year=int(m.group("year")), month=named_month, day=day, granularity="day")
            continue
        fields = {"month": named_month, "day": day, "granularity": "day"}
        if m.group("rel"):
            fields |= {"relative": True, "modifier": "last" if m.group("rel") in ("الماضي", "المنصرم") else "next"}
            if anchor:
                fields |= {"year": _year_of_named(anchor, named_month, day, fields["modifier"] == "last"),
                           "anchor": anchor_iso}
        add(*m.span("body"), **fields)
    for name in ("dmy", "mdy", "numeric_dmy", "iso"):
        if not year or (name in ("dmy", "mdy") and not month):
            continue
        for m in pats[name].finditer(norm):
            add(*m.span("body"), year=int(m.group("year")), month=month_of(m), day=int(m.group("day")), granularity="day")
    for m in (pats["my"].finditer(norm) if year and month else ()):
        add(*m.span("body"), year=int(m.group("year")), month=month_of(m), granularity="month",
            modifier=_modifiers().get(m.group("mod") or "", ""))
    for m in (pats["month_of_year"].finditer(norm) if month else ()):
        delta = _YEAR_OFFSETS[m.group("rel")] if m.group("rel") else 0  # "يناير من العام الماضي"
        fields = {"month": month_of(m), "relative": True, "granularity": "month",
                  "modifier": _modifiers().get(m.group("mod") or "", "") or {-1: "last", 0: "", 1: "next"}[delta]}
        if anchor:
            fields |= {"year": anchor.year + delta, "anchor": anchor_iso}
        add(*m.span("body"), **fields)
    for m in (pats["month_rel"].finditer(norm) if month else ()):
        named_month = month_of(m)
        day = int(m.group("day")) if m.group("day") else None  # "17 يونيو المقبل"
        last = m.group("rel") in ("الماضي", "المنصرم")
        current = m.group("rel") in ("الجاري", "الحالي")  # "يناير الجاري": this month, in the article's year
        resolved_year = (anchor.year if current else _year_of_named(anchor, named_month, day, last)) if anchor else None
        add(*m.span("body"), year=resolved_year, month=named_month, day=day, relative=True,
            anchor=anchor_iso if anchor else "", granularity="day" if day else "month",
            modifier=_modifiers().get(m.group("mod") or "", "") or ("" if current else "last" if last else "next"))
    for m in (pats["dm"].finditer(norm) if month and "digit" in gates else ()):
        add(*m.span("body"), month=month_of(m), day=int(m.group("day")), granularity="day")
    for m in (pats["month"].finditer(norm) if month else ()):
        add(*m.span("body"), month=month_of(m), granularity="month", modifier=_modifiers().get(m.group("mod") or "", ""))
    for m in (pats["year"].finditer(norm) if year else ()):
        body = m.group("body")
        end = m.end("body")
        nxt = norm[end:end + 12]
        cue = body != m.group("year") or _year_context(norm, m.start("body"))
        if not cue and re.match(r"\s*[^\W\d_]", nxt) and not re.match(r"\s*(و|ف|حين|عندما|بعد|قبل|حتي|في|من|الي)\b", nxt):
            continue  # a bare 4-digit number followed by a word is a count ("2000 جندي"), not a year
        add(*m.span("body"), year=int(m.group("year")), granularity="year", modifier=_modifiers().get(m.group("mod") or "", ""))
    for m in (pats["ago"].finditer(norm) if "ago" in gates else ()):
        if not m.group("num") and re.match(r"\s+\d", norm[m.end("body"):]):
            continue  # "منذ يوم 13 من يناير": since the 13th, not one day ago
        unit, count = _UNIT_OF[m.group("unit")]
        if m.group("num"):
            n = int(m.group("num")) if m.group("num").isdigit() else parse_number_words(m.group("num"))
            if n is None:
                continue
            count = n
        fields = {"relative": True, "modifier": "ago", "granularity": unit}
        if anchor:
            fields |= _resolve_offset(anchor, unit, -count) | {"anchor": anchor_iso}
        add(*m.span("body"), **fields)
    for m in (pats["relative"].finditer(norm) if "relative" in gates else ()):
        unit, delta = _relatives()[m.group("rel")]
        if m.group("rel") in ("اليوم", "امس", "غد", "غدا") and re.match(r"\s+(?:" + _alt(_weekdays()) + ")", norm[m.end("body"):]):
            continue  # "اليوم الثلاثاء", "أمس الخميس" are read as one weekday expression below
        lead = _modifiers().get(m.group("rel").split()[0], "")  # "مطلع العام": the modifier is in the phrase
        fields = {"relative": True, "granularity": unit,
                  "modifier": _modifiers().get(m.group("mod") or "", "") or lead or {-1: "last", 0: "", 1: "next"}.get(delta, "")}
        if delta is None:
            fields["modifier"] = fields["modifier"] or ("next" if "التالي" in m.group("rel") else "last")
        elif anchor:
            fields |= _resolve_offset(anchor, unit, delta) | {"anchor": anchor_iso}
        add(*m.span("body"), **fields)
    for m in (pats["weekday"].finditer(norm) if "weekday" in gates else ()):
        wd, english = _weekdays()[m.group("wd")]
        before = norm[:m.start("body")].rstrip()
        if m.group("wd") == "الاحد" and not (m.group("body") != m.group("wd") or before.endswith(("،", ",")) or m.group("rel")):
            continue  # "الأحد" is also "the one": only with يوم / a comma / الماضي
        fields = {"relative": True, "granularity": "day", "weekday": english}
        if anchor:
            delta = (anchor.weekday() - wd) % 7
            if m.group("day_word") == "امس":  # "أمس الخميس": the day before the article
                resolved = anchor - timedelta(days=1)
            elif m.group("day_word") in ("غد", "غدا"):  # "غد السبت": the day after the article
                resolved = anchor + timedelta(days=1)
            elif m.group("rel") in ("المقبل", "القادم"):
                resolved = anchor + timedelta(days=(wd - anchor.weekday()) % 7 or 7)
            else:
                resolved = anchor - timedelta(days=delta)
            fields |= {"year": resolved.year, "month": resolved.month, "day": resolved.day, "anchor": anchor_iso}
        add(*m.span("body"), **fields)
    for (ns, _), d in list(zip(taken, out)):
        first = _RANGE_START.search(norm, max(0, ns - 16), ns) if d.day and d.month else None
        if first:  # "من 10 إلى 15 مارس", "بين 3 و5 مايو 2024": the first day shares the month and year
            add(*first.span("day"), year=d.year, month=d.month, day=int(first.group("day")), relative=d.relative,
                anchor=d.anchor, granularity="day", modifier=d.modifier)
    out.sort(key=lambda d: d.start)
    out = _weekday_with_date(out, original)
    _share_range_years(out, original)
    return out


_RANGE_START = re.compile(r"(?:^|\s)[وف]?(?:من|بين)\s+(?P<day>[12]?\d|3[01])\s*(?:الي|الى|حتي|حتى|و|-|–)\s*$")
_WEEKDAY_GAP = re.compile(r"[\s،,(]*(?:الموافق\s*)?")


def _weekday_with_date(dates: list[DateMention], original: str) -> list[DateMention]:
    """"يوم الجمعة 21 يونيو", "الخميس (20 يونيو 2024)": the weekday names the written date, one date."""
    out = []
    for d in dates:
        prev = out[-1] if out else None
        if prev is not None and prev.weekday and d.day is not None and not d.relative \
                and _WEEKDAY_GAP.fullmatch(original[prev.end:d.start]):
            d.start, d.text, d.weekday = prev.start, original[prev.start:d.end], prev.weekday
            out[-1] = d
            continue
        out.append(d)
    return out


_RANGE_JOINS = frozenset({"و", "الى", "إلى", "حتى", "حتي", "وحتى", "وإلى", "والى", "-", "–", "—"})


def _share_range_years(dates: list[DateMention], original: str) -> None:
    """"بين مارس وديسمبر 2024", "من يناير إلى أبريل 2025": the first month takes the year written once,
    after the second (the year before it when the range crosses a new year)."""
    for first, second in zip(dates, dates[1:]):
        if first.year is not None or first.relative or first.month is None or second.year is None \
                or second.month is None:
            continue  # (the second may be relative: "من يناير إلى يوليو من العام الماضي")
        if original[first.end:second.start].strip() not in _RANGE_JOINS:
            continue
        if not re.search(r"(?:^|\s)[وف]?(?:بين|من|منذ)\s*$", original[max(0, first.start - 8):first.start]):
            continue
        first.year = second.year if (first.month, first.day or 0) <= (second.month, second.day or 0) else second.year - 1
        first.iso = _iso(first.year, first.month, first.day)
        if second.relative:
            first.relative, first.anchor = True, second.anchor


def _year_of_named(anchor: date, month: int, day: int | None, last: bool) -> int:
    """The year of "<day> <month> الماضي/المقبل" seen from the article's date: the latest such day before
    it (last) or the first after it (next)."""
    when, now = (month, day or 0), (anchor.month, anchor.day if day else 0)
    if last:
        return anchor.year if when < now else anchor.year - 1
    return anchor.year if when > now else anchor.year + 1


def _year_context(norm: str, start: int) -> bool:
    """A year cue just before a bare year: في / منذ / خلال / حتى / بحلول / قبل / بعد / عام."""
    before = norm[max(0, start - 12):start]
    return bool(re.search(r"(?:^|\s)(?:في|منذ|خلال|حتي|بحلول|قبل|بعد|عام|عامي|سنه|العام|ومنذ|وفي|بين)\s*$", before))


def _resolve_offset(anchor: date, unit: str, delta: int) -> dict:
    if unit == "day":
        d = anchor + timedelta(days=delta)
        return {"year": d.year, "month": d.month, "day": d.day}
    if unit == "week":
        monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=delta)
        return {"year": monday.year, "month": monday.month}
    if unit == "month":
        y, m = shift_months(anchor.year, anchor.month, delta)
        return {"year": y, "month": m}
    return {"year": anchor.year + delta}


def parse_anchor(published: str) -> date | None:
    """The article's date from metadata ``published`` (YYYY-MM-DD, optionally with a time), or None."""
    m = re.match(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})", published or "")
    if not m:
        return None
    try:
        anchor = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
    # an anchor near the ends of the calendar (0001-01-01, 9999-12-31) would overflow «أمس», «الأسبوع المقبل»:
    # no news article is dated there, so such a date anchors nothing
    return anchor if 1000 <= anchor.year <= 8999 else None


def earliest_publication(dates: list[DateMention]) -> tuple[str, str]:
    """The earliest date an article can have been published, from its own absolute dates.

    Returns (ISO date of the start of the latest period the article names, that expression's text),
    or ("", "") when it names no absolute year.
    """
    best = None
    for d in dates:
        if d.relative or d.year is None:
            continue
        key = (d.year, d.month or 1, d.day or 1)
        if best is None or key > best[0]:
            best = (key, d.text)
    if best is None:
        return "", ""
    (y, m, dd), text = best
    return f"{y:04d}-{m:02d}-{dd:02d}", text
