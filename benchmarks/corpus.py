"""A deterministic synthetic corpus for benchmarks: recombined seed paragraphs with generated variation.

Each article takes 8-20 paragraphs drawn (with a fixed random seed) from the seed articles, and varies
them: numbers are rescaled, years shifted, and some country / leader names swapped for others of the
registry, so the extractor meets new combinations rather than the same five texts.
"""
from __future__ import annotations

import random
import re
from pathlib import Path

from analysis.ingest import open_corpus
from analysis.resources import DEFAULT_CORPUS
from analysis.segment import segment

_SWAPS = [("روسيا", ["الصين", "إيران", "بيلاروسيا", "روسيا"]), ("بوتين", ["لافروف", "شويغو", "بوتين"]),
          ("بيونغ يانغ", ["بيونج يانج", "بيونغيانغ", "بيونغ يانغ"]), ("الولايات المتحدة", ["اليابان", "كوريا الجنوبية", "الولايات المتحدة"])]


def seed_paragraphs() -> list[str]:
    """Every cleaned paragraph of the seed articles."""
    paragraphs = []
    for doc in open_corpus(DEFAULT_CORPUS).documents():
        if doc.ok:
            seg = segment(doc.text)
            paragraphs += [doc.text[p.start:p.end] for p in seg.paragraphs]
    return paragraphs


def _vary(paragraph: str, rng: random.Random) -> str:
    def number(m):
        value = int(m.group(0))
        if 1990 <= value <= 2030:
            return str(value + rng.choice((-1, 0, 0, 1)))
        return str(max(1, int(value * rng.uniform(0.5, 1.5))))

    text = re.sub(r"\d+", number, paragraph)
    for old, options in _SWAPS:
        if old in text and rng.random() < 0.3:
            text = text.replace(old, rng.choice(options))
    return text


def build_corpus(out_dir: Path, docs: int, seed: int = 20241122) -> tuple[int, int]:
    """Write ``docs`` articles into ``out_dir``; return (articles, characters)."""
    rng = random.Random(seed)
    paragraphs = seed_paragraphs()
    out_dir.mkdir(parents=True, exist_ok=True)
    chars = 0
    for i in range(docs):
        body = "\n".join(_vary(rng.choice(paragraphs), rng) for _ in range(rng.randint(8, 20)))
        (out_dir / f"bench_{i:06d}.txt").write_text(body, encoding="utf-8")
        chars += len(body)
    return docs, chars
