"""Who said what, through which outlet: one row per reported statement.

A statement is found from a reporting cue (قال، ذكر، اتهم، نفى، حذر ... in ``data/lexicons/cues.csv``)
or a source phrase (وفقاً لـ، بحسب، حسبما ذكرت ... in ``sources.csv``). Its speaker is read from the
sentence: the name, role phrase («المتحدث باسم وزارة الخارجية الأميركية») or generic source
(«مسؤولون أمريكيون», «تقرير», ``speakers.csv``) that follows the cue; a participle («قائلاً») or a
coordinated verb («ووصفتها») takes the speaker already in play. The channel is the outlet the
statement reached the article through (لـ"رويترز"، في مقابلة مع بلومبرج نيوز، حسبما ذكرت وكالة ...).
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from .entities import INSTITUTION_HEADS, Mention, Token, clitic_readings
from .lexicons import (RELATIVE_PRONOUNS, PhraseIndex, lexicon_keys, load_lines, match_key, nationality_at, phrase_key,
                       past_tense_forms, roles_by_key, statement_words, word_keys)
from .normalize import normalize_text
from .numbers import word_value
from .resources import load_table
from .segment import _quote_ranges

CONTENT_MARKERS = statement_words("content_markers")
_ADVERBIAL = statement_words("adverbial")
_PUBLISHED_BY = statement_words("published_by")
_DAY_WORDS = statement_words("day_words")
_BODY_ANAPHORS = {match_key(normalize_text(a)): match_key(normalize_text(h)) for a, h in
                  (("اللجنة", "لجنة"), ("الهيئة", "هيئة"), ("الوزارة", "وزارة"), ("المنظمة", "منظمة"), ("المعهد", "معهد"),
                   ("المركز", "مركز"), ("الجهاز", "جهاز"), ("المؤسسة", "مؤسسة"), ("الشركة", "شركة"))}
_SENTENCE_ADVERBS = statement_words("sentence_adverbs")
_IMPERSONAL = statement_words("impersonal")
_CHANNEL_CUES = statement_words("channel_cues")
_OUTLET_ANAPHORS = statement_words("outlet_anaphors")
_OUTLET_HEADS = statement_words("outlet_heads")
_ORG_HEADS = INSTITUTION_HEADS | word_keys("شركة", "مكتب", "هيئة", "لجنة", "جمعية")
_OPENERS = word_keys('"', "“", "«", "(")
_CLAUSE_STARTS = statement_words("clause_starts")
_CONTINUING = statement_words("continuing")  # "وأشار إلى أن": the previous sentence's speaker goes on


@dataclass  # not frozen: made by the thousand per article, and a frozen one costs four times as much
class Attribution:
    """One reported statement; start/end/text is its cue (or source phrase) in the original."""

    sentence: int
    start: int
    end: int
    text: str
    speaker_text: str
    speaker_start: int | None
    speaker_end: int | None
    speaker_entity_id: str
    speaker_name_en: str
    speaker_role: str
    channel_text: str = ""
    channel_entity_id: str = ""
    channel_name_en: str = ""
    cue: str = ""
    stance: str = "states"
    mode: str = "reported"
    quote: str = ""
    quote_start: int | None = None
    quote_end: int | None = None


@dataclass
class DocumentContext:
    """What earlier sentences of the same article established: the last speaker and outlet."""

    last_speaker: dict | None = None
    last_outlet: Mention | None = None
    last_body: dict[str, Mention] = field(default_factory=dict)  # head noun (هيئه, لجنه ...) -> last body named so


@lru_cache(maxsize=None)
def _cues() -> dict[str, dict]:
    """Reporting cues (data/lexicons/cues.csv) by key, with the other persons of each past-tense verb
    («قدر» -> «قدروا»: "وكان مسؤولون أميركيون قد قدروا")."""
    cues = {match_key(normalize_text(r["cue_ar"])): r for r in load_table("lexicons/cues.csv")}
    for key, row in list(cues.items()):
        if row["kind"] == "verb":
            for form in past_tense_forms(key, row["english"]):
                cues.setdefault(form, row)
    return cues


@lru_cache(maxsize=None)
def _sources() -> dict[tuple[str, ...], dict]:
    return {phrase_key(r["phrase_ar"]): r for r in load_table("lexicons/sources.csv")}


@lru_cache(maxsize=None)
def _speakers() -> dict[tuple[str, ...], str]:
    return {phrase_key(r["speaker_ar"]): r["english"] for r in load_table("lexicons/speakers.csv")}


@lru_cache(maxsize=None)
def outlet_ids() -> frozenset[str]:
    return frozenset(load_lines("registry/outlets.txt"))


@lru_cache(maxsize=None)
def _trigger_keys() -> frozenset[str]:
    """Words that can start a statement: reporting cues and the first words of source phrases."""
    return frozenset(_cues()) | {p[0] for p in _sources()}


@lru_cache(maxsize=65536)
def _may_start_statement(key: str) -> bool:
    """Could a reporting cue or a source phrase start at this token (with و/ف attached)?"""
    triggers = _trigger_keys()
    return key in triggers or _strip_conj(key) in triggers


def _strip_conj(key: str) -> str:
    return key[1:] if len(key) > 3 and key[0] in "وف" else key


_INDEXES: dict[int, PhraseIndex] = {}


def _longest(tokens: list[Token], i: int, phrases: dict, allow_prefix: bool = True):
    """Longest phrase at token i: (n_tokens, value, ل attached to the next token, و/ف stripped).

    A phrase ending in "ل" matches a next token that starts with ل ("وفقاً لصور")."""
    index = _INDEXES.get(id(phrases))
    if index is None:
        index = _INDEXES[id(phrases)] = PhraseIndex(phrases)
    best = None
    readings = [(tokens[i].key, False)]
    if allow_prefix and _strip_conj(tokens[i].key) != tokens[i].key:
        readings.append((_strip_conj(tokens[i].key), True))
    for first, stripped in readings:
        for phrase, value in index.by_first.get(first, ()):
            n = len(phrase)
            if phrase[-1] == "ل" and n >= 2:
                body = phrase[:-1]
                if i + len(body) < len(tokens) and all(tokens[i + k].key == body[k] for k in range(1, len(body))) \
                        and tokens[i + len(body)].key.startswith("ل"):
                    if best is None or n > best[0]:
                        best = (len(body), value, True, stripped)
                continue
            if i + n <= len(tokens) and all(tokens[i + k].key == phrase[k] for k in range(1, n)):
                if best is None or n > best[0]:
                    best = (n, value, False, stripped)
    return best


def _mention_index(tokens: list[Token], mentions: list[Mention]) -> dict[int, Mention]:
    """Token index -> the mention that starts in that token."""
    out = {}
    ends = [t.end for t in tokens]
    for m in mentions:
        idx = bisect_right(ends, m.start)  # the first token ending after the mention's start
        if idx < len(tokens) and tokens[idx].start <= m.start:
            out[idx] = m
    return out


def _token_after(tokens: list[Token], end: int) -> int:
    """Index of the first token starting at or after character ``end``."""
    for idx, t in enumerate(tokens):
        if t.start >= end:
            return idx
    return len(tokens)


def _is_outlet(m: Mention | None) -> bool:
    return m is not None and (m.entity_id in outlet_ids() or m.method == "quoted_name")


def _speaker_after(tokens, j, mentions_at, original, ctx: DocumentContext) -> dict | None:
    """The speaker phrase starting at token j: a name, a role phrase, or a generic source."""
    n = len(tokens)
    while j < n and (_strip_conj(tokens[j].key) in _ADVERBIAL or tokens[j].key in ("،", ",")):
        j += 1
    if j >= n:
        return None
    k = j
    while k < n and k - j < 3 and (tokens[k].key in _OUTLET_HEADS or tokens[k].text in _OPENERS):
        k += 1  # "شبكة "سي. إن. إن"", "موقع "أكسيوس"", "صحيفة (الغارديان)"
    if k > j and _is_outlet(mentions_at.get(k)):
        m = mentions_at[k]
        return _speaker(original, m.start, m.end, m, "")
    if _strip_conj(tokens[j].key) in _ORG_HEADS and j + 2 < n and tokens[j + 1].text in _OPENERS:
        m = mentions_at.get(j + 2)  # "منظمة "أبحاث تسليح النزاعات"", "مؤسسة «أوبن سورس سنتر»": the quoted name
        if m is not None and m.type == "ORG":
            return _speaker(original, m.start, m.end, m, "")
    m = mentions_at.get(j)
    if m is not None and m.type in ("PER", "ORG", "GPE"):
        role = _appositive_role(tokens, _token_after(tokens, m.end), mentions_at)
        return _speaker(original, m.start, m.end, m, role)
    role = _longest(tokens, j, roles_by_key(), allow_prefix=False)
    if role is None and tokens[j].key in _ROLE_PREFIXES and j + 1 < n:
        inner = _longest(tokens, j + 1, roles_by_key(), allow_prefix=False)
        if inner:  # "نائب المندوب الروسي": deputy + any role
            role = (inner[0] + 1, f"{_ROLE_PREFIXES[tokens[j].key]} {inner[1]}", inner[2], inner[3])
    if role:
        return _role_speaker(tokens, j, role, mentions_at, original)
    if role is None and tokens[j].key.startswith("ال") and len(tokens[j].key) > 4:
        speaker = _definite_role_speaker(tokens, j, mentions_at, original, ctx)
        if speaker is not None:
            return speaker
    generic = _longest(tokens, j, _speakers(), allow_prefix=False)
    if generic:
        return _generic_speaker(tokens, j, generic[0], generic[1], mentions_at, original, ctx)
    if j + 1 < n and (tokens[j].key.isdigit() or word_value(tokens[j].key) is not None):
        generic = _longest(tokens, j + 1, _speakers(), allow_prefix=False)
        if generic:  # "عن ثلاثة مصادر مطلعة", "3 مسؤولين": the count is part of the speaker phrase
            return _generic_speaker(tokens, j, generic[0] + 1, generic[1], mentions_at, original, ctx)
    return None


def _definite_role_speaker(tokens, j, mentions_at, original, ctx) -> dict | None:
    """"وقال الوزير إن": a role with the article is the person of that role the article named last, or,
    when there is none, the role itself ("الوزير سيرغي لافروف" names the person as a role phrase does)."""
    if (tokens[j].key[2:],) not in roles_by_key():
        return None
    bare = Token(tokens[j].text, tokens[j].start, tokens[j].end, tokens[j].key[2:])
    shifted = tokens[:j] + [bare] + tokens[j + 1:]
    role = _longest(shifted, j, roles_by_key(), allow_prefix=False)
    if role is None or role[0] != 1:
        return None
    speaker = _role_speaker(shifted, j, role, mentions_at, original)
    if speaker.get("entity_id") or mentions_at.get(j + 1) is not None:
        return speaker
    last = ctx.last_speaker
    if last is not None and last.get("text") and role[1] in (last.get("role") or ""):
        return last
    return speaker


def _appositive_role(tokens, k, mentions_at) -> str:
    """", المتحدث باسم البيت الأبيض،" after a name: the English role."""
    if k < len(tokens) and tokens[k].key in ("،", ",") and k + 1 < len(tokens):
        role = _longest(tokens, k + 1, roles_by_key(), allow_prefix=False)
        if role:
            return _role_english(tokens, k + 1, role, mentions_at)[0]
    return ""


def _role_english(tokens, j, role, mentions_at) -> tuple[str, int, Mention | None, Mention | None]:
    """English role, index after the role phrase, the person named in it, the organisation it serves."""
    n = len(tokens)
    k = j + role[0]
    nationality = ""
    org = person = None
    posted = False
    steps = 0
    in_domain = False  # inside "في الشؤون الكورية": an adjective there says the field, not the nationality
    senior = False
    branch = ""  # "عسكري", "أمني": the kind of official
    while k < n and steps < 8:
        steps += 1
        nat = nationality_at(tokens, k)
        if nat and not mentions_at.get(k) and not in_domain:
            nationality = nationality or nat[2]
            k += nat[0]
            continue
        if tokens[k].key in _SENIOR:
            senior = True  # "مسؤول كبير", "مسؤولون كبار"
            k += 1
            continue
        if tokens[k].key in _ROLE_ADJECTIVES and not branch:
            branch = _ROLE_ADJECTIVES[tokens[k].key]  # "مسؤول عسكري أوكراني": a military official
            k += 1
            continue
        if tokens[k].key in ("باسمه", "باسمها", "باسمهم"):
            k += 1  # "المتحدث باسمها ماثيو ميلر": whose spokesperson the earlier sentence said
            continue
        if tokens[k].key == "في" and k + 2 < n and tokens[k + 1].key in INSTITUTION_HEADS \
                and mentions_at.get(k + 2) and mentions_at[k + 2].type == "ORG":
            k += 2  # "الباحث في معهد كارنيغي": the head noun, then the institution's name
            continue
        if tokens[k].key == "في" and k + 2 < n and tokens[k + 1].key in INSTITUTION_HEADS \
                and mentions_at.get(k + 1) is None and mentions_at.get(k + 2) is None:
            named = next((p for p in range(k + 2, min(n, k + 9)) if mentions_at.get(p) is not None
                          and mentions_at[p].type == "PER"), None)
            if named is not None and any(t.key in CONTENT_MARKERS or t.key in ("،", ",") for t in tokens[k + 2:named]):
                named = None  # "الباحث في معهد الدراسات إن بوتين ...": the name is in what was said
            if named is not None:
                k = named  # "الأستاذ في جامعة هانكوك للدراسات الأجنبية كيم يونغ سو": an institution not known
                continue
        if tokens[k].key == "في" and k + 1 < n and tokens[k + 1].key in _FIELDS:
            in_domain = True  # "الباحث الروسي في شؤون كوريا": the field, whose names are not whom the role serves
            k += 2
            continue
        if in_domain and mentions_at.get(k) is not None and mentions_at[k].type in ("GPE", "LOC"):
            k = _token_after(tokens, mentions_at[k].end)
            continue
        if tokens[k].key == "باسم" or tokens[k].key in ("في", "لدي") and mentions_at.get(k + 1) and mentions_at[k + 1].type in ("ORG", "GPE") \
                or tokens[k].key == "في" and k + 1 < n and tokens[k + 1].key.startswith("ال"):
            in_domain = in_domain or (tokens[k].key == "في" and k + 1 < n and tokens[k + 1].key in _FIELDS)
            k += 1  # "المتحدث باسم ...", "سفير روسيا في بيونغ يانغ", "الخبير في الشؤون الكورية"
            continue
        m = mentions_at.get(k)
        if m is not None:
            if m.type == "PER":
                person = m
                k = _token_after(tokens, m.end)
                break
            if m.type in ("ORG", "GPE"):
                if org is None:  # "سفير روسيا في بيونغ يانغ": the first names whom the role serves
                    org, posted = m, k > 0 and tokens[k - 1].key == "لدي"  # "المندوب ... لدى الأمم المتحدة": to
                k = _token_after(tokens, m.end)
                if k + 2 < n and tokens[k].text == "(" and mentions_at.get(k + 1) is not None:
                    k = _token_after(tokens, mentions_at[k + 1].end)  # "وزارة الدفاع الأمريكية (البنتاغون)"
                    if k < n and tokens[k].text == ")":
                        k += 1
                continue
            break
        if tokens[k].key.startswith("ال") and tokens[k].key not in ("الذي", "التي"):
            k += 1
            continue
        break
    if person is None and k + 1 < len(tokens) and tokens[k].key in ("،", ",") and mentions_at.get(k + 1) \
            and mentions_at[k + 1].type == "PER":
        person = mentions_at[k + 1]
        k = _token_after(tokens, person.end)
    english = role[1]
    if branch:
        english = f"{branch} {english}"
    if senior:
        english = f"senior {english}"
    if nationality:
        english = f"{nationality} {english}"
    if org is not None:
        english = f"{english} {'to' if posted else 'of'} {org.name_en or org.text}"
    return english, k, person, org


def _role_speaker(tokens, j, role, mentions_at, original) -> dict:
    english, k, person, org = _role_english(tokens, j, role, mentions_at)
    start = tokens[j].start
    end = person.end if person is not None else tokens[max(k - 1, j)].end
    if person is not None:
        return _speaker(original, start, end, person, english)
    speaker = _speaker(original, start, end, org, english)
    speaker["name_en"] = english  # an unnamed spokesperson, diplomat ...: the role names the speaker
    return speaker


def _generic_speaker(tokens, j, n_words, english, mentions_at, original, ctx) -> dict:
    """"مسؤولون أمريكيون", "تقرير صادر عن المعهد الملكي ...": up to the content marker («أن»)."""
    key = tuple(t.key for t in tokens[j:j + n_words])
    body_head = _BODY_ANAPHORS.get(key[0])  # "اللجنة", "الهيئة", "الوزارة": the body named before
    anaphor = key[0] in _OUTLET_ANAPHORS or key[:2] == ("وكاله", "الانباء") or body_head is not None
    k = j + n_words
    limit = 2 if anaphor else 12
    last_mention_end = None
    while k < len(tokens) and k - j < limit and tokens[k].key not in CONTENT_MARKERS \
            and tokens[k].key not in ("،", ",", ".") and tokens[k].key not in _CLAUSE_STARTS \
            and tokens[k].key not in RELATIVE_PRONOUNS \
            and tokens[k].key not in _DAY_WORDS and tokens[k].key not in _SENTENCE_ADVERBS:
        # "وسائل الإعلام الرسمية اليوم السبت", "التقرير أيضا": the date, the adverb are not the speaker
        m = mentions_at.get(k)
        if m is not None and _is_outlet(m) and any(t.key in _PUBLISHED_BY for t in tokens[j:k]):
            k = _token_after(tokens, m.end)  # "تقرير نشرته صحيفة وول ستريت جورنال": the outlet is the source
            if k < len(tokens) and tokens[k].text in ('"', "”", "»", ")"):
                k += 1  # with its closing quote
            last_mention_end = k
            break
        if m is not None and _is_outlet(m) or tokens[k].key.startswith("ل") and tokens[k].key[1:] in _OUTLET_HEADS:
            while k - 1 > j and (tokens[k - 1].key in _OUTLET_HEADS or tokens[k - 1].text in _OPENERS):
                k -= 1  # leave «صحيفة "» with the outlet
            break  # "مصدر دبلوماسي لصحيفة كوميرسانت": the outlet is the channel, not part of the speaker
        if m is not None:
            k = _token_after(tokens, m.end)
            last_mention_end = k
            continue
        if anaphor and not tokens[k].key.startswith("ال"):
            break
        k += 1
    if k < len(tokens) and tokens[k].key not in CONTENT_MARKERS and last_mention_end is not None:
        k = last_mention_end  # no «أن» follows: the phrase ends with its last name
    inside = [m for idx, m in mentions_at.items() if j <= idx < k]
    start, end = tokens[j].start, tokens[k - 1].end
    if body_head:
        body = ctx.last_body.get(body_head)
        if body is not None:
            return _speaker(original, start, end, body, "")
    elif anaphor and ctx.last_outlet is not None:
        return _speaker(original, start, end, ctx.last_outlet, english)
    published = next((p for p in range(j + 1, k - 1) if tokens[p].key in _PUBLISHED_BY), None)
    if published is not None:  # "صور نشرتها الاستخبارات الأوكرانية": whoever published them is the source
        publisher = _speaker_after(tokens, published + 1, mentions_at, original, ctx)
        if publisher is not None:
            # "قال تقرير نشرته وكالة إن كي نيوز": the publisher speaks through its report
            return dict(publisher, role="")
    org = next((m for m in inside if m.type == "ORG"), None)
    if org is not None:
        return _speaker(original, start, end, org, english)
    nationality = ""
    for idx in range(j, k):
        nat = nationality_at(tokens, idx)
        if nat and not mentions_at.get(idx):
            nationality = nat[2]
            break
    place = next((m for m in inside if m.type == "GPE"), None)
    label = english.removeprefix("a ").removeprefix("the ") if nationality else english
    label = f"{nationality} {label}".strip()
    if place is not None:
        label = f"{label} in {place.name_en or place.text}"
    return {"text": original[start:end], "start": start, "end": end, "entity_id": "", "name_en": label, "role": ""}


def _speaker(original, start, end, mention: Mention | None, role: str) -> dict:
    """A speaker phrase at original[start:end], linked to ``mention``'s entity when there is one."""
    entity_id = mention.entity_id if mention is not None else ""
    name = (mention.name_en or mention.text) if mention is not None else ""
    return {"text": original[start:end], "start": start, "end": end, "entity_id": entity_id, "name_en": name, "role": role}


