"""Named entities: registry linking plus patterns for names the registry does not know.

Layers, in order of trust (a later layer never overrides an earlier one where they overlap):
1. the curated registry ``data/registry/entities.csv`` (canonical id, English name, Wikidata, Arabic
   variants), matched on camel-tools tokens in the normalized view, with attached clitics
   (و ف ب ل ك, لل) stripped and spelling variants folded (غ/ج, ڤ/ف, پ/ب);
2. optionally, camel-tools' NER model (``ner_backend``), when its data is installed;
3. patterns: a person introduced by a role, an organisation named by its head noun, a place
   after ميناء / مدينة / منطقة ...; these mentions are typed but unlinked.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicons import (PhraseIndex, function_words, lexicon_keys, load_lines, match_key, nationality_at, nationality_keys,
                       roles_by_key, word_keys)
from .normalize import NormalizedText, normalize_text, tokenize_with_offsets
from .resources import load_table

TYPES = ("PER", "ORG", "GPE", "LOC", "MISC")
TANWEEN_FATH = "\u064b"
_MINISTER_WORDS = frozenset({"وزير", "وزيره", "وزيرا", "وزراء"})


@dataclass(frozen=True)
class Entity:
    entity_id: str
    type: str
    name_en: str
    name_ar: str
    wikidata: str
    country: str
    aliases: tuple[str, ...]


@dataclass  # not frozen: made by the thousand per article, and a frozen one costs four times as much
class Mention:
    """A name in a sentence: absolute span in the original, type, and linked entity if known."""

    sentence: int
    start: int
    end: int
    text: str
    type: str
    entity_id: str
    name_en: str
    method: str  # registry | role | head_noun | place_head | quoted_name | family_name | camel_ner
    confidence: float


@dataclass(slots=True)
class Token:
    text: str
    start: int  # absolute offsets in the original document
    end: int
    key: str  # normalized, folded matching key
    word: bool = True  # holds a letter or digit (not punctuation or a symbol)


REGISTRY_FILES = ("registry/entities.csv", "registry/world.csv")  # curated first; world.csv is generated from CLDR


@lru_cache(maxsize=None)
def registry() -> dict[str, Entity]:
    """All registry entities by id: the curated ones, then the world's places (``scripts/build_world.py``).
    A generated row whose id is curated only adds its spellings to the curated entity."""
    out: dict[str, Entity] = {}
    for relative in REGISTRY_FILES:
        for row in load_table(relative):
            aliases = tuple(a.strip() for a in row["aliases"].split("|") if a.strip())
            known = out.get(row["entity_id"])
            if known is not None:
                out[known.entity_id] = Entity(known.entity_id, known.type, known.name_en, known.name_ar, known.wikidata,
                                              known.country, tuple(dict.fromkeys(known.aliases + aliases)))
                continue
            out[row["entity_id"]] = Entity(row["entity_id"], row["type"], row["name_en"], row["name_ar"],
                                           row["wikidata"], row["country"], aliases)
    return out


@lru_cache(maxsize=None)
def country_by_code() -> dict[str, str]:
    """ISO code -> the registry entity that stands for the country (``data/registry/countries.csv``)."""
    return {r["code"]: r["entity_id"] for r in load_table("registry/countries.csv")}


def _alias_keys(alias: str) -> tuple[str, ...]:
    return tuple(match_key(tok) for tok, _, _ in tokenize_with_offsets(normalize_text(alias)))


@lru_cache(maxsize=None)
def alias_trie() -> dict:
    """Token trie of every alias key sequence; a node's ``None`` entry holds the entity id."""
    trie: dict = {}
    for entity in registry().values():
        for alias in entity.aliases:
            node = trie
            for key in _alias_keys(alias):
                node = node.setdefault(key, {})
            node.setdefault(None, entity.entity_id)  # first entity listed wins an ambiguous alias
    return trie


def ambiguous_aliases() -> dict[tuple[str, ...], set[str]]:
    """Alias keys claimed by more than one entity (the registry should have none)."""
    seen: dict[tuple[str, ...], set[str]] = {}
    for entity in registry().values():
        for alias in set(entity.aliases):
            seen.setdefault(_alias_keys(alias), set()).add(entity.entity_id)
    return {k: v for k, v in seen.items() if len(v) > 1}


def sentence_tokens(text: str, offset: int) -> list[Token]:
    """camel-tools tokens of a sentence with absolute offsets and matching keys."""
    keys = _TOKEN_KEYS
    if len(keys) > 1_000_000:  # a bound on memory for very large archives
        keys.clear()
    out = []
    for tok, s, e in tokenize_with_offsets(text):
        known = keys.get(tok)
        if known is None:
            known = keys[tok] = (match_key(normalize_text(tok)), _has_alnum(tok) is not None)
        out.append(Token(tok, s + offset, e + offset, *known))
    return out


_TOKEN_KEYS: dict[str, tuple[str, bool]] = {}  # token text -> (matching key, word); words repeat, so each
_has_alnum = re.compile(r"[^\W_]").search  # is worked out once. [^\W_]: a character for which str.isalnum() holds


