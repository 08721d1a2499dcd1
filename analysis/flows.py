"""Directional transfers: who sends what to whom, read from the sentence.

A flow starts from a transfer cue (``data/lexicons/transfer_cues.csv``): *send* verbs and nouns
(أرسل، شحن، صادرات، تقاسم ...), *receive* ones (حصل على، استيراد، اشترى، استفاد من ...), *supply*
(تزويد X بـ Y: to X, what Y) and *block* (حق النقض، منعت فرض عقوبات: sanctions protection).
Direction comes from the sentence: «من X» (from), «إلى X» / «لـX» / «لمساعدة X» (to), the verb's
subject, and a nationality after the goods («الأصول الكورية الشمالية»: whose they are). A phrase
without a verb counts too: «المدفعية ... من كوريا الشمالية لروسيا», «صواريخ باليستية من كوريا الشمالية».
Actors are reported at country level (Pyongyang, Kim Jong Un -> North Korea) through the registry.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache

from .attribution import outlet_ids
from .entities import Mention, Token, country_by_code, registry
from .lexicons import (PRONOUN_SUFFIXES, RELATIVE_PRONOUNS, PhraseIndex, flow_words, function_words, match_key, nationality_at,
                       past_tense_forms,
                       nationality_keys, phrase_key, roles_by_key, word_keys)
from .normalize import normalize_text
from .resources import load_table

_ANAPHORS = {"الشمال": "north_korea", "الجنوب": "south_korea"}  # "من الشمال إلى روسيا" in Korea coverage
_REQUEST = flow_words("request")
_INTEND = flow_words("intend")
_PLAN = _INTEND | flow_words("plan")
_CAP = flow_words("cap")
_PROHIBIT = flow_words("prohibit")
_STOP = flow_words("stop")
_GENERIC_GOODS = word_keys("expertise", "technology", "aid", "cargo", "money")
_STOPS = flow_words("stops")
_NEGATION = flow_words("negation")
_ALLEGED = flow_words("alleged")
_ACCUSED = flow_words("accused")
# Verbs whose first object is the receiver: "سلمت موسكو بيونغ يانغ أنظمة", "منحت روسيا كوريا الشمالية ..."
_DOUBLE_OBJECT = flow_words("double_object")
_MASDARS = flow_words("verbal_noun")
_NOT_NOUNS = flow_words("completes_verbal_noun") | _INTEND
_OWNED_BY = flow_words("owned_by")
# Hedges make a transfer alleged where they bear on it: just before the verb ("ربما زودت") or between the
# verb and the goods ("مرسلة ... يعتقد أنها تحتوي على ذخيرة"), not elsewhere in the sentence.
_HEDGES = flow_words("hedge")
_RANKED_NEXT = flow_words("ranked_next")
_ON_BOARD = flow_words("on_board")
_PERMIT = flow_words("permit")
_THAT_IT = flow_words("that_it")  # "أعلنت الوزارة أنها شحنت": the speaker acts
_USE = flow_words("use")
_PURPOSE = flow_words("purpose")
_BENEFICIARY = flow_words("beneficiary")
NOT_GOODS = "-"  # commodities.csv category of phrases that name no goods: "ناقلات النفط" (tankers), "أسعار النفط"
_BOUNDARY = word_keys(".", "؟", "!", "؛")
_DIACRITICS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0640"


@dataclass  # not frozen: made by the thousand per article, and a frozen one costs four times as much
class Flow:
    """A transfer: from whom, to whom, what (English category and Arabic words), how much, how sure."""

    sentence: int
    start: int
    end: int
    text: str
    from_text: str
    from_entity_id: str
    from_name_en: str
    to_text: str
    to_entity_id: str
    to_name_en: str
    commodity: str
    commodity_ar: str
    quantity_value: float | None
    quantity_value_max: float | None
    quantity_unit: str
    quantity_text: str
    status: str  # reported | alleged | denied | planned | requested | capped
    attribution: str
    direction_basis: str  # sentence | earlier sentence


@dataclass  # not frozen: made by the thousand per article, and a frozen one costs four times as much
class Actor:
    first: int  # token indexes [first, last]
    last: int
    entity_id: str  # country-level where the registry says whose it is
    name_en: str
    text: str
    kind: str  # mention | nationality | anaphor | accused (an unnamed accused agent)


@lru_cache(maxsize=None)
def _cues() -> dict[str, dict]:
    """One-word transfer cues by key; a past-tense verb also stands for its feminine, plural and dual forms."""
    cues = {match_key(normalize_text(r["cue_ar"])): r for r in load_table("lexicons/transfer_cues.csv")
            if " " not in r["cue_ar"]}
    for key, row in list(cues.items()):
        for form in past_tense_forms(key, row["english"]):
            cues.setdefault(form, row)
    return cues


@lru_cache(maxsize=None)
def _multiword_cues() -> dict[tuple[str, ...], dict]:
    return {phrase_key(r["cue_ar"]): r for r in load_table("lexicons/transfer_cues.csv") if " " in r["cue_ar"]}


@lru_cache(maxsize=None)
def _commodities() -> dict[tuple[str, ...], str]:
    """Commodity phrases as token keys -> category: each listed phrase, and the same words with or without
    the article and, when indefinite, in the accusative ("الصواريخ الباليستية" also reads "صواريخ باليستية",
    "صواريخا باليستيا"). A variant that is a transfer verb ("الشحن" -> "شحن") is left out."""
    listed = {phrase_key(r["phrase_ar"]): r["commodity"] for r in load_table("lexicons/commodities.csv")}
    out = dict(listed)
    cues = _cues()
    for phrase, commodity in listed.items():
        for variant in _article_variants(phrase):
            if variant not in out and not (len(variant) == 1 and variant[0] in cues):
                out[variant] = commodity
    return out


def _article_variants(phrase: tuple[str, ...]) -> list[tuple[str, ...]]:
    """A phrase's words with the article toggled (every combination), and its all-indefinite accusative."""
    options = []
    for word in phrase:
        if not word.isalpha() or len(word) < 3:
            options.append((word,))
        elif word.startswith("ال") and len(word) > 4:
            options.append((word, word[2:]))
        else:
            options.append((word, "ال" + word))
    variants = [()]
    for forms in options:
        variants = [v + (f,) for v in variants for f in forms]
    indefinite = tuple(o[-1] if o[0].startswith("ال") else o[0] for o in options)
    if not any(w.startswith("ال") for w in indefinite):
        variants.append(tuple(w + "ا" if w.isalpha() and len(w) > 2 and w[-1] not in "اهىءو" else w for w in indefinite))
    return variants


@lru_cache(maxsize=None)
def _countries() -> frozenset[str]:
    """Entity ids that stand for a country."""
    return frozenset(country_by_code().values())


def country_of(entity_id: str) -> str:
    """The country entity an entity belongs to (Pyongyang, Kim Jong Un -> north_korea); itself otherwise."""
    if "@" in entity_id:  # a composed body of a country: "ministry_defence@kuwait"
        return entity_id.split("@", 1)[1]
    entity = registry().get(entity_id)
    if entity is None:
        return entity_id
    if entity.type == "GPE" and entity_id in _countries():
        return entity_id
    return country_by_code().get(entity.country, entity_id)


def _name(entity_id: str, fallback: str) -> str:
    entity = registry().get(entity_id)
    return entity.name_en if entity else fallback


@lru_cache(maxsize=65536)
def _readings(key: str) -> tuple[tuple[str, int], ...]:
    """A token key and its readings without attached clitics (و ف ب ل, لل = ل + ال): (key, chars dropped)."""
    out = [(key, 0)]
    if len(key) > 2 and key[0] in "وف":  # also short words: "ولم", "ولن"
        out.append((key[1:], 1))
        key2 = key[1:]
        if len(key2) > 3 and key2[0] in "بل":
            out.append((key2[1:], 2))
    if len(key) > 3 and key[0] in "بل":
        out.append((key[1:], 1))
    if len(key) > 4 and key.startswith("لل"):
        out.append(("ال" + key[2:], 1))
    return tuple(out)


@lru_cache(maxsize=None)
def _place_heads() -> frozenset[str]:
    return frozenset(match_key(normalize_text(r["head_ar"])) for r in load_table("lexicons/place_heads.csv"))


def _nationality_country(tokens: list[Token], k: int) -> tuple[int, str] | None:
    """A nationality adjective of a country at token k ("الروسية", "الكوري الشمالي"): (tokens, country id)."""
    found = nationality_at(tokens, k)
    return (found[0], found[1]) if found and found[1] in _countries() else None


def _unlinked_country(tokens: list[Token], first: int, last: int) -> tuple[int, str]:
    """Whose an unlinked name is, from a nationality adjective ending it or right after it:
    "وزارة الزراعة الروسية", "ميناء دوناي الروسي" -> (last token, country id); (last, "") when none."""
    for k in range(max(first + 1, last - 2), last + 1):
        found = _nationality_country(tokens, k)
        if found and k + found[0] - 1 == last:
            return last, found[1]
    after = last + 1 + (last + 1 < len(tokens) and tokens[last + 1].text in _CLOSING_QUOTES)  # "“إيني” الإيطالية"
    found = _nationality_country(tokens, after)
    if found:
        return after + found[0] - 1, found[1]
    return last, ""


def _actors(tokens: list[Token], mentions: list[Mention]) -> list[Actor]:
    actors = []
    starts = [t.start for t in tokens]
    ends = [t.end for t in tokens]
    for m in mentions:
        if m.type not in ("PER", "ORG", "GPE", "LOC"):
            continue
        first = bisect_right(ends, m.start)  # the first token ending after the mention starts
        last = bisect_left(starts, m.end) - 1  # the last token starting before it ends
        if first > last:
            continue
        entity_id = country_of(m.entity_id) if m.entity_id else ""
        if not m.entity_id:  # a name the registry does not know may still say whose it is
            last, entity_id = _unlinked_country(tokens, first, last)
        if m.type == "LOC" and entity_id not in _countries():
            continue  # a river, a sea, a region: no party to a transfer
        if m.entity_id in outlet_ids():
            continue  # "ونقلت رويترز عن مصادر": a news outlet reports a transfer, it is no party to it
        kind = "mention"
        if first == last and first > 0 and tokens[first].key == "روسيا" and tokens[first - 1].key.endswith("ا") \
                and _commodity_readings(tokens[first - 1].key):
            kind = "nationality"  # "تلقت نفطا روسيا": روسيًّا, the adjective, is spelt as the country
        actors.append(Actor(first, last, entity_id, _name(entity_id, m.text), m.text, kind))
    covered = {k for a in actors for k in range(a.first, a.last + 1)}
    for k in [k for k, t in enumerate(tokens) if _may_be_actor(t.key)]:
        t = tokens[k]
        if k in covered:
            continue
        nationality = _nationality_country(tokens, k)
        if nationality is not None:
            n, entity_id = nationality
            actors.append(Actor(k, k + n - 1, entity_id, _name(entity_id, ""), " ".join(x.text for x in tokens[k:k + n]), "nationality"))
            covered.update(range(k, k + n))
        else:
            if t.key in _HIS_COUNTRY:
                # "وأعلنت أن بلادها سترسل": the country of the person or body named before
                person = max((m for m in mentions if m.end <= t.start and m.type in ("PER", "ORG") and m.entity_id
                              and country_of(m.entity_id) in _countries()),
                             key=lambda m: (m.type == "PER", m.end), default=None)
                if person is not None:
                    country = country_of(person.entity_id)
                    actors.append(Actor(k, k, country, _name(country, ""), t.text, "anaphor"))
                continue
            if t.key in ("البلاد", "البلد") and actors:
                # "رغم أن البلاد ما تزال تبيع": the country the sentence is about (its first name)
                first = min((a for a in actors if a.kind == "mention" and a.entity_id), key=lambda a: a.first, default=None) \
                    or min((a for a in actors if a.kind == "nationality" and a.first < k), key=lambda a: a.first, default=None)
                if first is not None:
                    actors.append(Actor(k, k, first.entity_id, first.name_en, t.text, "anaphor"))
                    continue
            entity_id = _anaphor(t.key)
            if entity_id and not (k + 1 < len(tokens) and tokens[k + 1].key in _nationality_firsts()):
                # «الجنوب الليبي» is the south of Libya, not South Korea
                actors.append(Actor(k, k, entity_id, _name(entity_id, ""), t.text, "anaphor"))
    return sorted(actors, key=lambda a: a.first)