def _channels(tokens, mentions_at) -> Mention | None:
    """The outlet a statement reached the article through: لـ"رويترز", في مقابلة مع ..., نشرتها صحيفة (...)."""
    for idx, m in sorted(mentions_at.items()):
        if not _is_outlet(m):
            continue
        if tokens[idx].key.startswith("ل") and not normalize_text(m.text).startswith("ل"):
            return m  # "لوكالة ..." with the ل inside the token
        k = idx - 1
        while k >= 0 and idx - k <= 3 and (tokens[k].key in _OUTLET_HEADS or tokens[k].text in _OPENERS):
            k -= 1
        if k >= 0 and (tokens[k].key in ("لـ", "ل") or _strip_conj(tokens[k].key) in _CHANNEL_CUES
                       or tokens[k].key.startswith("ل") and tokens[k].key[1:] in _OUTLET_HEADS):
            return m
        if k >= 0 and tokens[k].text.endswith("لـ"):
            return m
    return None


def find_attributions(tokens: list[Token], mentions: list[Mention], sentence: int, sentence_text: str,
                      offset: int, original: str, ctx: DocumentContext) -> list[Attribution]:
    """Reported statements of one sentence (``ctx`` carries the article's last speaker and outlet)."""
    colon = next((k for k, t in enumerate(tokens[:6]) if t.key == ":"), None)
    if colon is None and not any(_may_start_statement(t.key) for t in tokens):
        return []  # no reporting cue and no source phrase in the sentence
    mentions_at = _mention_index(tokens, mentions)
    rows: list[dict] = []
    n = len(tokens)
    i = 0
    if colon is not None and 0 < colon and n - colon > 3 and not _only_outlet_after(tokens, colon, mentions_at):
        speaker = _source_before_colon(tokens, colon, mentions_at, original, ctx)
        if speaker is not None:
            rows.append(_row(tokens, colon, colon + 1, "states", ":", speaker))
            i = colon + 1
    while i < n:
        tok = tokens[i]
        if not _may_start_statement(tok.key):
            i += 1
            continue
        key = _strip_conj(tok.key)
        clause = _source_clause(tokens, i)
        if clause is not None:  # "وفق ما أفاد به المتحدث ...", "بحسب ما أعلنته الوزارة"
            speaker = _speaker_after(tokens, i + clause[0], mentions_at, original, ctx)
            if speaker is not None:
                rows.append(_row(tokens, i, i + clause[0], clause[1]["stance"], "source", speaker, lead=int(tok.key != key)))
                i += clause[0]
                continue
        source = _longest(tokens, i, _sources())
        cue = _cues().get(tok.key) or _cues().get(key)
        if cue and cue is _cues().get(tok.key):
            key = tok.key
        if cue and key in ("يذكر", "يذكر") and i + 1 < n and tokens[i + 1].key in ("ان", "أن"):
            cue = None  # "ويذكر أن": "it is worth recalling that", not a statement
        if cue and key in _AFFILIATED and i + 1 < n and tokens[i + 1].key.startswith("ل"):
            cue = None  # "تابع لوزارة الدفاع": belonging to, not "went on"
        if cue and i > 0 and (tokens[i - 1].key in _NEGATIONS or tokens[i - 1].key[1:] in _NEGATIONS
                              and tokens[i - 1].key[0] in "وف"):
            cue = None  # "ولم تؤكد الوزارة ...", "لم يعلق": what was not said is no statement
        if source:
            j = i + source[0]
            speaker = _speaker_after(tokens, j, mentions_at, original, ctx)
            if speaker is None and source[2] and j < n:
                # "وفقاً لصور ...": the ل is attached to the speaker's first word.
                speaker = _speaker_after_clitic(tokens, j, mentions_at, original, ctx)
            if speaker is not None and speaker.get("entity_id") in outlet_ids():
                after = _token_after(tokens, speaker["end"])
                if after < n and tokens[after].key == "عن":  # "وفقا لما نقلته وكالة تاس عن ...": relayed
                    speaker = _speaker_after(tokens, after + 1, mentions_at, original, ctx) or speaker
            if speaker is None and source[1]["stance"] == "estimates" and j < n and nationality_at(tokens, j):
                # "بحسب تقديرات أمريكية": whose estimates, by nationality
                speaker = _generic_speaker(tokens, j - 1, 1, "estimates", mentions_at, original, ctx)
            if speaker is None and source[1]["english"] == "reportedly":
                speaker = {"text": "", "start": None, "end": None, "entity_id": "", "name_en": "(reportedly)", "role": ""}
            if speaker is not None:
                rows.append(_row(tokens, i, i + source[0], source[1]["stance"], "source", speaker, lead=int(source[3])))
            i += source[0]
            continue
        if cue and key in _RELAY:
            relayed = _relayed(tokens, i, mentions_at, original, ctx)
            if relayed is not None:  # "نقلت وكالة يونهاب عن مسؤول ...": the official speaks, Yonhap relays
                rows.append(_row(tokens, i, i + 1, cue["stance"], cue["cue_ar"], relayed, lead=int(tok.key != key)))
                i += 1
                continue
            if not any(t.key in _STATEMENT_MARKERS for t in tokens[i + 1:i + 13]):
                i += 1  # "نقلت كوريا الشمالية إلى روسيا مدافع": moved goods, said nothing
                continue
        if cue and cue["kind"] == "participle" and _inside_quote(sentence_text, tok.start - offset):
            i += 1  # "لدينا معلومات مؤكدة بأن ...": inside the speaker's own words, an adjective
            continue
        if cue and i + 3 < n and tokens[i + 1].key == "علي" and tokens[i + 2].key == "لسان":
            speaker = _speaker_after(tokens, i + 3, mentions_at, original, ctx)
            if speaker is not None:  # "مؤكدة على لسان المتحدثة ماريا زاخاروفا": through the mouth of
                rows.append(_row(tokens, i, i + 1, cue["stance"], cue["cue_ar"], speaker, lead=int(tok.key != key)))
                i += 3
                continue
        if cue and cue["kind"] == "masdar":
            speaker = _speaker_ending_before(tokens, i, mentions_at, original, ctx)
            if speaker is not None:  # "اكتفى المتحدث باسمه دميتري بيسكوف بالقول إن": the speaker came first
                rows.append(_row(tokens, i, i + 1, cue["stance"], cue["cue_ar"], speaker, lead=int(tok.key != key)))
            i += 1
            continue
        if cue:
            speaker = _fronted_subject(tokens, i, mentions, original) if cue["kind"] in ("verb", "reply") and tok.key == key else None
            if speaker is None and cue["kind"] == "verb":
                speaker = _subject_before_qad(tokens, i, mentions_at, original, ctx)
            if speaker is None and cue["kind"] == "verb" and tok.key == key:
                speaker = _subject_after_but(tokens, i, mentions_at, original, ctx)
            speaker = speaker or _speaker_after(tokens, i + 1, mentions_at, original, ctx)
            if cue["kind"] == "reply" and not (speaker and (speaker["entity_id"] or speaker["role"])):
                i += 1  # "ردّ" needs a named or titled speaker: "وردت تقارير" (reports came in) is none
                continue
            if speaker is None and cue["kind"] == "noun":
                i += 1
                continue
            if speaker is None:
                speaker = _implicit_speaker(tokens, i, cue, rows, mentions, ctx)
            if cue["kind"] == "tell" and rows:
                i += 1  # "أخبر يورونيوز": the addressee of a statement already read (its channel)
                continue
            if cue["kind"] == "tell":  # the name after the verb is whom it was told to; the teller comes first
                speaker = _subject_before_qad(tokens, i, mentions_at, original, ctx) \
                    or (_fronted_subject(tokens, i, mentions, original) if tok.key == key else None) \
                    or _implicit_speaker(tokens, i, cue, rows, mentions, ctx)
            if speaker is not None:
                rows.append(_row(tokens, i, i + 1, cue["stance"], cue["cue_ar"], speaker, lead=int(tok.key != key)))
        i += 1
    if not rows:
        return []
    statements = [r for r in rows if r["kind"] != "source"]
    channel = _channels(tokens, mentions_at)
    if statements and all(r["speaker"].get("entity_id") in outlet_ids() for r in statements):
        if channel is not None and any(r["kind"] == "source" and r["speaker"].get("entity_id") == channel.entity_id
                                       for r in rows):
            channel = None  # "وبحسب وكالة تاس، ...، فيما أفادت وكالة الأنباء المركزية": two outlets, each its own
    elif statements:
        # "حسبما ذكرت وكالة ...", "بحسب الوكالة" beside another statement names its channel, not a statement
        # of its own.
        outlet_sources = [r for r in rows if r["kind"] == "source" and r["speaker"].get("entity_id") in outlet_ids()]
        if channel is None and outlet_sources:
            outlet = outlet_sources[0]["speaker"]
            channel = _Channel(outlet["text"], outlet["entity_id"], outlet["name_en"])
        rows = [r for r in rows if r not in outlet_sources]
    names = {(normalize_text(m.text)) for m in mentions}
    quotes = [(a + offset, b + offset) for a, b in sorted(_quote_ranges(sentence_text))
              if b - a > 1 and normalize_text(sentence_text[a + 1:b]).strip() not in names
              and not _after_naming_word(sentence_text, a)]
    out = []
    for k, r in enumerate(rows):
        speaker = r["speaker"]
        ch = channel
        if ch is None and speaker.get("entity_id") in outlet_ids():
            ch_text, ch_id, ch_name = speaker["text"], speaker["entity_id"], speaker["name_en"]
        elif ch is not None:
            ch_text, ch_id, ch_name = ch.text, ch.entity_id, ch.name_en or ch.text
        else:
            ch_text = ch_id = ch_name = ""
        nxt = rows[k + 1]["start"] if k + 1 < len(rows) else None
        quote = next(((a, b) for a, b in quotes if a > r["start"] and (nxt is None or a < nxt)), None)
        if quote is None and r["kind"] == "source":
            quote = next(((a, b) for a, b in quotes if b < r["start"]), None)
        quote_fields = {"mode": "reported", "quote": "", "quote_start": None, "quote_end": None}
        if quote:
            qs, qe = quote[0] + 1, quote[1]
            quote_fields = {"mode": "direct quote", "quote": original[qs:qe], "quote_start": qs, "quote_end": qe}
        stance = r["stance"]
        said = _token_after(tokens, max(r["end"], speaker["end"] or 0))  # what was said starts after both
        if stance == "states" and r["kind"] != "source" and any(
                t.key in _ESTIMATING for t in tokens[_token_after(tokens, r["end"]):_token_after(tokens, r["end"]) + 4]
                + tokens[said:said + 4]):
            stance = "estimates"  # "وأضاف رايدر أنه يتوقع إرسال قوات", "قال رايدر للصحفيين "نعتقد أن ...": expected
        out.append(Attribution(sentence, r["start"], r["end"], original[r["start"]:r["end"]],
                               speaker["text"], speaker["start"], speaker["end"], speaker["entity_id"],
                               speaker["name_en"], speaker["role"], ch_text, ch_id, ch_name,
                               original[r["start"]:r["end"]] if r["kind"] == "source" else r["cue"], stance, **quote_fields))
        if speaker.get("name_en") and speaker["name_en"] != "(reportedly)":
            ctx.last_speaker = speaker
    return out