def clitic_readings(key: str) -> list[tuple[int, str]]:
    """Readings of a token key as (chars of attached clitic to leave out of the span, remaining key).

    و/ف (and), then ب/ل/ك (prepositions). "لل" + noun is ل + ال: the article's alef is
    elided, so the whole token stays in the span.
    """
    readings = [(0, key)]
    conj = 1 if len(key) > 3 and key[0] in "وف" else 0
    for skip in {0, conj}:
        rest = key[skip:]
        if len(rest) > 3 and rest.startswith("لل"):
            readings.append((skip, "ال" + rest[2:]))
        if len(rest) > 2 and rest[0] in "بلك":
            readings.append((skip + 1, rest[1:]))
        if skip:
            readings.append((skip, rest))
    return readings


def _clitic_chars(token: Token, norm_chars: int) -> int:
    """Original characters covered by the first ``norm_chars`` characters of a token's normalized form."""
    if norm_chars == 0:
        return 0
    view = NormalizedText.of(token.text)
    return view.origin[norm_chars]


@lru_cache(maxsize=None)
def _korean_syllables() -> frozenset[str]:
    return lexicon_keys(load_lines("lexicons/korean_name_syllables.txt"))


@lru_cache(maxsize=65536)
def _registry_starts(key: str) -> tuple[tuple[int, str], ...]:
    """The clitic readings of a token key that begin some registry alias."""
    trie = alias_trie()
    return tuple((clitic, reading) for clitic, reading in clitic_readings(key) if reading in trie)


INSTITUTION_HEADS = word_keys("معهد", "مركز", "مؤسسة", "جامعة", "منظمة", "مجموعة")  # before an institution's name
_ACCUSATIVE_SIDES = frozenset({"شماليا", "جنوبيا"})  # "كوريا شماليا": North Korean (accusative adjective)


def _verb_like(key: str) -> bool:
    """A rough test for a verb before a country's name: feminine perfect ("أعلنت", "اتفقت") or imperfect ("تطلب")."""
    key = _strip_conj(key)
    return key.endswith("ت") or (key[:1] in "يت" and len(key) <= 6)


@lru_cache(maxsize=None)
def _needs_context() -> frozenset[tuple[str, str]]:
    """(alias key, entity id) of names that are also common words (``data/registry/needs_context.csv``), and
    the one-word GeoNames city names (``world_needs_context.csv``, generated by scripts/build_world.py)."""
    rows = [r for name in ("needs_context", "world_needs_context") for r in load_table(f"registry/{name}.csv")
            if not r["alias_ar"].startswith("#")]
    return frozenset((match_key(normalize_text(r["alias_ar"])), r["entity_id"]) for r in rows)


def registry_mentions(tokens: list[Token], sentence: int, original: str) -> list[Mention]:
    """Longest registry matches, left to right, never overlapping."""
    trie, entities = alias_trie(), registry()
    out: list[Mention] = []
    i = 0
    while i < len(tokens):
        starts = _registry_starts(tokens[i].key)
        if not starts:
            i += 1
            continue
        best = None  # (n_tokens, clitic_chars, entity_id)
        for clitic, key in starts:
            node = trie.get(key)
            j = i + 1
            while node is not None:
                if None in node and (best is None or j - i > best[0] or (j - i == best[0] and clitic < best[1])):
                    best = (j - i, clitic, node[None])
                if j >= len(tokens):
                    break
                node = node.get(tokens[j].key)
                j += 1
        if best is None:
            i += 1
            continue
        n, clitic, entity_id = best
        entity = entities[entity_id]
        nxt = tokens[i + n].key if i + n < len(tokens) else ""
        before = tokens[i - 1].key if i else ""
        if n == 1 and entity.type == "PER" and (nxt in _korean_syllables() or before in _korean_syllables()):
            i += 1  # "كيم" inside a longer Korean name (كيم يو جونغ, يونغ هو كيم): another person
            continue
        start = tokens[i].start + _clitic_chars(tokens[i], clitic)
        end = tokens[i + n - 1].end
        if original[start:end].endswith(TANWEEN_FATH) or original[start:end].endswith("اً") or nxt in _ACCUSATIVE_SIDES:
            i += 1  # "كورياً", "صاروخا كوريا شماليا": an adjective or adverb in the accusative, never a name
            continue
        prev = tokens[i - 1].key if i else ""
        if n == 1 and clitic == 0 and (tokens[i].key, entity_id) in _needs_context() and i and tokens[i - 1].word \
                and prev not in function_words() and _strip_conj(prev) not in function_words() and not _verb_like(prev) \
                and not _strip_conj(prev).startswith("ال"):
            # "دعم مالي": after an indefinite noun, an indefinite word that is also a name is its adjective (after a
            # definite noun, as in "وذكر التقرير مالي", an adjective would be definite too: the name); "قالت مالي"
            i += 1
            continue
        if entity.type == "ORG" and clitic == 0 and (prev in _MINISTER_WORDS or _strip_conj(prev) in _MINISTER_WORDS) and not tokens[i].key.startswith("وزار"):
            i += n  # "وزيرة الخارجية الكورية الشمالية": a minister's title, not a mention of the ministry
            continue
        out.append(Mention(sentence, start, end, original[start:end], entity.type, entity.entity_id,
                           entity.name_en, "registry", 1.0))
        i += n
    return out