@lru_cache(maxsize=None)
def _nationality_firsts() -> frozenset[str]:
    return frozenset(p[0] for p in nationality_keys())


_PEOPLE = frozenset({"workers", "troops", "citizens", "tourists", "students", "experts", "deminers", "refugees", "migrants",
                     "displaced people"})
_PLACED_IN = flow_words("placed_in")  # one country's people in another
_VISIT = flow_words("visit")
_CASUALTIES = flow_words("casualties")
_HIS_COUNTRY = flow_words("his_country")
_ACTOR_WORDS = frozenset({"البلاد", "البلد"}) | _HIS_COUNTRY


@lru_cache(maxsize=65536)
def _may_be_actor(key: str) -> bool:
    """Could a nationality adjective, "البلاد" or an anaphor ("الشمال") start at this token?"""
    return key in _nationality_firsts() or key in _ACTOR_WORDS or bool(_anaphor(key))


@lru_cache(maxsize=65536)
def _anaphor(key: str) -> str:
    """The country an anaphor token stands for ("الشمال": North Korea), with its clitics; else ""."""
    return next((_ANAPHORS[reading] for reading, _ in _readings(key) if reading in _ANAPHORS), "")


@lru_cache(maxsize=65536)
def _commodity_readings(key: str, teh_marbuta: bool = False) -> tuple[str, ...]:
    """The readings of a token key that start a commodity phrase. ``teh_marbuta``: the word ends in ة, which
    the key writes ه, so that ه is no pronoun ("عسكرية")."""
    firsts = _commodity_index().by_first
    readings = [reading for reading, _ in _readings(key)]
    for reading in list(readings):  # a possessive pronoun: "جنودها", "ذخيرته" (ة before it is written ت)
        sfx = next((sfx for sfx in PRONOUN_SUFFIXES if reading.endswith(sfx) and len(reading) - len(sfx) >= 3
                    and not (teh_marbuta and sfx == "ه")), None)
        if sfx:
            stem = reading[:-len(sfx)]
            readings += [stem, "ال" + stem] + ([stem[:-1] + "ه", "ال" + stem[:-1] + "ه"] if stem[-1] == "ت" else [])
    return tuple(dict.fromkeys(reading for reading in readings if reading in firsts))


@lru_cache(maxsize=65536)
def _cue_readings(key: str) -> tuple[tuple[str, int], ...]:
    """``_readings`` of a token, and of its verb without the future prefix س ("سترسل" -> "ترسل")."""
    out = list(_readings(key))
    for reading, dropped in _readings(key):
        if len(reading) > 4 and reading[0] == "س" and reading[1] in "يتن":
            out.append((reading[1:], dropped + 1))
    return tuple(out)


@lru_cache(maxsize=65536)
def _may_start_cue(key: str) -> bool:
    """Could a transfer cue start at this token (as a multi-word cue, or a single cue with a pronoun suffix)?"""
    firsts, cues = _multiword_cue_index().by_first, _cues()
    for reading, _ in _cue_readings(key):
        if reading in firsts or reading in cues:
            return True
        if any(reading.endswith(sfx) and len(reading) - len(sfx) >= 3 and reading[: -len(sfx)] in cues
               for sfx in PRONOUN_SUFFIXES):
            return True
    return False


@lru_cache(maxsize=None)
def _commodity_index() -> PhraseIndex:
    return PhraseIndex(_commodities())


@lru_cache(maxsize=None)
def _multiword_cue_index() -> PhraseIndex:
    return PhraseIndex(_multiword_cues())


def _commodity_at(tokens: list[Token], k: int, keys: list[str] | None = None) -> tuple[int, str] | None:
    """Longest commodity phrase at token k (its first word may carry a clitic): (n_tokens, category)."""
    keys = keys or [t.key for t in tokens]
    best = None
    for reading in _commodity_readings(keys[k], tokens[k].text.endswith("ة")):
        found = _commodity_index().longest(keys, k, reading)
        if found and (best is None or found[0] > best[0]):
            best = found
    return best


def _window_end(tokens: list[Token], i: int, limit: int = 24, asides: frozenset[int] = frozenset()) -> int:
    """End of the clause after a cue: a comma, «في مقابل», «بخلاف», a colon, or ``limit`` tokens. A date
    between two commas (``asides``: its tokens) is an aside: "تبرعت الكويت، أمس الخميس، بمبلغ ..." goes on."""
    k = i + 1
    while k < len(tokens) and k - i <= limit and (tokens[k].key not in _BOUNDARY or _decimal_point(tokens, k)) \
            and (tokens[k].key not in _STOPS or tokens[k].key == ":" and tokens[k - 1].key in _NAMELY):
        if tokens[k].key in ("،", ",") and k + 1 in asides:
            m = k + 1
            while m in asides:
                m += 1
            if m < len(tokens) and tokens[m].key in ("،", ","):
                k = m + 1
                continue
        if tokens[k].key in ("،", ","):
            if k + 1 < len(tokens) and tokens[k + 1].key in _INCLUDING:
                k = _window_end(tokens, k + 1, limit - (k + 1 - i))  # "70 حيوانا، بينها أسد ...، إلى حديقة":
                k += k < len(tokens) and tokens[k].key in ("،", ",")  # past the aside, the clause goes on
                continue
            if tuple(t.key for t in tokens[k + 1:k + 3]) not in _IN_ADDITION:
                break
            k += 2  # "...، إضافة إلى نحو مليون برميل من النفط": the list of goods goes on
        k += 1
    return k


_NAMELY = flow_words("namely")  # "لـ5 دول أفريقية هي: مصر ومدغشقر": the list goes on after the colon


def _in_return(tokens, i: int, lo: int) -> bool:
    """«في المقابل» opening the sentence or right after the cue: "في المقابل، حصلت ...", "سلمت في المقابل"."""
    return any(t.key in ("المقابل", "مقابل") for t in tokens[:min(i, 3)]) or any(t.key == "المقابل" for t in tokens[lo:lo + 2])


def _decimal_point(tokens, k: int) -> bool:
    """Is tokens[k] the point of a decimal ("1.5 مليون برميل": the tokenizer parts 1 . 5)?"""
    return 0 < k < len(tokens) - 1 and tokens[k].text in (".", "٫") and tokens[k - 1].text[-1:].isdigit() \
        and tokens[k + 1].text[:1].isdigit() and tokens[k - 1].end == tokens[k].start and tokens[k].end == tokens[k + 1].start


_PEOPLE_NOUNS = flow_words("people_nouns")
_SHARE = flow_words("share")
_PRICE_OF = flow_words("price_of")
_INCLUDING = flow_words("including")  # an aside listing what the goods include
_LIST_LINKS = flow_words("list_links")


def _list_link(tokens, k: int) -> bool:
    """Does tokens[k] only link two goods of one list ("، إضافة إلى كميات من")?"""
    return tokens[k].key in _LIST_LINKS or any(0 <= a and a + 1 < len(tokens) and (tokens[a].key, tokens[a + 1].key)
                                               in _IN_ADDITION for a in (k - 1, k))


_IN_ADDITION = {("اضافه", "الي"), ("بالاضافه", "الي"), ("فضلا", "عن"), ("الي", "جانب")}


def _commodities_in(tokens, lo, hi, actor_tokens, starts: list[int] | None = None) -> list[tuple[int, int, str]]:
    """Commodity phrases in tokens[lo:hi] outside actor names: (first token, end token, category).

    ``starts``: the sentence's tokens that may begin a commodity (``_commodity_starts``), when known."""
    if starts is None:
        starts = _commodity_starts(tokens)
    found = []
    keys = None
    k = lo
    for s in starts[bisect_left(starts, lo):]:
        if s >= hi:
            break
        if s < k or s in actor_tokens:
            continue
        keys = keys or [t.key for t in tokens]
        c = _commodity_at(tokens, s, keys)
        if c:
            if c[1] != NOT_GOODS:
                found.append((s, s + c[0], c[1]))
            k = s + c[0]
    return found


def _commodity_starts(tokens) -> list[int]:
    """Indexes of the tokens a commodity phrase may begin with."""
    return [k for k, t in enumerate(tokens) if (start := _may_start_commodity(t.key)) == 1
            or start == 2 and not t.text.endswith("ة")]


@lru_cache(maxsize=65536)
def _may_start_commodity(key: str) -> int:
    """0: no commodity starts with this key; 1: one does; 2: only if its final ه is a pronoun, not ة."""
    return 1 if _commodity_readings(key, True) else 2 if _commodity_readings(key) else 0


def _made_with(tokens, goods: tuple[int, int, str]) -> bool:
    """Goods named as what something makes: "تكنولوجيا لإنتاج المسيرات" transfers technology, not drones.
    Help in making them ("مساعدة في تطوير الأقمار الصناعية") transfers their technology: they stay."""
    k = goods[0] - 1
    return k >= 0 and any(reading in _PRODUCTION for reading, _ in _readings(tokens[k].key)) and not _help_in(tokens, k - 1)


def _helped(tokens, i: int, right_after: Actor | None) -> bool:
    """Is the name after a verbal noun of help the one helped: "مساعدة بيونغ يانغ على ...", "تتهم موسكو
    بمساعدة بيونغ يانغ في ..."? ("ومساعدة موسكو في إطلاق قمر": Moscow's help.)"""
    if right_after is None or right_after.kind != "mention" or right_after.last + 1 >= len(tokens):
        return False
    after, cue = tokens[right_after.last + 1].key, tokens[i].key
    return _is_help(cue) and (after == "علي" or after == "في" and cue[0] in "بل")