class _Channel(NamedTuple):
    """An outlet named by an anaphor ("بحسب الوكالة"), standing in for its mention as a channel."""
    text: str
    entity_id: str
    name_en: str


def _inside_quote(text: str, position: int) -> bool:
    """Is ``position`` of a sentence inside a pair of quotation marks?"""
    return any(a < position < b for a, b in _quote_ranges(text))


def _after_naming_word(text: str, quote_open: int) -> bool:
    """Is the quotation mark at ``quote_open`` right after a word that introduces a name ("من طراز", "شركة")?"""
    before = text[:quote_open].split()
    if not before:
        return False
    words = naming_words()
    for _, reading in clitic_readings(match_key(normalize_text(before[-1]))):  # "بطائرات", "وشركة", "للشركة"
        if reading in words or reading.startswith("ال") and reading[2:] in words:
            return True
    # "شركة الطيران الروسية "نوردويند"": an indefinite naming word, then its definite complement
    keys = [match_key(normalize_text(w)) for w in before[-3:]]
    for k in range(len(keys) - 1):
        if all(w.startswith("ال") for w in keys[k + 1:]) and any(r in words for _, r in clitic_readings(keys[k])):
            return True
    return False


@lru_cache(maxsize=None)
def naming_words() -> frozenset[str]:
    return lexicon_keys(load_lines("lexicons/naming_words.txt"))