# --- patterns for names the registry does not know ---------------------------------------

def _is_punct(token: Token) -> bool:
    return not any(ch.isalnum() for ch in token.text)


def _is_name_like(token: Token) -> bool:
    """A token that may be part of a transliterated proper name."""
    key = token.key
    if _is_punct(token) or any(ch.isdigit() for ch in key) or len(key) < 2:
        return False
    if (key.startswith("ال") or key.startswith("لل")) and key not in _given_names() or key in function_words():
        return False  # "الروسي" is no name; "ألكسندر", "أليكسي" (alef normalized) are
    return (key,) not in roles_by_key()


def _strip_conj(key: str) -> str:
    return key[1:] if len(key) > 3 and key[0] in "وف" else key


def _match_phrase(tokens: list[Token], i: int, phrases: dict, strip=None, keys: list[str] | None = None
                  ) -> tuple[int, object, int] | None:
    """Longest lexicon phrase starting at token i: (n_tokens, value, clitic chars of the first token).

    The first token may carry و/ف (and, with ``strip=_strip_prep``, a preposition).
    """
    index = _index(id(phrases), phrases)
    keys = keys if keys is not None else [t.key for t in tokens]
    strip = strip or _strip_conj
    best = None
    stripped = strip(keys[i])
    for first, clitic in ((keys[i], 0), (stripped, len(keys[i]) - len(stripped))):  # «للقوات»: whole token
        found = index.longest(keys, i, first)
        if found and (best is None or found[0] > best[0]):
            best = (found[0], found[1], clitic)
        if stripped == keys[i]:
            break
    return best


_INDEXES: dict[int, PhraseIndex] = {}


def _index(key: int, phrases: dict) -> PhraseIndex:
    """A first-token index of a (cached, never mutated) phrase lexicon."""
    index = _INDEXES.get(key)
    if index is None:
        index = _INDEXES[key] = PhraseIndex(phrases)
    return index


@lru_cache(maxsize=None)
def _org_heads() -> dict[tuple[str, ...], tuple[str, str]]:
    return {(match_key(normalize_text(r["head_ar"])),): (r["type"], r["kind"]) for r in load_table("lexicons/org_heads.csv")}


@lru_cache(maxsize=None)
def _place_heads() -> dict[tuple[str, ...], str]:
    return {(match_key(normalize_text(r["head_ar"])),): r["type"] for r in load_table("lexicons/place_heads.csv")}


@lru_cache(maxsize=None)
def _generic_modifiers() -> frozenset[str]:
    return lexicon_keys(load_lines("lexicons/org_generic_modifiers.txt"))


QUOTE_PAIRS = {'"': '"', "“": "”", "«": "»", "(": ")"}


@lru_cache(maxsize=None)
def _given_names() -> frozenset[str]:
    return lexicon_keys(load_lines("lexicons/given_names.txt"))


_ONE_PER_COUNTRY = frozenset({"embassy", "consulate"})  # "السفارة الروسية" is one body; "الموقع الأمريكي" a description


def _registry_name_length(keys: list[str], j: int) -> int:
    """Tokens of the longest organisation or place name the registry knows at keys[j] (0 if none)."""
    for length in range(min(6, len(keys) - j), 0, -1):
        entity = _registry_entity(tuple(keys[j:j + length]))
        if entity is not None and entity.type in ("ORG", "GPE"):
            return length
    return 0


def _only_nationality(tokens: list[Token]) -> bool:
    """True when the words after a head noun only say whose it is (الموقع الأمريكي: a description)."""
    keys = tuple(t.key for t in tokens)
    nat = nationality_keys()
    i = 0
    while i < len(keys):
        for n in (3, 2, 1):
            if keys[i:i + n] in nat or (n == 1 and keys[i] in _generic_modifiers()):
                i += n
                break
        else:
            return False
    return True


def _is_modifier(token: Token) -> bool:
    """A definite word continuing an organisation's name (الخارجية, للدراسات, والصناعة in وزارة التجارة والصناعة)."""
    key = token.key
    if key.startswith("وال") and len(key) > 4:
        key = key[1:]
    return (key.startswith("ال") or key.startswith("لل")) and key not in function_words() \
        and key not in ("التابع", "التابعه") and key not in _given_names()


def _unknown_institution_length(tokens: list[Token], i: int) -> int:
    """Tokens of an institution the registry does not know, from its head noun at i up to the person named
    after it ("الأستاذ في جامعة هانكوك للدراسات الأجنبية كيم يونغ سو"); 0 when no given name follows soon."""
    names = _given_names()
    for k in range(i + 2, min(len(tokens) - 1, i + 7)):
        if tokens[k].key in names and _is_name_like(tokens[k + 1]) and all(
                _is_name_like(t) or _is_modifier(t) or t.key == "في" for t in tokens[i + 1:k]):
            return k - i
    return 0


