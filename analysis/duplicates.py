"""Near-duplicate articles: the same wire story copied by several outlets, or reused paragraphs.

Each article gets a MinHash signature of its word 5-grams (``signature``: 128 numbers, 1 KB, computed
where the article is extracted); ``near_duplicates`` finds, by locality-sensitive hashing over bands
of the signatures, the pairs whose estimated Jaccard similarity of 5-grams reaches ``THRESHOLD``, and
names for each copy the earliest article of its group (in corpus order). The ledger then counts a
group of copies as one independent source.

Why not datasketch: its package imports scipy, which the lean environment leaves out (about 110 MB
for one integral); MinHash with banded LSH is the same technique in forty lines of numpy.
"""
from __future__ import annotations

import hashlib
import re

import numpy as np

from .normalize import normalize_text

SHINGLE = 5  # words per shingle: long enough that two articles on one subject share few by chance
PERMUTATIONS = 128
BANDS, ROWS = 32, 4  # 32 bands of 4 rows: pairs from about 0.4 similarity up become candidates
THRESHOLD = 0.5  # estimated Jaccard similarity of 5-grams from which two articles are copies
_PRIME = np.uint64((1 << 61) - 1)
_MASK = np.uint64((1 << 32) - 1)
_rng = np.random.RandomState(20261129)  # fixed: the same corpus gives the same signatures, run after run
_A = _rng.randint(1, (1 << 31) - 1, size=PERMUTATIONS, dtype=np.int64).astype(np.uint64)
_B = _rng.randint(0, (1 << 31) - 1, size=PERMUTATIONS, dtype=np.int64).astype(np.uint64)
_WORD = re.compile(r"\w+")


def shingles(text: str) -> set[str]:
    """The word 5-grams of a text, normalized (diacritics, alef and hamza forms, tatweel folded)."""
    words = _WORD.findall(normalize_text(text))
    return {" ".join(words[k:k + SHINGLE]) for k in range(len(words) - SHINGLE + 1)}


def signature(text: str) -> np.ndarray | None:
    """The MinHash signature of a text (``PERMUTATIONS`` uint32 numbers), or None when it has fewer than
    ``SHINGLE`` words (too short to call a copy)."""
    grams = shingles(text)
    if not grams:
        return None
    hashes = np.fromiter((int.from_bytes(hashlib.blake2b(g.encode("utf-8"), digest_size=4).digest(), "little")
                          for g in grams), dtype=np.uint64, count=len(grams))
    permuted = (hashes[:, None] * _A[None, :] + _B[None, :]) % _PRIME & _MASK
    return permuted.min(axis=0).astype(np.uint32)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two articles' 5-grams: the share of equal signature numbers."""
    return float(np.mean(a == b))


def near_duplicates(signatures: list[tuple[str, np.ndarray | None]],
                    threshold: float = THRESHOLD) -> dict[str, tuple[str, float]]:
    """Copies among articles given in corpus order as (doc_id, signature): {copy: (original, similarity)}.

    The original of a group of copies is its earliest article; the similarity is the copy's with it (or
    with the member it was found through, when copies chain). Articles with no signature have none."""
    order = {doc_id: k for k, (doc_id, _) in enumerate(signatures)}
    by_id = {doc_id: sig for doc_id, sig in signatures if sig is not None}
    parent = {doc_id: doc_id for doc_id in by_id}

    def root(doc_id: str) -> str:
        while parent[doc_id] != doc_id:
            parent[doc_id] = parent[parent[doc_id]]
            doc_id = parent[doc_id]
        return doc_id

    best: dict[str, tuple[str, float]] = {}
    for band in range(BANDS):  # one band's buckets at a time: memory stays one entry per article
        buckets: dict[bytes, list[str]] = {}
        for doc_id, sig in by_id.items():
            buckets.setdefault(sig[band * ROWS:(band + 1) * ROWS].tobytes(), []).append(doc_id)
        for members in buckets.values():
            for k, first in enumerate(members):
                for second in members[k + 1:]:
                    a, b = root(first), root(second)
                    if a == b:
                        continue  # already known copies of one article
                    score = similarity(by_id[first], by_id[second])
                    if score < threshold:
                        continue
                    parent[max(a, b, key=order.get)] = min(a, b, key=order.get)  # the earlier one stays the root
                    earlier, later = sorted((first, second), key=order.get)
                    if later not in best or score > best[later][1]:
                        best[later] = (earlier, score)
    out = {}
    for doc_id in sorted(by_id, key=order.get):
        original = root(doc_id)
        if original != doc_id:
            direct = similarity(by_id[doc_id], by_id[original])
            shown = direct if direct >= threshold else best.get(doc_id, (original, direct))[1]  # a chain of copies
            out[doc_id] = (original, round(shown, 3))
    return out