_NEGATIONS = statement_words("negations")
_AFFILIATED = statement_words("affiliated")
# "وأضاف أنه يتوقع ...": a statement of what the speaker expects or believes is an estimate
_ESTIMATING = statement_words("estimating")
_RELAY = statement_words("relay")
_ROLE_PREFIXES = {key: english for words, english in ((("نائب", "نائبه"), "deputy"), (("مساعد", "مساعده"), "assistant"))
                  for key in word_keys(*words)}
_SOURCE_HEADS = statement_words("source_heads")
_OBJECT_SUFFIXES = ("تها", "ته", "ها", "ه")
_STATEMENT_MARKERS = statement_words("statement_markers")
_SENIOR = statement_words("senior")
_ROLE_ADJECTIVES = {key: english for words, english in (
    (("عسكري", "عسكريه", "عسكريون", "عسكريين"), "military"), (("امني", "امنيه", "امنيون"), "security"),
    (("حكومي", "حكوميه", "حكوميون"), "government"), (("استخباراتي", "استخباري"), "intelligence"))
    for key in word_keys(*words)}
_FIELDS = statement_words("fields")


def _only_outlet_after(tokens, colon: int, mentions_at) -> bool:
    """"نيويورك: «الشرق الأوسط»": a dateline whose colon is followed by the outlet's name alone, not a statement."""
    k = colon + 1
    while k < len(tokens):
        m = mentions_at.get(k)
        if m is not None and _is_outlet(m):
            k = _token_after(tokens, m.end)
        elif tokens[k].text in _OPENERS or tokens[k].text in ('"', "”", "»", ")", ".", "-"):
            k += 1
        else:
            return False
    return True