_HELP_VERBS = flow_words("help_verb")
_CLOSING_QUOTES = frozenset({'"', "”", "»"})
_OPENING_QUOTES = frozenset({'"', "“", "«"})


def _helps_object(tokens, i: int, right_after: Actor) -> bool:
    """Is the name right after a verb of help its object: "روسيا "ستساعد" كوريا الشمالية في بناء ..."?
    (The subject came before the verb; what the help is in follows with في or على.)"""
    if right_after.kind != "mention" or right_after.last + 1 >= len(tokens):
        return False
    return tokens[right_after.last + 1].key in ("في", "علي") \
        and any(r in _HELP_VERBS for r, _ in _cue_readings(tokens[i].key))


def _hands_over(tokens, actors, i: int, right_after: Actor) -> bool:
    """Is «تسلم» the present tense of «سلّم» (hands over) rather than «تسلّم» (received)? Then it takes two
    objects: a name right before it and one right after ("موسكو تسلم بيونغ يانغ ..."), or two names in a row
    after it ("تسلم روسيا كوريا الشمالية ...")."""
    if not any(r == "تسلم" for r, _ in _readings(tokens[i].key)) or right_after.kind != "mention":
        return False
    fronted = any(a.last == i - 1 and a.kind == "mention" for a in actors)
    second = _actor_at(actors, right_after.last + 1)
    return fronted or second is not None and second.kind == "mention"


def _permitted(tokens, actors, i: int) -> Actor | None:
    """Who is allowed to do what the cue says: "يسمح لكوريا الشمالية باستيراد", "قد يسمح لبيونغ يانغ بتصدير"."""
    return next((a for a in actors if i - 3 <= a.last < i and tokens[a.first].key.startswith("ل")
                 and any(t.key in _PERMIT for t in tokens[max(0, a.first - 2):a.first])), None)


def _help_received(tokens, i: int, keys) -> bool:
    """Is the help at tokens[i] what a verb before it receives ("حصلت كوريا الشمالية على مساعدة روسية")?
    Then it is that verb's object, not a second transfer."""
    if not _is_help(keys[i]):
        return False
    return any((_cue_at(tokens, k, keys)[0] or {}).get("role") == "receive" for k in range(max(0, i - 5), i))


def _helper(tokens, actors, lo: int, goods) -> list[Actor]:
    """Whose help is received, by nationality: "حصلت على مساعدة روسية في تطوير الأقمار الصناعية" (from Russia)."""
    end = goods[0][0] if goods else lo
    return [a for a in actors if lo < a.first <= end and a.kind == "nationality"
            and _is_help(tokens[a.first - 1].key)][:1]


def _subject_of_technology(tokens, goods: tuple[int, int, str], listed) -> bool:
    """Goods named as what technology is about: "تكنولوجيا تتعلق بالصواريخ الباليستية", "تقنيات في مجال
    الصواريخ" transfer technology, not missiles. (Help "في مجال الغواصات" keeps its subject: see ``_help_in``.)"""
    k = goods[0] - 1
    if k < 1 or not any(r in _ABOUT for r, _ in _readings(tokens[k].key)):
        return False
    return any(g[2] in _TECHNOLOGY and 0 <= k - g[1] <= 1 and not _is_help(tokens[g[0]].key) for g in listed)


_ABOUT = flow_words("about")
_TECHNOLOGY = frozenset({"technology", "military technology"})


def _help_in(tokens, k: int) -> bool:
    """Is tokens[k] the «في»/«على» of "مساعدة في" (help in), "مساعدة بيونغ يانغ على" (help Pyongyang to)?"""
    return 0 < k < len(tokens) and tokens[k].key in ("في", "علي") \
        and any(_is_help(t.key) for t in tokens[max(0, k - 4):k])


def _is_help(key: str) -> bool:
    """Is a token (with its clitics) a word of help ("مساعدة", "بمساعدة", "الدعم")?"""
    return any(r in _HELP for r, _ in _readings(key))


_HELP = flow_words("help")


def _holds(tokens, goods: tuple[int, int, str], listed) -> bool:
    """Containers of other goods: "20 ألف حاوية من الذخائر", "حاوية ذخيرة", "حاويات تضم قذائف" ship
    munitions, counted in containers."""
    if goods[2] != "cargo containers":
        return False
    k = goods[1]
    if k < len(tokens) and tokens[k].key in _HOLDING:
        k += 2 if k + 1 < len(tokens) and tokens[k + 1].key == "علي" else 1  # "تحتوي على"
    elif k < len(tokens) and tokens[k].key == "من":
        k += 1
    return any(g[0] == k and g[2] not in _GENERIC_GOODS for g in listed)  # "حاوية من البضائع": containers


def _counts_goods(tokens, quantity_end: int, g0: int) -> bool:
    """Does a quantity ending at ``quantity_end`` count the goods starting at token g0, given the words
    between them? "20 ألف حاوية من الذخائر", "13 ألف حاوية ذخيرة", "1000 حاوية تضم قذائف"; not "ملايين
    الصواريخ وقذائف المدفعية", where و starts the next goods."""
    k = g0
    while k > 0 and tokens[k - 1].start >= quantity_end:
        k -= 1
    words = [t.key for t in tokens[k:g0]]
    if not words:
        goods_key = tokens[g0].key
        return not (goods_key.startswith("و") and _commodity_readings(goods_key[1:]))
    return words in (["من"], ["تحتوي", "علي"]) or (len(words) == 1 and words[0] in _HOLDING)


_HOLDING = flow_words("holding")


_PRODUCTION = flow_words("production")


def _specific(goods: list[tuple[int, int, str]], keep=()) -> list[tuple[int, int, str]]:
    """"شحنات الذخيرة", "الخبرة ... تكنولوجيا الأقمار الصناعية": a generic word gives way to specific goods
    (except the goods in ``keep``)."""
    specific = [g for g in goods if g[2] not in _GENERIC_GOODS or g in keep]
    return specific or goods


def _object_goods(tokens, lo, hi, actor_tokens, quantity_tokens, goods=None) -> list[tuple[int, int, str]]:
    """The goods a cue governs: the first list of commodities, starting within a few words of the cue.

    ``goods``: the commodities of tokens[lo:hi] when the caller has them."""
    goods = _commodities_in(tokens, lo, hi, actor_tokens) if goods is None else goods
    if not goods:
        return []
    gap = sum(1 for k in range(lo, goods[0][0]) if k not in actor_tokens and k not in quantity_tokens
              and tokens[k].key not in ("الي", "من", "علي", "مزيد", "ب"))
    if gap > 4:
        return []
    group = [goods[0]]
    for g in goods[1:]:  # a quantity between two goods does not part them: "صاروخ وأكثر من 200 مدفع"
        if sum(1 for k in range(group[-1][1], g[0]) if k not in quantity_tokens and not _list_link(tokens, k)) <= 3:
            group.append(g)
        else:
            break
    return group


def _actor_at(actors: list[Actor], k: int) -> Actor | None:
    return next((a for a in actors if a.first == k), None)


def _is_masdar(key: str) -> bool:
    """Is a cue token a verbal noun ("نقل", "بإرسال"), whose agent the sentence may not name?"""
    return any(r in _MASDARS for r, _ in _readings(key))


def _is_title(key: str) -> bool:
    """Is a token (with its clitics) a role word: "للرئيس", "لوزير"? ("لقرارات", "للقتال" are not.)"""
    firsts = _role_first_words()
    return any(r in firsts or r.startswith("ال") and r[2:] in firsts for r, _ in _readings(key))


@lru_cache(maxsize=None)
def _role_first_words() -> frozenset[str]:
    return frozenset(k[0] for k in roles_by_key())


def _site_before_place(tokens, actors, j: int, hi: int) -> int:
    """The «في» after a site of up to three words that names its place: "مصنع في ألابوغا", "حديقة الحيوانات
    المركزية في بيونغ يانغ" (its index; 0 when none)."""
    for k in range(j + 1, min(hi - 1, j + 4)):
        if tokens[k].key == "في":
            site = all(_actor_at(actors, m) is None and tokens[m].key not in _BOUNDARY and tokens[m].key not in ("،", ",")
                       for m in range(j, k))
            return k if site and not _commodities_in(tokens, j, k, set()) else 0  # "على ذخائر ... في أوكرانيا": goods
    return 0


_GROUP_NOUNS = flow_words("group_nouns")


def _group_list(tokens, j: int, hi: int) -> int:
    """Where the list begins after "[number] دول [adjective] هي :" at token j (0 when there is none)."""
    k = j + (j < hi and tokens[j].text[:1].isdigit())
    if not (k < hi and tokens[k].key in _GROUP_NOUNS):
        return 0
    for m in range(k + 1, min(hi, k + 4)):
        if tokens[m].key in _NAMELY:
            return m + 1 + (m + 1 < hi and tokens[m + 1].key == ":")
    return 0


def _parallel_receivers(tokens, actors, hi: int, limit: int = 8) -> list[Actor]:
    """Receivers listed after the clause, each with its share: "... لمصر، و100 ألف لكينيا، و50 ألف طن لمدغشقر"."""
    out = []
    k = hi
    while k + 1 < len(tokens) and tokens[k].key in ("،", ",") and tokens[k + 1].key.startswith("و"):
        nxt = next((m for m in range(k + 1, min(len(tokens), k + limit)) if tokens[m].key in ("،", ",") or tokens[m].key in _BOUNDARY),
                   min(len(tokens), k + limit))
        found = [a for a in actors if k < a.first < nxt and a.kind == "mention" and tokens[a.first].key.startswith(("ل", "ول"))
                 and _prefixed(tokens, a)]
        if len(found) != 1 or any(_may_start_cue(tokens[m].key) and _cue_at(tokens, m)[0] for m in range(k + 1, found[0].first)):
            break
        out.append(found[0])
        k = nxt
    return out