# What may follow a person's name right after a role: what was said («إن», «أن», a colon), a comma.
_NAME_ENDS = word_keys("إن", "ان", "أن", "بأن", "بان", ":", "،", ",")


def _mention(tokens: list[Token], i: int, j: int, sentence: int, original: str, type_: str, method: str, conf: float) -> Mention:
    start, end = tokens[i].start, tokens[j - 1].end
    return Mention(sentence, start, end, original[start:end], type_, "", "", method, conf)


def pattern_mentions(tokens: list[Token], sentence: int, original: str) -> list[Mention]:
    """Typed, unlinked names found by role, head-noun and place-head patterns."""
    out: list[Mention] = []
    roles = roles_by_key()
    keys = [t.key for t in tokens]
    n = len(tokens)
    for i in range(n):
        if not _may_trigger(keys[i]):
            continue  # cannot start a role, a head noun, a place noun or a ship noun
        # Person after a role: "وزير الخارجية الروسي سيرغي لافروف", "المتحدث باسم الكرملين دميتري بيسكوف".
        role = _match_phrase(tokens, i, roles, keys=keys)
        if role:
            j = i + role[0]
            skipped = 0
            while j < n and skipped < 6:
                skipped += 1
                if tokens[j].key in ("في", "باسم", "لدي") and j + 1 < n:
                    length = _registry_name_length(keys, j + 1)
                    if not length and keys[j + 1] in INSTITUTION_HEADS and j + 2 < n:
                        length = _registry_name_length(keys, j + 2)
                        length = length and length + 1  # "الباحث في معهد كارنيغي أندريه لانكوف"
                    if not length and keys[j + 1] in INSTITUTION_HEADS:
                        length = _unknown_institution_length(tokens, j + 1)
                    if length:  # "الباحث في معهد أسان للدراسات السياسية يانغ أوك"
                        j += 1 + length
                        continue
                if _is_modifier(tokens[j]) or tokens[j].key == "باسم" \
                        or tokens[j].key == "في" and j + 1 < n and _is_modifier(tokens[j + 1]):
                    j += 1  # "وزير الخارجية الروسي", "المتحدث باسم الكرملين", "الخبير في الشؤون الكورية"
                    if j + 2 < n and tokens[j].text == "(":  # "وزارة الدفاع الأمريكية (البنتاغون) بات رايدر"
                        close = next((c for c in range(j + 1, min(n, j + 5)) if tokens[c].text == ")"), None)
                        if close is not None:
                            j = close + 1
                    continue
                break
            k = j
            while k < n and k - j < 4 and _is_name_like(tokens[k]):
                k += 1
            if k - j >= 2 and tokens[j].key in _given_names():
                out.append(_mention(tokens, j, k, sentence, original, "PER", "role", 0.7))
            elif j > i + role[0] and 2 <= k - j <= 3 and k < n and keys[k] in _NAME_ENDS:
                # "المتحدثة باسم وزارة الدفاع الأمريكية سابرينا سينغ إن": after a role and whom it serves,
                # two or three name-like words right before what was said are the person, known given name or not
                out.append(_mention(tokens, j, k, sentence, original, "PER", "role", 0.6))
        # Person before an apposed role: "فيودور ترتيتسكي، الخبير في ...".
        if tokens[i].text in ("،", ",") and i + 1 < n and _match_phrase(tokens, i + 1, roles, keys=keys):
            k = i
            while k > 0 and i - k < 4 and _is_name_like(tokens[k - 1]):
                k -= 1
            if i - k >= 2:
                out.append(_mention(tokens, k, i, sentence, original, "PER", "role", 0.7))
        # Organisation named by its head noun: "وزارة الدفاع الروسية", "المعهد الدولي للدراسات الاستراتيجية".
        head = _match_phrase(tokens, i, _org_heads(), strip=_strip_prep, keys=keys)
        if head:
            type_, kind = head[1]
            j = i + 1
            if j < n and tokens[j].text in QUOTE_PAIRS:
                # A quoted or bracketed name after the head noun: صحيفة (الغارديان), بشركة (Oboronlogistika).
                close = QUOTE_PAIRS[tokens[j].text]
                k = j + 1
                while k < n and k - j <= 6 and tokens[k].text != close:
                    k += 1
                if k < n and k > j + 1 and tokens[k].text == close:
                    mention = _mention(tokens, j + 1, k, sentence, original, "ORG", "quoted_name", 0.8)
                    name = tuple(t.key for t in tokens[j + 1:k])
                    # صحيفة "الشرق الأوسط": the newspaper of that name before the region it is named after
                    entity = _registry_entity((_strip_prep(tokens[i].key),) + name) or _registry_entity(name)
                    if entity is not None:  # قناة "روسيا اليوم": a quoted name the registry knows
                        mention = Mention(sentence, mention.start, mention.end, mention.text, entity.type,
                                          entity.entity_id, entity.name_en, "quoted_name", 0.9)
                    out.append(mention)
            else:
                k = j
                while k < n and k - j < 6 and _is_modifier(tokens[k]):
                    k += 1
                # a generic word with the article right after the head makes the phrase definite (إضافة):
                # "وكالة الأنباء الجزائرية" is the Algerian news agency, "وكالة جزائرية" only describes one
                definite_generic = k - j >= 2 and keys[j].startswith("ال") and keys[j] in _generic_modifiers()
                if k > j and any(t.key not in _generic_modifiers() for t in tokens[j:k]) and (
                        not _only_nationality(tokens[j:k]) or definite_generic
                        or kind in _ONE_PER_COUNTRY and _strip_prep(keys[i]).startswith("ال")):
                    start = tokens[i].start + _clitic_chars(tokens[i], head[2])
                    end = tokens[k - 1].end
                    ministry = _country_ministry(tokens, j, k) if kind == "ministry" else None
                    if ministry is not None:  # "وزارة الشؤون الاجتماعية الكويتية": Ministry of Social Affairs (Kuwait)
                        last, entity_id, name_en = ministry
                        end = tokens[last].end
                        out.append(Mention(sentence, start, end, original[start:end], "ORG", entity_id, name_en,
                                           "head_noun", 0.7))
                    else:
                        out.append(Mention(sentence, start, end, original[start:end], type_, "", "", "head_noun", 0.6))
        # Armed forces named by their country's adjective: «الجيش الليبي», «للقوات الجوية الكويتية».
        forces = _national_forces(tokens, i, keys, sentence, original)
        if forces is not None:
            out.append(forces)
        # Vessels listed after a ship noun: "سفن روسية (مايا و أنغارا و ماريا)", "السفن ...، وهي مايا وأنغارا".
        if _strip_prep(tokens[i].key) in _VESSEL_HEADS:
            out += _vessel_list(tokens, i, sentence, original)
        # Place after a place noun: "ميناء ناجين", "مدينة بيرم".
        place = _match_phrase(tokens, i, _place_heads(), strip=_strip_prep, keys=keys)
        if place:
            j = i + 1
            k = j
            while k < n and k - j < 2 and _is_name_like(tokens[k]):
                k += 1
            if k > j and not (k - j == 2 and keys[j] in _given_names()):  # "حاكم الإقليم أوليغ كوجيمياكو": a person
                out.append(_mention(tokens, j, k, sentence, original, place[1], "place_head", 0.6))
    return out