def _fronted_subject(tokens, i, mentions, original) -> dict | None:
    """"واشنطن تتهم بيونغ يانغ ...", "الكرملين ينفي ...": a name that opens the sentence right before the
    cue is its subject (subject-first order, usual in headlines); the name after the cue is then its object."""
    if i == 0:
        return None
    before = tokens[i - 1]
    for m in mentions:
        if m.type in ("PER", "ORG", "GPE") and before.start < m.end <= before.end:
            if tokens[0].start <= m.start < tokens[0].end:  # the sentence's first word (a و may be attached)
                return _speaker(original, m.start, m.end, m, "")
            return None
    return None


def _source_before_colon(tokens, colon, mentions_at, original, ctx) -> dict | None:
    """"سيول: نحو 11 ألف جندي ...", "لافروف في بيونغ يانغ: ...": the source a headline names before its colon
    (with where it spoke); None when what precedes the colon is no source, or one generic word, a genre
    label rather than a source ("تقرير: غزو أوكرانيا ...")."""
    speaker = _speaker_after(tokens, 0, mentions_at, original, ctx)
    if speaker is None or speaker["start"] is None:
        return None
    if speaker["end"] != tokens[colon - 1].end:
        after = _token_after(tokens, speaker["end"])
        place = mentions_at.get(after + 1) if after + 1 < colon and tokens[after].key in ("في", "من") else None
        if place is not None and place.type in ("GPE", "LOC") and place.end == tokens[colon - 1].end:
            speaker = dict(speaker, text=original[speaker["start"]:place.end], end=place.end)
    named = speaker["entity_id"] or speaker["role"] or colon > 1
    return speaker if named and speaker["end"] == tokens[colon - 1].end else None


