"""Benchmark: the full extraction on a deterministic synthetic corpus, against a camel-tools baseline.

    python -m benchmarks.bench --docs 2000 [--workers 1]

Builds (or reuses) ``build/bench_corpus_<docs>/``, runs ``run_extraction`` on it, and in the same run
times camel-tools' normalization (unicode, alef, alef maksura, teh marbuta, dediacritization) plus
``simple_word_tokenize`` over the same texts in one process. The last line printed is one JSON object:
docs, chars, seconds, chars_per_s, baseline_seconds, ratio_vs_camel, workers, peak_rss_mb.
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

from camel_tools.tokenizers.word import simple_word_tokenize
from camel_tools.utils.dediac import dediac_ar
from camel_tools.utils.normalize import (normalize_alef_ar, normalize_alef_maksura_ar, normalize_teh_marbuta_ar,
                                         normalize_unicode)

from analysis.pipeline import run_extraction
from analysis.resources import PROJECT_ROOT

from .corpus import build_corpus


def baseline(paths: list[Path]) -> float:
    """Seconds for camel-tools normalization + simple_word_tokenize over every file, one process."""
    start = time.perf_counter()
    for path in paths:
        text = path.read_text(encoding="utf-8")
        text = dediac_ar(normalize_teh_marbuta_ar(normalize_alef_maksura_ar(normalize_alef_ar(normalize_unicode(text)))))
        simple_word_tokenize(text)
    return time.perf_counter() - start


def peak_rss_mb() -> float:
    """Peak resident memory of this process and of its largest worker process, in MB (Linux: KB units)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(own, children) / 1024, 1)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--engine", choices=("local", "dask"), default="local")
    args = parser.parse_args(argv)

    corpus = PROJECT_ROOT / "build" / f"bench_corpus_{args.docs}"
    if not corpus.exists() or len(list(corpus.glob("*.txt"))) != args.docs:
        build_corpus(corpus, args.docs)
    paths = sorted(corpus.glob("*.txt"))
    chars = sum(len(p.read_text(encoding="utf-8")) for p in paths)
    print(f"corpus: {args.docs} articles, {chars:,} characters in {corpus}", flush=True)

    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        counts = run_extraction(corpus, Path(out), quiet=True, workers=args.workers, engine=args.engine,
                                progress=sys.stderr.isatty())
        seconds = time.perf_counter() - start
    print("rows: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()), flush=True)
    base = baseline(paths)
    result = {
        "docs": args.docs,
        "chars": chars,
        "seconds": round(seconds, 2),
        "chars_per_s": round(chars / seconds),
        "baseline_seconds": round(base, 2),
        "ratio_vs_camel": round(seconds / base, 2),
        "workers": args.workers,
        "peak_rss_mb": peak_rss_mb(),
    }
    print(f"extraction {seconds:.1f} s ({result['chars_per_s']:,} chars/s); camel-tools baseline {base:.2f} s; "
          f"ratio {result['ratio_vs_camel']}; peak RSS {result['peak_rss_mb']} MB")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
