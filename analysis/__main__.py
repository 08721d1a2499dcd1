"""Command line: ``python -m analysis extract INPUT_DIR --out OUT_DIR`` and ``python -m analysis notebooks``."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .tables import describe_tables


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analysis", description="Arabic news research workbook.")
    sub = parser.add_subparsers(dest="command", required=True)

    extract = sub.add_parser(
        "extract",
        help="extract tables from a folder of Arabic articles",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=(
            "Read every file in INPUT_DIR (one article per file; doc_id = file name without extension;\n"
            "an optional metadata.csv with doc_id,title,outlet,url,published is joined, not read as an article)\n"
            "and write UTF-8 CSV tables into OUT_DIR. Unreadable files are reported, never dropped.\n"
            "OUT_DIR's previous tables are replaced only when the run completes (run.json is written last);\n"
            "a second run into the same OUT_DIR while one is writing is refused.\n\n"
            "Exit status: 0 done; 2 bad arguments, corpus folder missing or NER unavailable; 3 OUT_DIR\n"
            "unusable (in use by another run, not writable, disk full): its previous output is unchanged;\n"
            "4 the Dask scheduler cannot be reached.\n\n"
            "Tables:\n" + describe_tables()
        ),
    )
    extract.add_argument("input_dir", type=Path, metavar="INPUT_DIR")
    extract.add_argument("--out", type=Path, required=True, metavar="OUT_DIR")
    extract.add_argument("--quiet", action="store_true", help="no progress bar, no summary (warnings still go to stderr)")
    extract.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                         help="processes sharing the work (default: all cores); the tables are identical to 1 worker's")
    extract.add_argument("--engine", choices=("local", "dask"), default="local",
                         help="local processes, or a Dask cluster (see --scheduler)")
    extract.add_argument("--scheduler", default=None, metavar="ADDRESS",
                         help="Dask scheduler address (tcp://host:8786); default: a local cluster of --workers processes")
    extract.add_argument("--batch-size", type=int, default=32, help="articles per unit of work (default 32)")
    extract.add_argument("--format", dest="formats", action="append", choices=("parquet", "xlsx"), default=[],
                         help="also write the tables as Parquet files (<table>.parquet) or as one spreadsheet "
                              "(tables.xlsx, every cell text); repeatable. CSV is always written")
    extract.add_argument("--spreadsheet-safe", action="store_true",
                         help="prefix an apostrophe to CSV cells starting with = + - @ tab or CR, so that a "
                              "spreadsheet does not run them as formulas (the CSV then no longer holds the exact text)")
    extract.add_argument("--ner", choices=("none", "camel"), default="none",
                         help="add camel-tools' NER model under the registry (needs `camel_data -i ner-arabert`)")
    extract.add_argument("--ner-model", type=Path, default=None, metavar="PATH",
                         help="a fine-tuned BERT token-classification model folder for camel-tools' NERecognizer")

    nbs = sub.add_parser("notebooks", help="run every numbered notebook headless (papermill) and render HTML")
    nbs.add_argument("--corpus", type=Path, default=None, help="corpus folder (default: seeds/)")
    nbs.add_argument("--out", type=Path, default=None, help="output folder (default: outputs/<corpus name>)")
    nbs.add_argument("--kernel", default=None, help="Jupyter kernel name (default: the one `make` registers)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "extract":
        from .pipeline import run_extraction

        if not args.input_dir.is_dir():
            print(f"error: corpus folder not found: {args.input_dir}", file=sys.stderr)
            return 2
        backend = None
        if args.ner == "camel" or args.ner_model:
            from .ner import CamelNerBackend, NerUnavailable

            try:
                backend = CamelNerBackend.load(args.ner_model)
            except NerUnavailable as err:
                print(f"error: {err}", file=sys.stderr)
                return 2
        from .pipeline import SchedulerUnreachable
        from .tables import OutputError

        try:
            run_extraction(args.input_dir, args.out, quiet=args.quiet, ner_backend=backend, workers=args.workers,
                           engine=args.engine, scheduler=args.scheduler, batch_size=args.batch_size,
                           formats=tuple(args.formats), spreadsheet_safe=args.spreadsheet_safe)
        except OutputError as err:
            print(f"error: {err}", file=sys.stderr)
            return 3
        except SchedulerUnreachable as err:
            print(f"error: {err}; the previous output in {args.out} is unchanged", file=sys.stderr)
            return 4
        return 0
    if args.command == "notebooks":
        from .report import run_notebooks

        if args.corpus is not None and not args.corpus.is_dir():
            print(f"error: corpus folder not found: {args.corpus}", file=sys.stderr)
            return 2
        try:
            run_notebooks(corpus=args.corpus, out=args.out, kernel=args.kernel)
        except ValueError as err:
            print(f"error: {err}", file=sys.stderr)
            return 2
        return 0
    return 1


if __name__ == "__main__":
    sys.exit(main())