def _speaker_ending_before(tokens, i, mentions_at, original, ctx) -> dict | None:
    """The longest speaker phrase that ends right before token i, after a verb ("اكتفى الوزير بالقول")."""
    for k in range(max(1, i - 10), i):
        speaker = _speaker_after(tokens, k, mentions_at, original, ctx)
        if speaker is not None and speaker["end"] == tokens[i - 1].end:
            return speaker
    return None


def _subject_before_qad(tokens, i, mentions_at, original, ctx) -> dict | None:
    """"وكانت اللجنة قد أفادت", "وكان المتحدث باسم الكرملين قد قال": the subject between كان and قد;
    or right before كان ("إلا أن نائب الوزير أندريه رودينكو كان قد صرح")."""
    if i < 3 or tokens[i - 1].key != "قد":
        return None
    kana = next((k for k in range(i - 2, max(-1, i - 13), -1) if _strip_conj(tokens[k].key) in _KANA), None)
    if kana is None:
        return None
    if kana == i - 2 and tokens[kana].key in _KANA:
        return _speaker_ending_before(tokens, kana, mentions_at, original, ctx)
    speaker = _speaker_after(tokens, kana + 1, mentions_at, original, ctx)
    if speaker is None or speaker["start"] is None or speaker["end"] > tokens[i - 1].start:
        return None
    return speaker