@lru_cache(maxsize=65536)
def _may_trigger(key: str) -> bool:
    """Could a role, a head noun, a place noun, a ship noun or an apposition comma start at this token?"""
    triggers = _pattern_triggers()
    return key in triggers or _strip_prep(key) in triggers or key in ("،", ",")


@lru_cache(maxsize=None)
def _pattern_triggers() -> frozenset[str]:
    """First words of the role, organisation-head, place-head and ship phrases."""
    return frozenset({p[0] for p in roles_by_key()} | {p[0] for p in _org_heads()} | {p[0] for p in _place_heads()}
                     | {p[0] for p in _forces()} | _VESSEL_HEADS)


_VESSEL_HEADS = frozenset({"سفينه", "سفن", "السفينه", "السفن", "ناقله", "ناقلات", "الناقله", "الناقلات"})


@lru_cache(maxsize=None)
def _entities_by_name_ar() -> dict[tuple[str, ...], Entity]:
    return {_alias_keys(e.name_ar): e for e in registry().values()}


def _registry_entity(keys: tuple[str, ...]) -> Entity | None:
    """The registry entity whose alias, or Arabic name, is exactly these token keys, if any.

    Arabic names that are also ordinary phrases («روسيا اليوم», «العربية») are no aliases, but in
    quotation marks after «قناة» / «صحيفة» they are names."""
    node = alias_trie()
    for key in keys:
        node = node.get(key) if node is not None else None
    if node is not None and None in node:
        return registry().get(node[None])
    return _entities_by_name_ar().get(keys)


@lru_cache(maxsize=None)
def _vessels_by_name() -> dict[str, Entity]:
    """Registry vessels by the key of their Arabic name (linked only when a ship noun introduces them)."""
    return {match_key(normalize_text(e.name_ar)): e for e in registry().values()
            if e.type == "MISC" and "ship" in e.name_en.lower()}


def _vessel_list(tokens: list[Token], i: int, sentence: int, original: str) -> list[Mention]:
    """Names listed in brackets or after «وهي» within a few words of a ship noun."""
    n = len(tokens)
    j = i + 1
    while j < n and j - i <= 8 and tokens[j].text != "(" and tokens[j].key not in ("هي", "وهي") and tokens[j].text != ".":
        j += 1
    if j >= n or not (tokens[j].text == "(" or tokens[j].key in ("هي", "وهي")):
        return []
    names: list[tuple[int, int]] = []
    k = j + 1
    while k < n and tokens[k].text not in (")", ".", "،", ","):
        tok = tokens[k]
        if tok.key == "و":
            k += 1
            continue
        clitic = 1 if names and len(tok.key) > 3 and tok.key[0] == "و" else 0
        bare = Token(tok.text[clitic:], tok.start + clitic, tok.end, tok.key[clitic:])
        if not _is_name_like(bare) and not tok.text.isascii():
            break
        names.append((k, clitic))
        k += 1
    if len(names) < 2:
        return []
    out = []
    for k, clitic in names:
        start, end = tokens[k].start + clitic, tokens[k].end
        vessel = _vessels_by_name().get(tokens[k].key[clitic:])
        out.append(Mention(sentence, start, end, original[start:end], "MISC", vessel.entity_id if vessel else "",
                           vessel.name_en if vessel else "", "vessel_list", 0.7))
    return out