def _after_marker(tokens, actors, lo, hi, markers: tuple[str, ...]) -> list[Actor]:
    """Actors introduced by a preposition in [lo, hi): "إلى X"; "إلى دول مثل X وY"; a ل attached to X."""
    out = []
    k = lo
    while k < hi:
        key = tokens[k].key
        if key in markers:
            j = k + 1
            if j < hi and tokens[j].key in ("دول", "دوله") and j + 1 < hi and tokens[j + 1].key == "مثل":
                j += 2
            elif _group_list(tokens, j, hi):
                j = _group_list(tokens, j, hi)  # "لـ5 دول أفريقية هي: مصر ومدغشقر": the countries listed
            elif j + 1 < hi and tokens[j].key in _place_heads() and _actor_at(actors, j) is None:
                j += 1  # "من ميناء راجين إلى ميناء دوناي الروسي": the port's name
            elif j + 2 < hi and _actor_at(actors, j) is None and tokens[j + 1].text in _OPENING_QUOTES:
                j += 2  # "إلى شركة “إيني” الإيطالية": the company's name
            elif _actor_at(actors, j) is None and _site_before_place(tokens, actors, j, hi):
                j = _site_before_place(tokens, actors, j, hi)  # "إلى مصنع في ألابوغا": the place the site is in
            elif j + 1 < hi and _actor_at(actors, j) is None and (tokens[j].key,) in roles_by_key():
                # "من الزعيم الكوري الشمالي كيم جونغ أون": the person the title names
                j = next((a.first for a in actors if j < a.first <= j + 4 and a.kind == "mention"), j)
            if j + 1 < hi and tokens[j].key == "في" and _actor_at(actors, j + 1) is not None:
                j += 1
            elif j + 1 < hi and tokens[j].key == "جانب" and k > 0 and tokens[k - 1].key in _FIGHT:
                j += 1  # "للقتال إلى جانب القوات الروسية": whose side the troops fight on gets them
            a = _actor_at(actors, j)
            while a is not None:
                out.append(a)
                j = a.last + 1
                a = _actor_at(actors, j + 1) if j < hi and tokens[j].key in ("و",) else None
                if a is None and j < hi and tokens[j].key.startswith("و"):
                    a = _actor_at(actors, j)
            k = j
            continue
        if "ل" in markers and key.startswith("ل") and key not in _PURPOSE:
            a = _actor_at(actors, k)
            if a is not None and a.kind != "nationality" and (not normalize_text(a.text).startswith("ل")
                                                             or normalize_text(a.text).startswith("لل")):  # "للقوات الروسية"
                out.append(a)
            elif a is None and k + 1 < hi and any(r in _PEOPLE_NOUNS for r, _ in _readings(key)) \
                    and _actor_at(actors, k + 1) is not None and _actor_at(actors, k + 1).kind == "nationality":
                out.append(_actor_at(actors, k + 1))  # "لضباط كوريين شماليين", "للقوات الروسية": whose people
                k += 1
            elif a is None and len(key) > 3 and _is_title(key):  # "للرئيس الروسي فلاديمير بوتين": ل on a title
                a = next((a for a in actors if k < a.first <= k + 3 and a.kind == "mention"), None) \
                    or next((a for a in actors if k < a.first <= k + 1), None)
                if a is not None:
                    out.append(a)
                    k = a.last
        k += 1
    return out




_FIGHT = flow_words("fight")


def _prefixed(tokens, actor: Actor) -> bool:
    """True when a preposition (ب / ل) is attached to the name: "لبيونغ يانغ", "بموسكو" (not "بيونغ يانغ")."""
    first_word = match_key(normalize_text(actor.text.split()[0])) if actor.text.split() else ""
    token = tokens[actor.first].key
    return token != first_word and token.endswith(first_word) and token[: len(token) - len(first_word)][-1:] in ("ب", "ل")


_OBJECT_MARKERS = flow_words("object_markers")


def _joined_by_wa(tokens, a: Actor) -> bool:
    """Does the actor's first token carry a و of its own ("وميناء", "ووونسان"; not "وونسان" alone)?"""
    text, first_word = tokens[a.first].text, a.text.split()[0] if a.text.split() else ""
    return len(text) > len(first_word) and text.endswith(first_word) and text.startswith("و")


def _second_object(tokens, actors, a: Actor) -> bool:
    """Is the actor joined by و to a preposition's object a few words before ("بين X الكوري الشمالي وY")?"""
    for k in range(a.first - 1, max(-1, a.first - 7), -1):
        if tokens[k].key in ("،", ",", ".") or _cue_at(tokens, k)[0]:
            return False
        if tokens[k].key in _OBJECT_MARKERS:
            return any(k < b.first < a.first for b in actors)
    return False


def _subject_before(tokens, actors, i, exclude: set[int]) -> Actor | None:
    """The nearest actor before the cue that is no preposition's object nor a nationality adjective;
    after a relative pronoun («والذي كان يتبرع»), the name the pronoun stands for."""
    rel = next((k for k in range(i - 1, max(-1, i - 4), -1) if tokens[k].key in RELATIVE_PRONOUNS), None)
    if rel is not None:
        antecedent = max((a for a in actors if a.last < rel and rel - a.last <= 4), key=lambda a: a.last, default=None)
        if antecedent is not None:
            return antecedent
    if i > 1 and tokens[i - 1].key in _THAT_IT:
        # "أعلنت وزارة الزراعة الروسية أنها شحنت": the name just before «أنها» ships (its speaker too);
        # "أبلغت روسيا لجنة العقوبات بأنها صدّرت": a speaker before that name told it, and ships
        adjacent = next((a for a in actors if a.last == i - 2 and a.kind == "mention"), None)
        if adjacent is not None and adjacent.first in exclude:
            return adjacent
        if adjacent is not None:
            return max((a for a in actors if a.first in exclude and a.last < adjacent.first and a.kind == "mention"),
                       key=lambda a: a.last, default=adjacent)
    for a in sorted((a for a in actors if a.last < i and a.kind != "nationality"), key=lambda a: -a.last):
        if a.first in exclude:
            continue
        prev = tokens[a.first - 1].key if a.first else ""
        if prev in _OBJECT_MARKERS or a.kind == "mention" and _prefixed(tokens, a):
            continue
        if prev in _place_heads() and a.first > 1 and tokens[a.first - 2].key in _OBJECT_MARKERS:
            continue  # "بين ميناء راجين": the port's name
        if _joined_by_wa(tokens, a) and _second_object(tokens, actors, a):
            continue  # "بين ميناء راجين الكوري الشمالي وميناء فوستوتشني الروسي": the preposition's second object
        if any(r in _OWNED_BY for r, _ in _readings(prev)):
            continue  # "سقف الأمم المتحدة لصادرات النفط", "قرار مجلس الأمن": whose cap or resolution, not who acts
        return a
    # no name: a nationality adjective can say who acts ("المسؤولون الروس"), unless it describes a name
    # ("ميناء فوستوتشني الروسي")
    named = {a.last + 1 for a in actors if a.kind == "mention"}
    return max((a for a in actors if a.last < i and a.kind == "nationality" and a.first not in named),
               key=lambda a: a.last, default=None)


def _with_bi(tokens, lo, k, actor_tokens) -> bool:
    """Does the goods phrase at token k take بـ, on itself or on a number before it, after token lo?
    ("بالنفط", "بأكثر من مليون قذيفة", "بـ 500 ألف برميل")"""
    for idx in range(lo, k + 1):
        key = tokens[idx].key
        if idx not in actor_tokens and (key in ("ب", "بـ") or key.startswith(("ب", "وب")) and len(key) > 2):
            return True
    return False


def _accused_agent(tokens, actors, i) -> Actor | None:
    """"سفن وشركات روسية متهمة بنقل النفط": the accused, named or known by a nationality, right before.
    Accused but unnamed ("سفن متهمة بتسهيل نقل"): an Actor with no country, so that no one else is taken."""
    k = next((k for k in (i - 1, i - 2) if k >= 0 and tokens[k].key in _ACCUSED), None)
    if k is None:
        return None
    named = max((a for a in actors if k - 4 <= a.last < k), key=lambda a: a.last, default=None)
    return named or Actor(k, k, "", "", "", "accused")


_ARRIVE = flow_words("arrive")


@lru_cache(maxsize=65536)
def _arrives(key: str) -> bool:
    return any(r in _ARRIVE for r, _ in _readings(key))


def _arrival(tokens, actors) -> Actor | None:
    """Where something arrived: "وصل إلى ميناء راجين قطار ... يحمل 30 حاوية" -> the port's country."""
    for k, t in enumerate(tokens):
        if _arrives(t.key):
            for j in (k + 1, k + 2):
                if j < len(tokens) and tokens[j].key in ("الي", "في"):
                    a = _actor_at(actors, j + 1) or (_actor_at(actors, j + 2) if tokens[j + 1:j + 2]
                                                     and tokens[j + 1].key in _place_heads() else None)
                    if a is not None and a.entity_id:
                        return a
    return None


def _antecedent_goods(tokens, i, actor_tokens, starts) -> list[tuple[int, int, str]]:
    """Goods right before «التي/الذي» when the cue after it carries an object pronoun ("باعتها", "أرسلها")."""
    key = tokens[i].key
    if i < 2 or tokens[i - 1].key not in RELATIVE_PRONOUNS or not key.endswith(PRONOUN_SUFFIXES) or key in _cues():
        return []
    goods = _commodities_in(tokens, max(0, i - 6), i - 1, actor_tokens, starts)
    return [goods[-1]] if goods and goods[-1][1] == i - 1 else []


def _masdar_of_noun(tokens, i, actor_tokens) -> bool:
    """A verbal noun in construct after a plain noun ("شبكات تهريب", "عمليات نقل"): the noun is its agent.
    With a preposition attached it is no construct ("اتهامات بتزويد", "تخطط لتوريد"): the subject acts."""
    if i == 0 or i - 1 in actor_tokens or tokens[i].key not in _MASDARS:
        return False
    prev = tokens[i - 1].key
    return prev.isalpha() and len(prev) > 3 and not prev.startswith("ال") and prev not in _NOT_NOUNS \
        and not any(r in _cues() or r in _MASDARS for r, _ in _readings(prev))


def _status(tokens, i, sentence_stances) -> str:
    """capped (يُسمح بـ), requested (ترغب في), conditional (إذا، لو، في حال), planned (تخطط، اتفاق يقضي، قد + verb,
    future), denied (لم، نفت), alleged (inside an accusation or claim, اتهامات، المشتبه), else reported."""
    near = {r for t in tokens[max(0, i - 6):i + 1] for r, _ in _readings(t.key)}
    before = {r for t in tokens[max(0, i - 3):i] for r, _ in _readings(t.key)}  # "ولم ترسل": لم
    keys = {t.key for t in tokens}
    if near & _CAP:
        # "قد يسمح الجسر لبيونغ يانغ بتصدير ...": a possibility, not a quota
        return "planned" if any(t.key == "قد" and tokens[k + 1].key in _PERMIT
                                for k, t in enumerate(tokens[max(0, i - 7):i], max(0, i - 7))) else "capped"
    if near & _REQUEST:
        return "requested"
    if _conditional(tokens, i):
        return "conditional"
    cue = tokens[i].key
    future = any(len(r) > 3 and r[0] == "س" and r[1] in "يتن" for r, _ in _readings(cue))  # "سترسل", "وسيرسل"
    if _may_have(tokens, i):
        return "alleged"  # "قد تكون سلمت": may have delivered
    if near & _RULE_OUT:  # "استبعدت سيول تزويد ...": ruled out; "لا تستبعد تزويد": not ruled out, possible
        return "planned" if near & _NEGATION else "denied"
    if near & _PLAN or future or _may(tokens, i):
        return "planned"
    if before & _NEGATION or keys & _BASELESS_WORDS and _called_baseless(tokens):
        return "denied"
    if near & _HEDGES:
        return "alleged"
    if keys & _ALLEGED or sentence_stances & {"claims", "accuses"}:
        return "alleged"
    return "reported"