_BUT = statement_words("but")
_BUT_THAT = statement_words("but_that")


def _subject_after_but(tokens, i, mentions_at, original, ctx) -> dict | None:
    """"غير أن نائب رئيس الوزراء ألكسندر كوزلوف، الذي يرأس اللجنة ...، قال إن": a named or titled subject
    after «غير أن» / «لكن», before the verb (a relative clause between them set off by commas)."""
    end = i
    if i > 0 and tokens[i - 1].key in ("،", ","):
        end = next((k for k in range(i - 2, max(0, i - 16), -1) if tokens[k].key in ("،", ",")
                    and k + 1 < i and tokens[k + 1].key in RELATIVE_PRONOUNS), None)
        if end is None:
            return None
    if end < 2:
        return None
    speaker = _speaker_ending_before(tokens, end, mentions_at, original, ctx)
    if speaker is None or speaker["start"] is None or not (speaker["entity_id"] or speaker["role"]):
        return None
    first = next((k for k in range(end) if tokens[k].start == speaker["start"]), None)
    if first is None or first == 0:
        return None
    before = tokens[first - 1].key
    if before in _BUT or before in ("ان", "أن") and first >= 2 and _strip_conj(tokens[first - 2].key) in _BUT_THAT:
        return speaker
    return None


def _source_clause(tokens, i) -> tuple[int, dict] | None:
    """"وفق ما أفاد به", "بحسب ما أعلنته", "حسبما كشفت": a source phrase built on a reporting verb, as
    (tokens it takes, the verb's cue row); None when tokens[i] starts none."""
    n = len(tokens)
    key = _strip_conj(tokens[i].key)
    if key == "حسبما":
        k = i + 1
    elif key in _SOURCE_HEADS and i + 1 < n and tokens[i + 1].key in ("ما", "لما"):
        k = i + 2
    else:
        return None
    if k >= n:
        return None
    verb = tokens[k].key
    cue = _cues().get(verb) or next((_cues().get(verb[:-len(sfx)]) for sfx in _OBJECT_SUFFIXES
                                     if verb.endswith(sfx) and _cues().get(verb[:-len(sfx)])), None)
    if cue is None or cue["kind"] != "verb":
        return None
    k += 1
    if k < n and tokens[k].key in ("به", "بها", "عنه"):
        k += 1
    return k - i, cue


