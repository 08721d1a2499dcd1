"""Loading the curated Arabic lexicons of ``data/lexicons`` into matching keys."""
from __future__ import annotations

from functools import lru_cache

from .normalize import normalize_text, tokenize_with_offsets
from .resources import DATA_DIR, load_table

# Letters that transliterations of foreign names write either way: بيونغ / بيونج, ڤ / ف, پ / ب.
_FOLD = str.maketrans({"غ": "ج", "گ": "ج", "ڤ": "ف", "پ": "ب", "ـ": None})


def match_key(normalized: str) -> str:
    """Matching key of an already normalized token: transliteration variants folded, Latin lower-cased."""
    return normalized.translate(_FOLD).lower()


def phrase_key(text: str) -> tuple[str, ...]:
    """Token keys of a lexicon phrase, tokenized and normalized like sentence text."""
    return tuple(match_key(normalize_text(tok)) for tok, _, _ in tokenize_with_offsets(text))


@lru_cache(maxsize=None)
def load_lines(relative: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of a text lexicon under ``data/``."""
    lines = (DATA_DIR / relative).read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#"))


PRONOUN_SUFFIXES = ("هما", "هم", "ها", "ه")  # object pronouns on a verb: "زودتها", "أرسلتهم"


def word_keys(*words: str) -> frozenset[str]:
    """Matching keys of words written in code (normalized and folded like sentence tokens)."""
    return frozenset(match_key(normalize_text(w)) for w in words)


def lexicon_keys(words) -> frozenset[str]:
    """Matching keys of single words."""
    return frozenset(match_key(normalize_text(w)) for w in words)


@lru_cache(maxsize=None)
def function_words() -> frozenset[str]:
    return lexicon_keys(load_lines("lexicons/function_words.txt"))


@lru_cache(maxsize=None)
def cue_verbs() -> frozenset[str]:
    """Keys of the reporting and transfer verbs (``cues.csv``, ``transfer_cues.csv``), single words only."""
    words = [r["cue_ar"] for r in load_table("lexicons/cues.csv")] + \
        [r["cue_ar"] for r in load_table("lexicons/transfer_cues.csv")]
    return lexicon_keys(w for w in words if " " not in w)


@lru_cache(maxsize=None)
def roles_by_key() -> dict[tuple[str, ...], str]:
    """Role phrases (وزير الخارجية, المتحدث ...) as token keys -> English role."""
    return {phrase_key(r["role_ar"]): r["role_en"] for r in load_table("lexicons/roles.csv")}


@lru_cache(maxsize=None)
def nationality_keys() -> dict[tuple[str, ...], tuple[str, str]]:
    """Nationality adjectives (الروسي, الكورية الشمالية ...) as token keys -> (entity_id, English)."""
    rows = load_table("lexicons/nationalities.csv") + load_table("lexicons/world_nationalities.csv")  # curated, generated
    out: dict[tuple[str, ...], tuple[str, str]] = {}
    for r in rows:
        out.setdefault(phrase_key(r["adjective_ar"]), (r["entity_id"], r["english"]))
    return out


def nationality_at(tokens, j: int) -> tuple[int, str, str] | None:
    """The longest nationality adjective starting at token ``j`` (tokens with a ``key``):
    (n_tokens, entity_id, English), or None."""
    for n in (3, 2, 1):
        key = tuple(t.key for t in tokens[j:j + n])
        if len(key) == n and key in nationality_keys():
            entity_id, english = nationality_keys()[key]
            return n, entity_id, english
    return None


class PhraseIndex:
    """Multi-word phrases (tuples of token keys) indexed by their first key, for longest-match lookups."""

    def __init__(self, phrases: dict[tuple[str, ...], object]):
        self.by_first: dict[str, list[tuple[tuple[str, ...], object]]] = {}
        for phrase, value in phrases.items():
            self.by_first.setdefault(phrase[0], []).append((phrase, value))
        for entries in self.by_first.values():
            entries.sort(key=lambda e: -len(e[0]))  # longest first

    def longest(self, keys: list[str], i: int, first: str | None = None) -> tuple[int, object] | None:
        """Longest phrase starting at keys[i] (its first key read as ``first`` if given): (n_keys, value)."""
        for phrase, value in self.by_first.get(keys[i] if first is None else first, ()):
            n = len(phrase)
            if i + n <= len(keys) and all(keys[i + k] == phrase[k] for k in range(1, n)):
                return n, value
        return None


RELATIVE_PRONOUNS = word_keys("التي", "الذي", "الذين", "والتي", "والذي")


@lru_cache(maxsize=None)
def _word_classes(relative: str) -> dict[str, frozenset[str]]:
    """A word-class file under data/rules/ (columns class, word, what the class does): class -> keys."""
    classes: dict[str, set[str]] = {}
    for row in load_table(relative):
        classes.setdefault(row["class"], set()).add(match_key(normalize_text(row["word"])))
    return {name: frozenset(keys) for name, keys in classes.items()}


def flow_words(name: str) -> frozenset[str]:
    """Matching keys of a word class of ``data/rules/flow_word_classes.csv`` (hedges, plan words ...)."""
    return _word_classes("rules/flow_word_classes.csv")[name]


def statement_words(name: str) -> frozenset[str]:
    """Matching keys of a word class of ``data/rules/statement_word_classes.csv`` (speech nouns, stop words ...)."""
    return _word_classes("rules/statement_word_classes.csv")[name]


# English glosses of past-tense cues that do not end in "-ed"
_IRREGULAR_PAST = frozenset({"sent", "sold", "gave", "bought", "paid", "took", "lent", "brought", "got"})


def past_tense_forms(key: str, english: str) -> tuple[str, ...]:
    """The other persons of a past-tense verb cue written in its masculine singular form (its English
    gloss is a past form): feminine -ت, plural -وا, feminine dual -تا («تبرع» -> «تبرعت», «تبرعوا»,
    «تبرعتا»; a final ى/ي falls before them: «اشترى» -> «اشترت», «اشتروا»). None for rows glossed as a
    present tense, a verbal noun or a noun, nor for words with the article or a final ة."""
    if not (english.endswith("ed") or english in _IRREGULAR_PAST) or len(key) < 3 \
            or key.endswith(("ت", "وا", "ا", "ة", "ه")) or key.startswith("ال"):
        return ()
    stem = key[:-1] if key[-1] in "يى" else key
    return (stem + "ت", stem + "وا", stem + "تا")