def _conditional(tokens, i) -> bool:
    """Is the transfer at tokens[i] inside a condition or its answer: "إذا أرسلت كوريا الشمالية قوات ...،
    فسنراجع موقفنا من تقديم أسلحة", "في حال قررت ..."? (A bare «حال» is read as one only after «في».)"""
    for k in range(max(0, i - 14), i):
        readings = {r for r, _ in _readings(tokens[k].key)}
        if readings & {"اذا", "لو"} or readings & {"حال", "حاله"} and k > 0 and tokens[k - 1].key in ("في", "وفي"):
            return True
    return False


def _called_baseless(tokens) -> bool:
    """Is the report called untrue in its own sentence ("الاتهامات ... لا أساس لها", "عارية عن الصحة")?"""
    return any((a.key, b.key) in _BASELESS for a, b in zip(tokens, tokens[1:]))


_BASELESS = {("لا", "اساس"), ("عاريه", "عن"), ("عار", "عن"), ("لا", "صحه"), ("مجرد", "تكهنات"), ("مجرد", "اكاذيب")}
_BASELESS_WORDS = frozenset(b for _, b in _BASELESS)


def _may(tokens, i) -> bool:
    """«قد» before an imperfect verb: "قد ترسل" (may send); before a perfect one it is no hedge ("قد استخدمت")."""
    for k in range(max(0, i - 3), i):
        if any(r == "قد" for r, _ in _readings(tokens[k].key)):
            verb = tokens[k + 1].key
            return len(verb) > 2 and verb[0] in "يتن" and not verb.endswith(("ت", "وا"))
    return False


_RULE_OUT = flow_words("rule_out")
_BE = flow_words("be")


def _may_have(tokens, i) -> bool:
    """«قد تكون» + a perfect verb: "قد تكون سلمت موسكو" (may have delivered), a hedge on a past transfer."""
    return any(any(r == "قد" for r, _ in _readings(tokens[k].key)) and tokens[k + 1].key in _BE
               for k in range(max(0, i - 3), i - 1))


def _prohibited(tokens, i) -> bool:
    """A ban on the transfer, not a transfer: "مُنعت بيونغ يانغ ... من بيع الأسلحة", and a bare verbal
    noun as what a ban forbids ("يحظر قرار مجلس الأمن رقم 2270 تصدير السيارات الفاخرة")."""
    if i > 0 and tokens[i - 1].key == "من":
        return any(t.key in _PROHIBIT for t in tokens[max(0, i - 12):i])
    if tokens[i].key not in _MASDARS:
        return False
    if i > 0 and any(r in _STOP for r, _ in _readings(tokens[i - 1].key)):
        return True
    for t in reversed(tokens[max(0, i - 8):i]):
        if t.key in _BOUNDARY or t.key in ("،", ","):
            return False
        if any(r in _PROHIBIT for r, _ in _readings(t.key)):
            return True
    return False