_KANA = statement_words("kana")


def _relayed(tokens, i, mentions_at, original, ctx) -> dict | None:
    """The speaker after «عن» in "نقلت وكالة X عن Y" (X, the outlet, is then the channel)."""
    k = i + 1
    while k < len(tokens) and k - i <= 8 and tokens[k].key != "عن":
        k += 1
    if k >= len(tokens) or tokens[k].key != "عن":
        return None
    generic = _longest(tokens, i + 1, _speakers(), allow_prefix=False) if k > i + 1 else None
    if not any(_is_outlet(mentions_at.get(q)) for q in range(i + 1, k)) and not (generic and i + 1 + generic[0] == k):
        return None  # neither an outlet nor a source such as "التقرير" relays: "نقل التقرير عن مسؤول"

    return _speaker_after(tokens, k + 1, mentions_at, original, ctx)


def _speaker_after_clitic(tokens, j, mentions_at, original, ctx) -> dict | None:
    """The speaker after a source phrase whose ل is attached: "وفقاً لصور الأقمار الصناعية"."""
    key = tokens[j].key
    if key.startswith("لل") and len(key) > 4:  # "للتقرير": ل + التقرير, the article's alef elided (span kept whole)
        stripped = Token(tokens[j].text, tokens[j].start, tokens[j].end, "ال" + key[2:])
    else:
        stripped = Token(tokens[j].text, tokens[j].start + 1, tokens[j].end, key[1:])
    shifted = tokens[:j] + [stripped] + tokens[j + 1:]
    m = mentions_at.get(j)
    if m is not None:
        return _speaker(original, m.start, m.end, m, "")
    generic = _longest(shifted, j, _speakers(), allow_prefix=False)
    if generic:
        return _generic_speaker(shifted, j, generic[0], generic[1], mentions_at, original, ctx)
    return None


def _implicit_speaker(tokens, i, cue, rows, mentions, ctx) -> dict | None:
    """A cue without its own subject: a participle or coordinated verb continues the speaker in play;
    an impersonal verb at the start of a sentence or clause ("ويُعتقد أن", "التي يُزعم أنها") has none."""
    key = _strip_conj(tokens[i].key)
    prev = tokens[i - 1].key if i else ""
    if key in _IMPERSONAL and (i == 0 or prev in RELATIVE_PRONOUNS):
        return {"text": "", "start": None, "end": None, "entity_id": "", "name_en": "(unattributed)", "role": ""}
    if cue["kind"] == "participle":
        if rows:
            return rows[-1]["speaker"]
        subject = _sentence_subject(tokens, mentions, tokens[i].start)
        if subject is not None:
            return {"text": subject.text, "start": subject.start, "end": subject.end, "entity_id": subject.entity_id,
                    "name_en": subject.name_en or subject.text, "role": ""}
        return None
    coordinated = tokens[i].key != key  # و/ف attached: "ووصفتها", "وأضاف"
    if coordinated and rows:
        return rows[-1]["speaker"]
    if coordinated and i > 0 and cue["kind"] == "verb":
        # "شكرت تشوي موسكو ...، وأعلنت أن": a verb joined to the sentence's first clause shares its subject
        subject = _sentence_subject(tokens, mentions, tokens[i].start)
        if subject is not None and subject.type == "PER":
            return {"text": subject.text, "start": subject.start, "end": subject.end, "entity_id": subject.entity_id,
                    "name_en": subject.name_en or subject.text, "role": ""}
    if coordinated and i == 0 and key in _CONTINUING and ctx.last_speaker is not None:
        return ctx.last_speaker
    if prev == "ما" and not rows:  # "وأدانا ما زعما أنه ...": the subject of the sentence
        subject = _sentence_subject(tokens, mentions, tokens[i].start)
        if subject is not None:
            return {"text": subject.text, "start": subject.start, "end": subject.end, "entity_id": subject.entity_id,
                    "name_en": subject.name_en or subject.text, "role": ""}
    return None


_PREPOSITIONS = statement_words("prepositions")


def _sentence_subject(tokens, mentions, before: int) -> Mention | None:
    """The sentence's subject before ``before``: its first person, else its first name not after a preposition."""
    earlier = [m for m in mentions if m.start < before and m.type in ("PER", "ORG", "GPE")]
    person = next((m for m in earlier if m.type == "PER"), None)
    if person is not None:
        return person
    mentions_at = _mention_index(tokens, earlier)
    for idx, m in sorted(mentions_at.items()):
        if idx == 0 or tokens[idx - 1].key not in _PREPOSITIONS:
            return m
    return None


def _row(tokens, i, j, stance, cue, speaker, lead: int = 0) -> dict:
    """A statement found at tokens[i:j]; ``lead`` attached characters (و/ف) stay out of its span."""
    start, end = tokens[i].start + lead, tokens[j - 1].end
    return {"start": start, "end": end, "stance": stance, "speaker": speaker, "cue": cue,
            "kind": "source" if cue == "source" else "cue"}


def update_context(ctx: DocumentContext, mentions: list[Mention]) -> None:
    """Remember the last outlet named, for «الصحيفة» / «الموقع» / «وكالة الأنباء» later in the article."""
    for m in mentions:
        if _is_outlet(m):
            ctx.last_outlet = m
        if m.type == "ORG" and m.entity_id:
            for head in _body_heads(m.text):
                ctx.last_body[head] = m


@lru_cache(maxsize=65536)
def _body_heads(name: str) -> tuple[str, ...]:
    """The head nouns of ``_BODY_ANAPHORS`` an organisation's name contains ("لجنة خبراء ..." -> لجنه)."""
    words = match_key(normalize_text(name)).split()
    return tuple(head for head in _BODY_ANAPHORS.values() if head in words)