def _strip_prep(key: str) -> str:
    """Strip و/ف then one of ب/ل/ك from a token key ("ووزارة", "بوزارة", "لوكالة")."""
    key = _strip_conj(key)
    if len(key) > 4 and key.startswith("لل"):  # ل + ال writes its alef away: «للقوات» is ل + «القوات»
        return "ا" + key[1:]
    if len(key) > 3 and key[0] in "بلك" and not key.startswith("ال"):
        key = key[1:]
    return key


_OUTLET_HEAD_KEYS = ("صحيفه", "وكاله", "قناه", "موقع")


def _dateline_outlet(tokens: list[Token], sentence: int, original: str) -> list[Mention]:
    """"بيونغ يانغ - الشرق الأوسط": a short dateline line ending in an outlet's name names the outlet
    (here the newspaper, not the region); [] for any other sentence."""
    head = tokens if len(tokens) <= 10 else tokens[:4]  # a dateline line of its own, or the first sentence's start
    dash = next((k for k, t in enumerate(head) if t.text in ("-", "–", "—")), None)
    if dash is None:
        return []
    end = len(tokens)
    if end > 10:  # "لندن - الشرق الأوسط: كشف ...": the dateline opens the first sentence, up to a colon
        end = next((k for k in range(dash + 2, min(end, dash + 6)) if tokens[k].text == ":"), None)
        if end is None:
            return []
    body = [k for k in range(dash + 1, end) if not _is_punct(tokens[k])]
    if not body or body != list(range(body[0], body[-1] + 1)):
        return []
    entity = _outlet_named(tuple(tokens[k].key for k in body))
    if entity is None:
        return []
    start, end = tokens[body[0]].start, tokens[body[-1]].end
    return [Mention(sentence, start, end, original[start:end], "ORG", entity.entity_id, entity.name_en, "quoted_name", 0.9)]


def _outlet_named(name: tuple[str, ...]):
    """The outlet whose registry alias is a head noun plus ``name`` ("صحيفة" + "الشرق الأوسط"), or None."""
    for head in _OUTLET_HEAD_KEYS:
        entity = _registry_entity((head,) + name)
        if entity is not None and entity.type == "ORG":
            return entity
    return None


def _quoted_outlets(tokens: list[Token], sentence: int, original: str) -> list[Mention]:
    """«الشرق الأوسط» in quotes with no head noun before it: the outlet of that name (a newspaper, an
    agency, a channel), where the bare name is also a region or a place the registry knows."""
    out: list[Mention] = []
    if not tokens:
        return out
    text = original[tokens[0].start:tokens[-1].end]
    if not any(opener in text for opener in QUOTE_PAIRS):
        return out
    firsts = _outlet_first_keys()
    n = len(tokens)
    for j in range(n - 2):
        close = QUOTE_PAIRS.get(tokens[j].text)
        if close is None or tokens[j + 1].key not in firsts:
            continue
        k = next((k for k in range(j + 2, min(n, j + 6)) if tokens[k].text == close), None)
        if k is None:
            continue
        name = tuple(t.key for t in tokens[j + 1:k])
        bare = _registry_entity(name)
        if bare is not None and bare.type == "ORG":
            continue  # «تاس»: the registry's own reading stands
        entity = _outlet_named(name)
        if entity is not None:
            start, end = tokens[j + 1].start, tokens[k - 1].end
            out.append(Mention(sentence, start, end, original[start:end], "ORG", entity.entity_id,
                               entity.name_en, "quoted_name", 0.9))
    return out


@lru_cache(maxsize=None)
def _outlet_first_keys() -> frozenset[str]:
    """First word keys of the names that follow an outlet head noun in a registry alias ("صحيفة الشرق ...")."""
    out = set()
    for entity in registry().values():
        if entity.type != "ORG":
            continue
        for alias in entity.aliases:
            keys = _alias_keys(alias)
            if len(keys) > 1 and keys[0] in _OUTLET_HEAD_KEYS:
                out.add(keys[1])
    return frozenset(out)


def merge_mentions(*layers: list[Mention]) -> list[Mention]:
    """Keep earlier layers' mentions; add a later one only where it overlaps nothing kept."""
    kept: list[Mention] = []
    for layer in layers:
        for m in sorted(layer, key=lambda m: (m.start, -(m.end - m.start))):
            if all(m.end <= k.start or m.start >= k.end for k in kept):
                kept.append(m)
    return sorted(kept, key=lambda m: (m.start, m.end))


_SURNAME_FIRST = frozenset({"KP", "KR", "CN"})  # Korean and Chinese names put the family name first