def find_flows(tokens: list[Token], mentions: list[Mention], quantities: list, attributions: list,
               attribution_ids: list[str], sentence: int, original: str, previous: list[Flow],
               dates: list = ()) -> list[Flow]:
    """Transfers in one sentence; ``previous`` flows of the article supply a missing counterpart.

    ``attributions`` are the sentence's statements (their ids in ``attribution_ids``): a flow inside an
    accusation or claim is *alleged*, and points to the statement behind it. The sentence's ``dates``
    do not part a verb from its goods ("زودت روسيا منذ أغسطس/آب 2023 بالذخائر").
    """
    if not any(_may_matter(t.key) for t in tokens) and not (quantities and any(t.key in _nationality_firsts() for t in tokens)):
        return []  # no transfer word, no goods, no counted nationals: nothing to read (most sentences)
    actors = _actors(tokens, mentions)
    actor_tokens = {k for a in actors for k in range(a.first, a.last + 1)}
    stances = {a.stance for a in attributions}
    statements = list(zip((a.start for a in attributions), attribution_ids))
    found: list[dict] = []
    used_commodity_tokens: set[int] = set()
    speakers = {k for a in attributions for k, t in enumerate(tokens)
                if a.speaker_start is not None and t.start >= a.speaker_start and t.end <= (a.speaker_end or 0)}
    if tokens[-1].text in ("؟", "?"):
        return []  # a question ("هل تحاول روسيا عرقلة العقوبات؟") reports no transfer
    keys = [t.key for t in tokens]
    cue_starts = [k for k, key in enumerate(keys) if _may_start_cue(key)]
    starts = _commodity_starts(tokens)
    not_goods = actor_tokens | speakers  # "نقلت يونهاب عن مسؤول عسكري": the speaker's words name no goods
    sentence_goods = _commodities_in(tokens, 0, len(tokens), not_goods, starts)
    goods_tokens = {k for g in sentence_goods for k in range(g[0], g[1])}
    quantity_tokens = {k for q in list(quantities) + list(dates) for k, t in enumerate(tokens)
                       if t.start >= q.start and t.end <= q.end}
    measure_tokens = {k for q in quantities for k, t in enumerate(tokens) if t.start >= q.start and t.end <= q.end}
    date_tokens = frozenset(quantity_tokens - measure_tokens)
    n = len(tokens)
    i = 0
    for start in cue_starts:  # no cue can start on the other tokens
        if start < i:
            continue  # inside what was read from an earlier cue
        i = start
        cue, cue_len = _cue_at(tokens, i, keys)
        if cue is None or i in goods_tokens or _prohibited(tokens, i) or _help_received(tokens, i, keys):
            i += 1
            continue
        role = cue["role"]
        hi = _window_end(tokens, i + cue_len - 1, asides=date_tokens)
        lo = i + cue_len
        # the goods after a second, coordinated transfer verb are that verb's ("تساعد اقتصاد ... وتوفر الأسلحة")
        hi = next((k for k in cue_starts[bisect_right(cue_starts, lo - 1):] if k < hi and keys[k][0] == "و"
                   and k not in goods_tokens and _cue_at(tokens, k, keys)[0]), hi)
        window_goods = _commodities_in(tokens, lo, hi, not_goods, starts)
        all_goods = _object_goods(tokens, lo, hi, actor_tokens, quantity_tokens, window_goods)
        antecedent = _antecedent_goods(tokens, i, actor_tokens, starts)
        if antecedent:  # "الأسلحة التي باعتها كوريا الشمالية لروسيا": what the pronoun on the verb stands for
            all_goods = window_goods = antecedent
        # "لإغاثة النازحين": the people a purpose helps are no goods
        all_goods = [g for g in all_goods if not (g[0] > 0 and tokens[g[0] - 1].key in _PURPOSE)]
        paid_for = [g for g in all_goods if g[0] > 0 and tokens[g[0] - 1].key in _PRICE_OF]
        all_goods = [g for g in all_goods if g not in paid_for]  # "دفعت جزءا من ثمن الذخائر": bought, not sent
        kept = [g for g in all_goods if not _made_with(tokens, g) and not _holds(tokens, g, all_goods)
                and not _subject_of_technology(tokens, g, all_goods)] or all_goods
        # "مساعدة في تطوير الأقمار الصناعية": the help for what is made is the goods, generic or not
        governing = [g for g in kept if any(0 <= m[0] - g[1] <= 3 for m in all_goods if m not in kept)]
        goods = _specific(kept, governing)
        if role == "block":
            goods = [(i, i + cue_len, "sanctions protection (veto)")] if _mentions_sanctions(tokens, i, hi) else []
        elif role == "supply" and goods and not _with_bi(tokens, lo, all_goods[0][0], actor_tokens):
            goods = []  # تزويد X بـ Y: what is supplied takes بـ ("لتزويد ترسانة تشمل ... مدفعية" supplies no one)
        amount_at = None  # the token of the amount that goes with goods named before the verb
        if not goods and role in ("send", "receive") and not antecedent:
            goods = _elliptical_goods(tokens, i, lo, hi, measure_tokens, sentence_goods)
            amount_at = next((k for k in range(lo, min(lo + 2, hi)) if k in measure_tokens), None) if goods else None
        if not goods:
            i += cue_len
            continue
        to = _after_marker(tokens, actors, lo, hi, ("الي", "ل", "لـ")) or _purpose_targets(tokens, actors, lo, hi) \
            or _beneficiaries_in(tokens, actors, lo, hi)
        if to:
            to = to + _parallel_receivers(tokens, actors, hi)
        if not to and any(r in _SHARE for r, _ in _cue_readings(tokens[i].key)):
            to = _after_marker(tokens, actors, lo, hi, ("مع",))  # "تقاسم روسيا التكنولوجيا مع كوريا الشمالية"
        source = _after_marker(tokens, actors, lo, hi, ("من",))
        on = _after_marker(tokens, actors, lo, hi, ("علي", "ضد"))
        owner = _owner(actors, all_goods if role != "block" else [], tokens)
        right_after = _actor_at(actors, lo + 1 if lo < n and tokens[lo].text in _CLOSING_QUOTES else lo)
        if right_after is not None and _prefixed(tokens, right_after):
            right_after = None  # "دفعت لبيونغ يانغ": a preposition's object, not the verb's subject
        if role == "receive" and right_after is not None and _hands_over(tokens, actors, i, right_after):
            role = "send"  # "موسكو تسلم بيونغ يانغ منظومات": تُسلِّم (hands over), not تَسلَّم (received)
        double = role == "send" and any(r in _DOUBLE_OBJECT or r == "تسلم" for r, _ in _cue_readings(tokens[i].key))
        if double and right_after is None and lo + 1 < n and (tokens[lo].key,) in roles_by_key():
            right_after = _actor_at(actors, lo + 1)  # "أهدى الزعيم الكوري الشمالي سيارة": a title, then whose
        accused = _accused_agent(tokens, actors, i)
        before = _subject_before(tokens, actors, i, speakers)
        if accused is not None:
            subject = accused  # "شركات روسية متهمة بنقل النفط": the accused ship it
        elif _helped(tokens, i, right_after):
            subject = before  # "تتهم موسكو بمساعدة بيونغ يانغ على تطوير صواريخها": whom it helps comes after
            to = to or [right_after]
        elif before is not None and right_after is not None and _helps_object(tokens, i, right_after):
            subject = before  # "روسيا ستساعد كوريا الشمالية في بناء الأقمار": the verb's object is helped
            to = to or [right_after]
        elif double and right_after is not None and (right_after.kind == "mention" or right_after.first == lo + 1):
            second = _actor_at(actors, right_after.last + 1)
            if before is not None and i - before.last <= 3:
                subject = before  # "موسكو ربما سلمت بيونغ يانغ أنظمة": whom it was given to comes first
                to = to or [right_after]
            else:
                subject = right_after  # "سلمت روسيا كوريا الشمالية أنظمة": the giver, then whom to
                to = to or ([second] if second is not None and second.kind == "mention" else [])
        elif right_after is not None and right_after.kind in ("mention", "anaphor") and (role in ("send", "receive", "block") or
                                                                         role == "supply" and _actor_at(actors, right_after.last + 1)):
            subject = right_after  # verb first: "أرسلت كوريا الشمالية إلى روسيا", "بتقاسم روسيا ..."
        elif right_after is not None and right_after.kind == "nationality" and role in ("send", "receive") \
                and tokens[i].key.startswith("ال"):
            subject = right_after  # "الصادرات الروسية إلى كوريا الشمالية", "الواردات الصينية من ...": whose
        elif _masdar_of_noun(tokens, i, actor_tokens):
            subject = None  # "شبكات تهريب النفط": the networks smuggle, not the sentence's subject
        else:
            subject = before
        unnamed_agent = subject is not None and subject.kind == "accused"
        if unnamed_agent:
            subject = None  # accused, unnamed: no one else in the sentence is taken for them
        elif subject is None and role != "block":  # verb first, after an adverb: "أرسلت ... كوريا الشمالية"
            # (before the goods: a name after them is a place on the way, "... إلى روسيا عبر معبر خاسان")
            first_goods = all_goods[0][0] if all_goods and role != "supply" else hi
            subject = next((a for a in actors if lo <= a.first < min(hi, first_goods) and a not in to and a not in source
                            and a not in on and a.kind == "mention"), None)
        exchange = False
        if role == "supply":  # تزويد X بـ Y: X receives ("زودت روسيا كوريا الشمالية بـ": subject, then X)
            after = [a for a in actors if lo <= a.first < hi]
            if right_after is not None and subject is right_after and len(after) > 1 \
                    and not (_is_masdar(tokens[i].key) and after[1].kind == "nationality" and after[1].first > all_goods[0][0]):
                after = after[1:]
            elif right_after is not None and subject is right_after and _is_masdar(tokens[i].key):
                subject = owner or before  # "تزويد إيطاليا بالغاز الجزائري": Italy receives, the goods' country sends
            recipient = after[0] if after else None
            senders, receivers = [subject], [recipient] if recipient else (to or [None])
        elif role == "receive":
            origin = source or on or ([owner] if owner else []) or _helper(tokens, actors, lo, all_goods)
            exchange = bool(found) and (any(t.key == "مقابل" for t in tokens[max(0, i - 3):i])
                                        or any(t.key == "المقابل" for t in tokens[lo:lo + 2]))  # "حصلت في المقابل على"
            counterpart = None
            if not origin and exchange:
                origin = [found[-1]["to"]]  # "في مقابل الحصول على ...": from whom the first flow went to
                if origin == [None]:
                    counterpart = len(found) - 1  # its receiver is only known once it is filled from earlier
            if not origin and found and any(t.key in ("منها", "منه") for t in tokens[lo:lo + 3]):
                origin = [found[-1]["to"]]  # "تصدّر روسيا إلى كوريا الشمالية ...، بينما تستورد منها": from it
            if not origin and not found and previous and subject is not None and _in_return(tokens, i, lo):
                # "في المقابل، حصلت روسيا على ...", "تلقت بيونغ يانغ في المقابل ...": from whom the goods of
                # the sentence before went to it
                last = previous[-1]
                if last.from_entity_id == subject.entity_id and last.to_entity_id:
                    origin = [Actor(-1, -1, last.to_entity_id, last.to_name_en, last.to_text, "earlier")]
            if not origin:  # "إبرام عقد مع كوريا الجنوبية لشراء 180 دبابة": the other party of the deal sells
                origin = [a for a in actors if a.first < i and a.first > 0 and tokens[a.first - 1].key == "مع"
                          and any(tokens[k].key in _PLAN for k in range(max(0, a.first - 4), a.first))][-1:]
            if not origin:  # "أكبر الدول المستوردة للنفط العراقي، الصين ... تستورد": whose goods the sentence named
                origin = [o for o in (_owner(actors, [g], tokens) for g in sentence_goods if g[1] <= i
                                      and commodity_group(g[2]) in {commodity_group(x[2]) for x in goods})
                          if o is not None and o.entity_id != (subject.entity_id if subject else "")][:1]
            before_on = [a for a in actors if a.last < i and tokens[a.first - 1].key == "علي"] if not origin else []
            senders, receivers = (origin or before_on or [None]), [_permitted(tokens, actors, i) or subject]
        elif role == "block":
            senders, receivers = [subject], on or to or [None]
        elif role == "send" and found and not source and not to and i > 0 and tokens[i - 1].key == "مقابل":
            # "تسليم كوريا الشمالية تكنولوجيا، مقابل إرسال مزيد من الجنود": what is sent in return goes back
            senders, receivers = [found[-1]["to"]], [found[-1]["from"]]
            exchange = True
        else:
            sender = source[0] if source else subject or _permitted(tokens, actors, i)  # "يسمح لبيونغ يانغ بتصدير"
            if owner is not None and sender is not None and owner.entity_id != sender.entity_id and not to:
                if _for_beneficiary(tokens, goods):
                    to = [owner]  # "قدمت مساعدة لبرنامج الأقمار الصناعية الكوري الشمالي": the program's country gets it
                elif any(g[2] == "frozen assets" for g in goods):
                    to = [owner]  # "أطلقت روسيا سراح ... الأصول الكورية الشمالية": the owner gets them back
                else:
                    sender, to = owner, [sender]  # "روسيا بدأت في شحن الذخيرة الكورية الشمالية": to Russia
            elif owner is not None and (sender is None or not source and to and _is_masdar(tokens[i].key)
                                        and owner.entity_id not in {a.entity_id for a in to}):
                sender = owner  # "نقل أسلحة كورية شمالية إلى روسيا": whose the goods are sends them
            arrival = None if to else _arrival(tokens, actors)
            if not to and not arrival and not found and previous and sender is not None and _in_return(tokens, i, lo):
                # "وأن روسيا سلمت في المقابل أنظمة دفاع جوي": to whom the goods before came from
                last = previous[-1]
                if last.to_entity_id == sender.entity_id and last.from_entity_id:
                    arrival = Actor(-1, -1, last.from_entity_id, last.from_name_en, last.from_text, "earlier")
            senders, receivers = [sender], to or ([arrival] if arrival else [None])
        status = _status(tokens, i, stances)
        if exchange:
            status = found[-1]["status"]  # the two sides of one deal share its status
        for s in senders:
            for r in receivers:
                for g in goods:
                    hedged = status == "reported" and any(tokens[k].key in _HEDGES for k in range(i + cue_len, g[0]))
                    found.append({"from": s, "to": r, "goods": g, "cue": (i, i + cue_len),
                                  "status": "alleged" if hedged else status,
                                  "basis": "earlier sentence" if any(a is not None and a.kind == "earlier" for a in (s, r))
                                  else "sentence",
                                  "sender_of": counterpart if role == "receive" else None, "amount_at": amount_at})
        if role in ("send", "supply") and paid_for:
            seller = _owner(actors, paid_for, tokens)  # "ثمن الذخائر الكورية الشمالية": whose goods were bought
            if seller is not None and receivers == [None]:
                receivers = [seller]
                for f in found:
                    if f["cue"] == (i, i + cue_len) and f["to"] is None:
                        f["to"] = seller
            for s in senders:  # "دفعت ثمن الشحنات بالنفط": the shipments paid for came the other way
                for r in receivers:
                    for g in _specific(paid_for):
                        found.append({"from": r, "to": s, "goods": g, "cue": (g[0] - 1, g[0]), "status": status,
                                      "basis": "sentence"})
        price = hi + 1 if hi + 1 < n and tokens[hi].key in ("،", ",") else hi  # "...، مقابل شحنات من القذائف"
        if role in ("send", "supply") and price < n and tokens[price].key in ("مقابل", "ثمن", "ثمنا"):
            # "دفعت موسكو لبيونغ يانغ مليار دولار مقابل الذخائر": the goods given in return go the other way
            in_return = _specific(_commodities_in(tokens, price + 1, min(n, price + 5), actor_tokens, starts))
            if in_return and not _cue_at(tokens, price + 1, keys)[0]:
                deal = next((f["status"] for f in reversed(found) if f["cue"] == (i, i + cue_len)), status)
                for s in senders:
                    for r in receivers:
                        for g in in_return:
                            found.append({"from": r, "to": s, "goods": g, "cue": (price, price + 1), "status": deal,
                                          "basis": "sentence"})
                used_commodity_tokens.update(k for g in in_return for k in range(g[0], g[1]))
        used_commodity_tokens.update(k for g in window_goods for k in range(g[0], g[1]))
        i += cue_len
    found += _ranked_next(tokens, actors, found, measure_tokens)
    found += _carried(tokens, actors, stances, not_goods, starts)
    counted_starts = {q.start + q.text.find(q.item) for q in quantities if q.item and q.item in q.text}
    found += _nationals_abroad(tokens, actors, counted_starts, stances)
    found += _verbless(tokens, actors, actor_tokens, used_commodity_tokens, stances, sentence_goods)
    return _rows(found, tokens, quantities, statements, sentence, original, previous)


def _nationals_abroad(tokens, actors, counted_starts: set[int], stances) -> list[dict]:
    """A number of one country's nationals in (or fled to) other countries, the nationality adjective
    being the counted noun ("3 ملايين أوكراني في ألمانيا والتشيك وإيطاليا", "... أوكراني فروا ...
    ويتركزون حاليا في ألمانيا"): people from that country to each place named after في or إلى."""
    out: list[dict] = []
    for a in actors:
        if a.kind != "nationality" or tokens[a.first].start not in counted_starts or not a.entity_id:
            continue  # only where the adjective is what a number counts ("3 ملايين أوكراني", not "2000 جندي كوري")
        near = tokens[max(0, a.first - 6):a.first] + tokens[a.last + 1:a.last + 8]
        if any(r in _CASUALTIES for t in near for r, _ in _readings(t.key)):
            continue  # "مقتل 3 آلاف أوكراني": losses, not people who went
        end = min(len(tokens), a.last + 20)
        place = next((b for b in actors if a.last < b.first < end and b.kind == "mention" and b.entity_id
                      and b.entity_id != a.entity_id and b.entity_id in _countries()
                      and tokens[b.first - 1].key in _PLACED_IN | {"الي"}), None)
        if place is None:
            continue
        places = [place]  # and the places listed with it: "في ألمانيا والتشيك وإيطاليا"
        for b in actors:
            gap = tokens[places[-1].last + 1:b.first]
            if b.first > places[-1].last and b.kind == "mention" and b.entity_id and \
                    (not gap and tokens[b.first].key.startswith("و") or [t.key for t in gap] in (["و"], ["،"], [","])):
                places.append(b)
        status = _status(tokens, a.first, stances)
        seen = set()
        for p in places:
            if p.entity_id not in seen and p.entity_id != a.entity_id:
                seen.add(p.entity_id)
                out.append({"from": a, "to": p, "goods": (a.first, a.last + 1, "citizens"), "cue": (a.first, a.last + 1),
                            "status": status, "basis": "sentence"})
    return out