class NameMemory:
    """The family names of the people an article has named in full, so that a bare family name later in
    the same article ("سيرغي لافروف" ... "وأضاف لافروف", "تشوي سون هوي" ... "وأكدت تشوي") is linked to the
    same person, or, for a person the registry does not know (named after a role: "المدعي العام أندريه
    كوستين"), typed as that person. A family name two people of the article share links to neither."""

    def __init__(self):
        self.family_names: dict[str, tuple[str, str] | None] = {}  # key -> (entity id, full name), None: shared

    def learn(self, mentions: list[Mention]) -> None:
        """Remember the family name of every full person name found in a sentence."""
        for m in mentions:
            if m.type != "PER" or m.method == "family_name" or not m.entity_id and m.method != "role":
                continue
            words = [k for k, _, _ in tokenize_with_offsets(normalize_text(m.text))]
            if len(words) < 2:
                continue
            entity = registry().get(m.entity_id)
            family = match_key(words[0] if entity is not None and entity.country in _SURNAME_FIRST else words[-1])
            if len(family) < 3 or family in function_words() or (family,) in roles_by_key():
                continue
            person = (m.entity_id, m.text if not m.entity_id else "")
            known = self.family_names.get(family, person)
            self.family_names[family] = person if known == person else None


@lru_cache(maxsize=None)
def _portfolios() -> PhraseIndex:
    """Ministries' portfolios (data/lexicons/ministries.csv): Arabic words after «وزارة» -> English."""
    return PhraseIndex({_alias_keys(r["portfolio_ar"]): r["english"] for r in load_table("lexicons/ministries.csv")})


def _country_ministry(tokens: list[Token], j: int, k: int) -> tuple[int, str, str] | None:
    """A ministry named by its portfolio and its country's adjective, the registry lacking it: (its last
    token, entity id "ministry_<portfolio>@<country>", "Ministry of <Portfolio> (<Country>)"), or None.
    Only the whole phrase: «وزارة الشؤون الاجتماعية الكويتية», or «وزارة الخارجية في تايبيه» (the
    country of its city), not «وزارة الدفاع» alone."""
    keys = [t.key for t in tokens]
    found = _portfolios().longest(keys, j)
    if found is None:
        return None
    n, english = found
    nationality = nationality_at(tokens, j + n)
    if nationality is not None and j + n + nationality[0] <= k:
        last, country = j + n + nationality[0] - 1, nationality[1]
    elif j + n + 1 < len(tokens) and keys[j + n] == "في" and (length := _registry_name_length(keys, j + n + 1)):
        # «وزارة الخارجية في تايبيه»: located by its capital (the ministry's name ends before «في»)
        place = _registry_entity(tuple(keys[j + n + 1:j + n + 1 + length]))
        last, country = j + n - 1, country_by_code().get(place.country, "") if place.type == "GPE" else ""
    else:
        return None
    entity = registry().get(country)
    if entity is None:
        return None
    return last, _body_id(f"ministry {english}", country), f"Ministry of {english} ({entity.name_en})"


def _body_id(english: str, country: str) -> str:
    """The entity id of a country's body the registry lacks: "ministry_social_affairs@kuwait" (flows read
    the country after "@")."""
    return re.sub(r"[^a-z]+", "_", english.lower()).strip("_") + "@" + country


@lru_cache(maxsize=None)
def _forces() -> dict[tuple[str, ...], str]:
    """Armed forces' head words (data/lexicons/national_forces.csv) -> English ("Air Force")."""
    return {_alias_keys(r["head_ar"]): r["english"] for r in load_table("lexicons/national_forces.csv")}


def _national_forces(tokens: list[Token], i: int, keys: list[str], sentence: int, original: str) -> Mention | None:
    """An armed force named by its head words and its country's adjective, as an ORG of that country
    (entity id "<force>@<country>", "Kuwait Air Force"); None unless the adjective follows."""
    found = _match_phrase(tokens, i, _forces(), strip=_strip_prep, keys=keys)
    if found is None:
        return None
    n, english, clitic = found
    nationality = nationality_at(tokens, i + n)
    entity = registry().get(nationality[1]) if nationality else None
    if entity is None:
        return None
    start, end = tokens[i].start + clitic, tokens[i + n + nationality[0] - 1].end
    # the nationality lexicon's English: a demonym where known ("Russian Army"), else the country ("Kuwait Air Force")
    return Mention(sentence, start, end, original[start:end], "ORG", _body_id(english, entity.entity_id),
                   f"{nationality[2]} {english}", "head_noun", 0.7)


@lru_cache(maxsize=None)
def _speech_verbs() -> frozenset[str]:
    """Reporting verbs (data/lexicons/cues.csv, kind verb), with و or ف before them."""
    verbs = {match_key(normalize_text(r["cue_ar"])) for r in load_table("lexicons/cues.csv") if r["kind"] == "verb"}
    return frozenset(verbs | {c + v for v in verbs for c in "وف"})