def _carried(tokens, actors, stances, not_goods, starts) -> list[dict]:
    """Goods on board a vehicle heading somewhere ("أقلعت طائرتان تابعتان للقوات الجوية الكويتية متجهتين
    إلى تركيا وعلى متنهما 80 طنا من المواد الإغاثية"): from the vehicle's owner, the party named before the
    destination, to the destination (named after إلى or نحو before «على متنها»)."""
    out: list[dict] = []
    for k, token in enumerate(tokens):
        if token.key not in _ON_BOARD or k == 0 or tokens[k - 1].key not in ("علي", "وعلي"):
            continue
        goods = _specific(_commodities_in(tokens, k + 1, min(len(tokens), k + 14), not_goods, starts))
        destination = next((a for a in reversed(actors) if a.last < k - 1 and a.kind == "mention" and a.entity_id
                            and _heads_to(tokens, a.first)), None)
        if not goods or destination is None:
            continue
        owner = next((a for a in reversed(actors) if a.last < destination.first - 1 and a.entity_id
                      and a.entity_id != destination.entity_id), None)
        if owner is None:
            continue
        status = _status(tokens, k, stances)
        out += [{"from": owner, "to": destination, "goods": g, "cue": (k - 1, k + 1), "status": status,
                 "basis": "sentence"} for g in goods]
    return out


def _heads_to(tokens, first: int) -> bool:
    """Is the name at ``first`` where something heads: after إلى or نحو, directly or after a place word
    ("إلى ميناء اللاذقية", "نحو مطار أضنة")?"""
    before = [t.key for t in tokens[max(0, first - 2):first]]
    return bool(before) and (before[-1] in ("الي", "نحو") or len(before) == 2 and before[0] in ("الي", "نحو")
                             and before[1] in _place_heads())


def _ranked_next(tokens, actors, found: list[dict], measure_tokens) -> list[dict]:
    """The next parties of a ranking after a transfer ("... الصين حيث تستورد 1.42 مليون برميل، يليها الهند
    820 ألف برميل"): each takes the ranked side (the party named after the goods) of the transfer before
    it, with the same goods and the other side, and the amount that follows its name."""
    out: list[dict] = []
    for k, token in enumerate(tokens):
        if token.key not in _RANKED_NEXT or not found:
            continue
        last = next((f for f in reversed(found) if f["cue"][0] < k), None)
        nxt = _actor_at(actors, k + 1)
        if last is None or nxt is None or nxt.kind != "mention":
            continue
        g0 = last["goods"][0]
        side = "to" if last["to"] is not None and last["to"].first > g0 else \
            "from" if last["from"] is not None and last["from"].first > g0 else None
        if side is None or last[side].entity_id == nxt.entity_id:
            continue
        amount = next((j for j in range(nxt.last + 1, min(nxt.last + 8, len(tokens))) if j in measure_tokens), None)
        out.append(last | {side: nxt, "cue": (k, k + 1), "amount_at": amount, "basis": "sentence"})
    return out


def _elliptical_goods(tokens, i, lo, hi, measure_tokens, sentence_goods) -> list[tuple[int, int, str]]:
    """The goods a transfer verb leaves unsaid because the sentence named them before it, when an amount
    follows the verb ("أكبر الدول المستوردة للنفط العراقي، الصين ... تستورد 1.42 مليون برميل"): the last
    goods named before the verb; none when no amount follows within two words."""
    if not any(k in measure_tokens for k in range(lo, min(lo + 2, hi))):
        return []
    earlier = [g for g in sentence_goods if g[1] <= i]
    return earlier[-1:]


@lru_cache(maxsize=None)
def _trigger_keys() -> frozenset[str]:
    """First words of every transfer cue and commodity phrase."""
    return frozenset(_cues()) | {p[0] for p in _multiword_cues()} | {p[0] for p in _commodities()}


@lru_cache(maxsize=65536)
def _may_matter(key: str) -> bool:
    """Could this token start a transfer cue or a commodity (with its clitics or a pronoun suffix)?"""
    triggers = _trigger_keys()
    for reading, _ in _cue_readings(key):
        if reading in triggers or any(reading.endswith(sfx) and reading[: -len(sfx)] in triggers for sfx in PRONOUN_SUFFIXES):
            return True
    return False


def _cue_at(tokens, i, keys=None) -> tuple[dict | None, int]:
    keys = keys or [t.key for t in tokens]
    if not _may_start_cue(keys[i]):
        return None, 1
    if _help_in(tokens, i + 1) and i + 2 < len(tokens) and any(r in _PRODUCTION for r, _ in _readings(keys[i + 2])):
        return None, 1  # "أنظمة دفاع جوي ومساعدة في تطوير الأقمار الصناعية": a noun in a list of goods
    for reading, _ in _cue_readings(keys[i]):
        found = _multiword_cue_index().longest(keys, i, reading)
        if found:
            return found[1], found[0]
    teh_marbuta = tokens[i].text.rstrip(_DIACRITICS).endswith("ة")  # "شحنة" is a noun, not شحن + the pronoun ه
    for reading, _ in _cue_readings(keys[i]):
        candidates = [reading] + [reading[: -len(sfx)] for sfx in PRONOUN_SUFFIXES if reading.endswith(sfx)
                                  and len(reading) - len(sfx) >= 3 and not (teh_marbuta and sfx == "ه")]
        for candidate in candidates:  # "زودتها": زودت + ها
            row = _cues().get(candidate)
            if row:
                if candidate == "سراح" and not any(r in ("اطلق", "اطلقت") for t in tokens[max(0, i - 3):i] for r, _ in _readings(t.key)):
                    return None, 1
                return row, 1
    return None, 1


def _mentions_sanctions(tokens, i, hi) -> bool:
    return any("عقوب" in t.key for t in tokens[i:hi + 4])


def _purpose_targets(tokens, actors, lo, hi) -> list[Actor]:
    """"لمساعدة بوتين", "لدعم ...", "لمساعدة برنامج الفضاء الكوري الشمالي": the beneficiary."""
    out = []
    for k in range(lo, hi):
        if tokens[k].key in _PURPOSE:
            a = next((a for a in actors if k < a.first <= k + 6 and a.kind == "mention"), None) \
                or next((a for a in actors if k < a.first <= k + 6), None)
            if a is not None:
                out += _and_coordinated(tokens, actors, a) if a.kind == "mention" else [a]
    return out


def _beneficiaries_in(tokens, actors, lo: int, hi: int) -> list[Actor]:
    """The places of the people helped: "لدعم ... المتضررين في تركيا وسوريا" (Turkey and Syria receive)."""
    for k in range(lo, hi - 2):
        if tokens[k + 1].key == "في" and any(r in _BENEFICIARY for r, _ in _readings(tokens[k].key)):
            first = _actor_at(actors, k + 2)
            return _and_coordinated(tokens, actors, first) if first is not None and first.kind == "mention" else []
    return []


def _and_coordinated(tokens, actors, first: Actor) -> list[Actor]:
    """A named party and those joined to it by «و»: "تركيا وسوريا" -> [Turkey, Syria]."""
    out = [first]
    while (nxt := _actor_at(actors, out[-1].last + 1)) is not None and nxt.kind == "mention" \
            and tokens[nxt.first].key.startswith("و"):
        out.append(nxt)
    return out


def _for_beneficiary(tokens, goods) -> bool:
    """Goods named inside a "for ..." phrase: "لبرنامج الأقمار الصناعية", "للصناعات العسكرية"."""
    g0 = goods[0][0]
    before = tokens[g0 - 1].key if g0 > 0 else ""
    return (len(before) > 3 and before[0] == "ل" and before not in _NOT_FOR) or tokens[g0].key.startswith("لل")


_NOT_FOR = flow_words("not_for")


def _owner(actors, goods, tokens) -> Actor | None:
    """A nationality right after the goods, or after one adjective of theirs, says whose they are:
    "عامل كوري شمالي", "الأصول الكورية الشمالية", "القوات الخاصة الكورية الشمالية"."""
    for start, end, _ in goods:
        a = _actor_at(actors, end) or next((a for a in actors if start < a.first < end), None)  # "قوات كورية شمالية"
        k = end
        while a is None and k + 1 < len(tokens) and k - end < 3 and _adjective_like(tokens[k].key) \
                and _actor_at(actors, k) is None:
            k += 1  # "الأسلحة النووية التكتيكية الروسية": whose, after the goods' adjectives
            a = _actor_at(actors, k)
        if a is not None and a.kind == "nationality":
            return a
    return None


def _adjective_like(key: str) -> bool:
    """Could this word describe the noun before it (no particle, conjunction, relative pronoun or number)?"""
    return key[:1].isalpha() and key[0] not in "وف" and key not in function_words() and key not in RELATIVE_PRONOUNS


def _verbless(tokens, actors, actor_tokens, used, stances, sentence_goods=None) -> list[dict]:
    """Goods followed by "من X" (and "إلى/لـ Y"), or by a nationality and "إلى Y", with no transfer verb."""
    out = []
    if sentence_goods is None:
        sentence_goods = _commodities_in(tokens, 0, len(tokens), actor_tokens)
    goods = [g for g in sentence_goods if g[0] not in used
             and not (g[0] > 0 and tokens[g[0] - 1].key in _PURPOSE)]  # "لدعم اللاجئين": the people helped
    if not goods:
        return out
    status = "alleged" if ({t.key for t in tokens} & _ALLEGED or stances & {"claims", "accuses"}) else "reported"
    groups: list[list[tuple[int, int, str]]] = []
    for g in goods:  # "المدفعية والصواريخ الإضافية": one list of goods
        if groups and g[0] - groups[-1][-1][1] <= 2:
            groups[-1].append(g)
        else:
            groups.append([g])
    for group in groups:
        end = group[-1][1]
        hi = min(len(tokens), end + 6)
        source = _after_marker(tokens, actors, end, hi, ("من",))
        owner = _owner(actors, group, tokens)
        sender = source[0] if source and source[0].first <= end + 3 else owner
        origin = _origin_after(tokens, actors, end) if sender is None else None
        if origin is not None:
            # "نصف القذائف التي تطلقها القوات الروسية مصدرها كوريا الشمالية": made in one country, used by
            # whoever the words between name
            sender = origin
            user = next((a for a in actors if end <= a.first < origin.first and a.kind == "mention" and a.entity_id
                         and a.entity_id != origin.entity_id), None) or _user_after(tokens, actors, origin)
            if user is not None:
                out += [{"from": origin, "to": user, "goods": g, "cue": (g[0], g[1]), "status": status, "basis": "sentence"}
                        for g in _specific(group)]
                continue
        if sender is None:
            place = _arrived_in(tokens, actors, end) if {g[2] for g in group} <= _PEOPLE else None
            if place is not None:  # "نحو 3 آلاف جندي إضافي وصلوا إلى روسيا": from whom, an earlier sentence says
                out += [{"from": None, "to": place, "goods": g, "cue": (g[0], g[1]), "status": status, "basis": "sentence"}
                        for g in _specific(group)]
            continue
        to = [a for a in _after_marker(tokens, actors, sender.last + 1, min(len(tokens), sender.last + 6), ("الي", "ل", "لـ"))
              if tokens[a.first].key.startswith("ل") or tokens[a.first - 1].key in ("الي", "لـ", "ل")]
        receiver = to[0] if to else None
        # "باستخدام جنود كوريين شماليين", "أطلقت روسيا نحو 24 صاروخا كوريا شماليا": used, or fired, by the subject
        used_by = any(r in _USE for t in tokens[max(0, group[0][0] - 5):group[0][0]] for r, _ in _readings(t.key))
        if receiver is None and (sender.kind == "mention" or tokens[group[0][0]].key.startswith("ل") or used_by):
            # "استخدمت روسيا صواريخ باليستية من كوريا الشمالية", "استخدام روسيا للأسلحة الكورية الشمالية"
            receiver = _subject_before(tokens, actors, group[0][0], set())
        if receiver is None and sender is owner and {g[2] for g in group} <= _PEOPLE:
            # "آلاف العمال الكوريين الشماليين يعملون في مواقع بناء في روسيا": one country's people in another
            # (also "دخلوا روسيا", "يقاتلون إلى جانب القوات الروسية")
            receiver = next((a for a in actors if sender.last < a.first <= sender.last + 10 and a.kind == "mention"
                             and a.entity_id and tokens[a.first - 1].key in _PLACED_IN), None)
            if receiver is not None:  # "اللاجئين الأوكرانيين في ألمانيا والتشيك وإيطاليا": each place
                others = _after_marker(tokens, actors, receiver.first - 1, min(len(tokens), receiver.last + 12), ("في",))[1:]
                out += [{"from": sender, "to": o, "goods": g, "cue": (g[0], g[1]), "status": status, "basis": "sentence"}
                        for o in others if o.entity_id != sender.entity_id for g in _specific(group)]
            if receiver is None and any(r in _VISIT for t in tokens[max(0, group[0][0] - 4):group[0][0]]
                                        for r, _ in _readings(t.key)):
                # "وزار نحو 1500 سائح روسي كوريا الشمالية": the verb first, then the people, then the place
                receiver = next((a for a in actors if sender.last < a.first <= sender.last + 2 and a.kind == "mention"
                                 and a.entity_id), None)
            if receiver is not None and any(r in _CASUALTIES for t in tokens[max(0, group[0][0] - 5):group[0][0]]
                                            + tokens[sender.last + 1:receiver.first] for r, _ in _readings(t.key)):
                receiver = None  # "3 آلاف جندي كوري شمالي قتلوا في كورسك", "مقتل وإصابة نحو 4 آلاف جندي ...": losses
        if receiver is None or receiver.entity_id == sender.entity_id:
            continue
        for g in _specific(group):
            out.append({"from": sender, "to": receiver, "goods": g, "cue": (g[0], g[1]), "status": status, "basis": "sentence"})
    return out


_AMOUNTING = flow_words("amounting")


def _amounting(tokens, goods_end: int, quantity_start: int) -> bool:
    """Is a quantity after the goods their amount: "شحنات من قذائف المدفعية بلغت أكثر من مليون قذيفة",
    "ذخائر يقدر عددها بنحو ..."? (Only such words, up to three, between them.)"""
    words = [t for t in tokens[goods_end:goods_end + 4] if t.end <= quantity_start]
    return 0 < len(words) <= 3 and all(t.key in _AMOUNTING for t in words)


_ORIGIN = flow_words("origin")
_MADE = flow_words("made")


def _origin_after(tokens, actors, end: int) -> Actor | None:
    """The country the goods come from, named a few words after them: "... مصدرها كوريا الشمالية",
    "صواريخ مصنوعة في كوريا الشمالية" (a relative clause may stand between)."""
    for k in range(end, min(len(tokens) - 1, end + 10)):
        if tokens[k].key in _BOUNDARY or tokens[k].key in ("،", ","):
            return None
        j = k + 1 if tokens[k].key in _ORIGIN else k + 2 if tokens[k].key in _MADE and tokens[k + 1].key == "في" else None
        if j is not None:
            a = _actor_at(actors, j)
            return a if a is not None and a.kind == "mention" and a.entity_id else None
    return None


def _user_after(tokens, actors, origin: Actor) -> Actor | None:
    """"صواريخ مصنوعة في كوريا الشمالية أطلقتها روسيا": who used them, right after the verb of use."""
    k = origin.last + 1
    if k + 1 >= len(tokens):
        return None
    verb = tokens[k].key
    verb = next((verb[:-len(sfx)] for sfx in ("تها", "ها", "ه") if verb.endswith(sfx) and verb[:-len(sfx)] in _USE), verb)
    if not any(r in _USE for r, _ in _readings(verb)):
        return None
    a = _actor_at(actors, k + 1)
    return a if a is not None and a.kind == "mention" and a.entity_id != origin.entity_id else None


_ENTERED = flow_words("entered")


def _arrived_in(tokens, actors, end: int) -> Actor | None:
    """The country people arrived in, deployed in or entered, right after them: "جندي إضافي وصلوا إلى روسيا",
    "جنود دخلوا روسيا", "انتشروا في كورسك" (a word such as «إضافي» may stand between)."""
    for k in range(end, min(len(tokens) - 1, end + 2)):
        if _actor_at(actors, k) is not None or not tokens[k].key.isalpha():
            return None
        if any(r in _ENTERED for r, _ in _readings(tokens[k].key)):
            j = k + 1 + (tokens[k + 1].key in ("الي", "في"))
            a = _actor_at(actors, j)
            return a if a is not None and a.kind == "mention" and a.entity_id else None
    return None


def _statement_before(statements: list[tuple[int, str]], start: int) -> str:
    """The id of the statement a transfer is told in: the last one opening before it (else the first)."""
    before = [sid for s, sid in statements if s <= start]
    return before[-1] if before else (statements[0][1] if statements else "")


def _rows(found, tokens, quantities, statements, sentence, original, earlier) -> list[Flow]:
    rows: list[Flow] = []
    seen = set()
    receivers: list[Actor | None] = []  # each found flow's receiver once resolved
    for f in found:
        previous = list(earlier) + rows
        s, r, (g0, g1, category) = f["from"], f["to"], f["goods"]
        basis = f["basis"]
        if s is None and f.get("sender_of") is not None:
            s = receivers[f["sender_of"]]  # "صدّرت ... في حين حصلت في المقابل على": from whom the first went to
            if s is not None and s.kind == "earlier":
                basis = "earlier sentence"
        if s is None and r is not None and f["status"] != "capped":
            prior = next((p for p in reversed(previous) if p.to_entity_id == r.entity_id and p.from_entity_id
                          and commodity_group(p.commodity) == commodity_group(category)), None) if previous else None
            if prior is None and previous:  # "المغرب تسلم أول شحنة من الطائرات": from the article's sender of drones
                prior = next((p for p in reversed(previous) if p.from_entity_id and p.from_entity_id != r.entity_id
                              and commodity_group(p.commodity) == commodity_group(category)), None)
            if prior is not None:
                s, basis = Actor(-1, -1, prior.from_entity_id, prior.from_name_en, prior.from_text, "earlier"), "earlier sentence"
        if r is None and s is not None:
            prior = next((p for p in reversed(previous) if p.from_entity_id == s.entity_id and p.to_entity_id
                          and commodity_group(p.commodity) == commodity_group(category)), None) if previous else None
            if prior is not None:
                r, basis = Actor(-1, -1, prior.to_entity_id, prior.to_name_en, prior.to_text, "earlier"), "earlier sentence"
        receivers.append(r)
        if s is None and r is None:
            continue
        if s is not None and r is not None and s.entity_id and s.entity_id == r.entity_id:
            continue
        key = (s.entity_id if s else "", r.entity_id if r else "", category, f["status"])  # a plan and a shipment differ
        if key in seen:
            continue
        seen.add(key)
        c0, c1 = f["cue"]
        start = min(tokens[c0].start, tokens[g0].start)
        end = max(tokens[c1 - 1].end, tokens[g1 - 1].end)
        goods_start, goods_end = tokens[g0].start, tokens[g1 - 1].end
        counts = [q for q in quantities if category not in _PEOPLE or q.kind == "count"]  # "500 مليون دولار من عمالها"
        amount_at = f.get("amount_at")
        q = next((q for q in counts if amount_at is not None and q.start <= tokens[amount_at].start < q.end), None) \
            or next((q for q in counts if q.start <= goods_start and goods_end <= q.end + 1
                     or q.end <= goods_start <= q.end + 12 and _counts_goods(tokens, q.end, g0)), None) \
            or next((q for q in counts if q.start < goods_start < q.end), None) \
            or next((q for q in counts if goods_end < q.start and _amounting(tokens, g1, q.start)), None)
        if amount_at is not None and q is not None:  # goods named before the verb, the amount after it
            end = max(end, q.end)
        share = _own_share(tokens, quantities, r, g1) if q is not None else None
        if share is not None:  # "60 ألف طن لمصر، و100 ألف لكينيا": each receiver listed with its own amount
            q = _in_unit_of(share, q)
        rows.append(Flow(sentence, start, end, original[start:end],
                          s.text if s else "", s.entity_id if s else "", s.name_en if s else "",
                          r.text if r else "", r.entity_id if r else "", r.name_en if r else "",
                          category, original[goods_start:goods_end],
                          q.value if q else None, q.value_max if q else None, q.unit or q.item_en if q else "",
                          q.text if q else "", f["status"], _statement_before(statements, start), basis))
    return rows


def _own_share(tokens, quantities, receiver, goods_end: int):
    """The amount listed with a receiver after a comma ("...، و100 ألف لكينيا"), or None."""
    if receiver is None or receiver.first <= goods_end:
        return None
    comma = next((k for k in range(receiver.first - 1, goods_end, -1) if tokens[k].key in ("،", ",")), None)
    if comma is None:
        return None
    return next((x for x in quantities if tokens[comma].end <= x.start and x.end <= tokens[receiver.first].start), None)


def _in_unit_of(share, first):
    """A receiver's own amount, in the unit of the list's first amount when it names none ("و100 ألف")."""
    return share if share.unit or share.item_en else replace(share, unit=first.unit, item_en=first.item_en)


@lru_cache(maxsize=None)
def _commodity_groups() -> dict[str, str]:
    return {r["commodity"]: r["group"] for r in load_table("lexicons/commodity_groups.csv")}


def commodity_group(commodity: str) -> str:
    """The group a commodity category is compared in ("artillery shells" -> "munitions and weapons");
    the category itself when it has none."""
    return _commodity_groups().get(commodity, commodity)