def _one_letter_apart(a: str, b: str) -> bool:
    """One letter added, dropped or changed (a transliteration variant: «كاميش» / «كاميتش»)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:k] + long_[k + 1:] == short for k in range(len(long_)))


def _spelling_variant(tokens: list[Token], i: int, names: dict) -> str | None:
    """The remembered family name a token spells another way, where a name must stand: right after a
    speech verb, the token unknown to every lexicon, both at least five letters long, first letters
    equal, one letter apart, and only one remembered name so close."""
    key = tokens[i].key
    if i == 0 or tokens[i - 1].key not in _speech_verbs() or len(key) < 5 or key.startswith("ال") \
            or key in function_words():
        return None
    close = [n for n, person in names.items() if person and len(n) >= 5 and n[0] == key[0] and _one_letter_apart(n, key)]
    return close[0] if len(close) == 1 else None


def family_name_mentions(tokens: list[Token], sentence: int, original: str, memory: NameMemory) -> list[Mention]:
    """Bare family names of people named in full earlier in the article (see ``NameMemory``)."""
    names, entities, out = memory.family_names, registry(), []
    if not names:
        return out
    syllables = _korean_syllables()
    for i, token in enumerate(tokens):
        key = token.key
        if key not in names and key[1:] not in names and key[2:] not in names:
            variant = _spelling_variant(tokens, i, names)
            if variant:  # "وأشار كاميتش" after "كوسينياك كاميش": one letter apart, right after a speech verb
                entity_id = names[variant][0]
                out.append(Mention(sentence, token.start, token.end, token.text, "PER", entity_id,
                                   entities[entity_id].name_en if entity_id else "", "family_name", 0.6))
            continue  # clitics take at most two letters off ("وبلافروف" -> "لافروف")
        for clitic, reading in clitic_readings(key):
            person = names.get(reading)
            if not person:
                continue
            before = tokens[i - 1].key if i else ""
            after = tokens[i + 1].key if i + 1 < len(tokens) else ""
            if before in syllables or after in syllables or after in _given_names():
                break  # part of a longer name ("كيم يو جونغ"), or a given name starts another person's
            start = token.start + _clitic_chars(token, clitic)
            entity_id = person[0]
            name_en = entities[entity_id].name_en if entity_id else ""
            out.append(Mention(sentence, start, token.end, original[start:token.end], "PER", entity_id,
                               name_en, "family_name", 0.8 if entity_id else 0.6))
            break
    return out


def find_mentions(sentence_text: str, sentence: int, offset: int, original: str, ner_backend=None,
                  tokens: list[Token] | None = None, names: NameMemory | None = None) -> list[Mention]:
    """All entity mentions of one sentence (absolute offsets into ``original``).

    ``names``: the article's ``NameMemory``; bare family names of people it named in full are linked too."""
    tokens = tokens if tokens is not None else sentence_tokens(sentence_text, offset)
    patterns = pattern_mentions(tokens, sentence, original)
    # A quoted name the registry knows (قناة "روسيا اليوم") outranks the shorter names inside it.
    quoted = [m for m in patterns if m.method == "quoted_name" and m.entity_id] + \
        _dateline_outlet(tokens, sentence, original) + _quoted_outlets(tokens, sentence, original)
    layers = [quoted, registry_mentions(tokens, sentence, original)]
    if ner_backend is not None:
        layers.append(ner_backend.mentions(tokens, sentence, original))
    layers.append(patterns)
    if names is not None:
        layers.append(family_name_mentions(tokens, sentence, original, names))
    return merge_mentions(*layers)


class EntityTally:
    """Counts mentions per canonical entity (and per spelling for unlinked names) across a corpus."""

    def __init__(self):
        self._mentions: dict[tuple[str, str], int] = {}
        self._docs: dict[tuple[str, str], set[str]] = {}
        self._spellings: dict[tuple[str, str], dict[str, int]] = {}
        self._types: dict[tuple[str, str], str] = {}
        self._names: dict[tuple[str, str], str] = {}

    def add(self, mention_rows: list[dict]) -> None:
        for row in mention_rows:
            key = (row["entity_id"], "") if row["entity_id"] else ("", match_key(normalize_text(row["text"])))
            self._mentions[key] = self._mentions.get(key, 0) + 1
            self._docs.setdefault(key, set()).add(row["doc_id"])
            spellings = self._spellings.setdefault(key, {})
            spellings[row["text"]] = spellings.get(row["text"], 0) + 1
            self._types.setdefault(key, row["type"])
            self._names.setdefault(key, row.get("name_en", ""))  # composed entities are in no registry

    def rows(self) -> list[dict]:
        """entities.csv rows: linked entities by mentions (desc) then id, then unlinked names."""
        entities = registry()
        out = []
        for key in sorted(self._mentions, key=lambda k: (k[0] == "", -self._mentions[k], k)):
            entity_id = key[0]
            spellings = sorted(self._spellings[key], key=lambda t: (-self._spellings[key][t], t))
            entity = entities.get(entity_id)
            out.append({
                "entity_id": entity_id,
                "type": entity.type if entity else self._types[key],
                "name_en": entity.name_en if entity else self._names.get(key, ""),
                "name_ar": entity.name_ar if entity else spellings[0],
                "wikidata": entity.wikidata if entity else "",
                "aliases": "|".join(spellings),
                "n_mentions": self._mentions[key],
                "n_docs": len(self._docs[key]),
            })
        return out
