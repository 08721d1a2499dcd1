"""The table writer: Parquet and xlsx beside the CSV files, spreadsheet-safe cells, atomic and locked output."""
import csv
import json
import os
import signal
import subprocess
import sys
import time

import pandas as pd
import pytest

from analysis.pipeline import run_extraction
from analysis.tables import TABLES, OutputError, TableWriter, read_table, spreadsheet_safe

from .conftest import ROOT, SEEDS


def _csv_cells(path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def _same(cell: str, value) -> bool:
    """A CSV cell and the typed value the Parquet file holds for it (null <-> empty cell)."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return cell == ""
    if isinstance(value, float):
        return cell != "" and float(cell) == value
    return cell == str(value)


@pytest.fixture(scope="module")
def seed_out_all_formats(tmp_path_factory):
    out = tmp_path_factory.mktemp("formats")
    run_extraction(SEEDS, out, quiet=True, formats=("parquet", "xlsx"))
    return out


def test_parquet_tables_hold_the_same_rows_as_the_csv_tables(seed_out_all_formats):
    for name, (columns, _) in TABLES.items():
        cells = _csv_cells(seed_out_all_formats / f"{name}.csv")
        frame = pd.read_parquet(seed_out_all_formats / f"{name}.parquet")
        assert tuple(frame.columns) == columns == tuple(cells[0])
        rows = list(frame.astype(object).itertuples(index=False))
        assert len(rows) == len(cells) - 1, name
        bad = [(name, i, cell, value) for i, (row, csv_row) in enumerate(zip(rows, cells[1:]))
               for value, cell in zip(row, csv_row) if not _same(cell, value)]
        assert bad == []


def test_parquet_columns_are_typed(seed_out_all_formats):
    quantities = pd.read_parquet(seed_out_all_formats / "quantities.parquet")
    assert str(quantities["start"].dtype) == "Int64" and str(quantities["value"].dtype) == "Float64"
    assert quantities["value_max"].isna().any()  # an empty cell is null, not ""
    assert str(quantities["text"].dtype) == "string"


def test_xlsx_has_one_sheet_per_table_with_every_cell_as_text(seed_out_all_formats):
    sheets = pd.read_excel(seed_out_all_formats / "tables.xlsx", sheet_name=None, dtype=str, keep_default_na=False)
    assert list(sheets) == list(TABLES)
    documents = sheets["documents"]
    assert len(documents) == 5
    cells = _csv_cells(seed_out_all_formats / "documents.csv")
    column = cells[0].index("n_chars")
    assert documents["n_chars"].tolist() == [row[column] for row in cells[1:]]


def test_run_manifest_is_written_last_with_counts(seed_out_all_formats):
    manifest = json.loads((seed_out_all_formats / "run.json").read_text(encoding="utf-8"))
    assert manifest["files"] == 5 and manifest["formats"] == ["csv", "parquet", "xlsx"]
    assert manifest["tables"]["documents"] == 5
    assert manifest["tables"]["quantities"] == len(read_table(seed_out_all_formats, "quantities"))
    assert not (seed_out_all_formats / ".partial").exists()


def test_formula_like_text_gets_an_apostrophe_only_in_spreadsheet_safe_mode():
    assert [spreadsheet_safe(v) for v in ["=HYPERLINK(1)", "+1", "-x", "@SUM", "\tA", "نص", -3, 2.5]] == \
        ["'=HYPERLINK(1)", "'+1", "'-x", "'@SUM", "'\tA", "نص", -3, 2.5]


def test_spreadsheet_safe_csv_neutralises_a_hostile_file_name(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "=cmd.txt").write_text("قال الوزير إن روسيا أرسلت النفط.", encoding="utf-8")
    run_extraction(corpus, tmp_path / "exact", quiet=True)
    run_extraction(corpus, tmp_path / "safe", quiet=True, spreadsheet_safe=True)
    assert _csv_cells(tmp_path / "exact" / "documents.csv")[1][0] == "=cmd"  # exact by default
    safe = _csv_cells(tmp_path / "safe" / "documents.csv")
    assert safe[1][0] == "'=cmd" and not any(c.startswith(("=", "+", "@")) for row in safe for c in row)


def test_a_failed_run_leaves_the_previous_output_untouched(tmp_path):
    out = tmp_path / "out"
    run_extraction(SEEDS, out, quiet=True)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p.name != ".lock"}
    with pytest.raises(RuntimeError, match="boom"):
        with TableWriter(out) as writer:
            writer.write("warnings", [{"source": "x", "message": "half a run"}])
            raise RuntimeError("boom")
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p.name != ".lock"}
    assert after == before
    assert not (out / ".partial").exists()


def test_a_killed_run_leaves_the_previous_output_untouched(tmp_path):
    out = tmp_path / "out"
    run_extraction(SEEDS, out, quiet=True)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p.name != ".lock"}
    script = ("import sys, time\nfrom analysis.tables import TableWriter\n"
              f"with TableWriter({str(out)!r}) as w:\n"
              "    w.write('warnings', [{'source': 'x', 'message': 'y'}])\n"
              "    print('writing', flush=True)\n    time.sleep(60)\n")
    child = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "writing"
    child.send_signal(signal.SIGKILL)
    child.wait()
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p.name != ".lock"}
    assert after == before
    run_extraction(SEEDS, out, quiet=True)  # the next run clears what the killed one left
    assert not (out / ".partial").exists()


def test_a_second_run_into_the_same_folder_is_refused_while_the_first_writes(tmp_path):
    out = tmp_path / "out"
    script = ("import time\nfrom analysis.tables import TableWriter\n"
              f"with TableWriter({str(out)!r}) as w:\n    print('writing', flush=True)\n    time.sleep(60)\n")
    child = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "writing"
        result = subprocess.run([sys.executable, "-m", "analysis", "extract", str(SEEDS), "--out", str(out), "--quiet"],
                                capture_output=True, text=True, cwd=ROOT, timeout=300)
        assert result.returncode == 3
        assert "in use by another run" in result.stderr and "Traceback" not in result.stderr
    finally:
        child.kill()
        child.wait()


def test_an_output_path_that_is_a_file_is_a_one_line_error(tmp_path):
    (tmp_path / "taken").write_text("not a folder")
    result = subprocess.run([sys.executable, "-m", "analysis", "extract", str(SEEDS), "--out", str(tmp_path / "taken"),
                             "--quiet"], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 3 and result.stderr.startswith("error: cannot write into")
    assert "Traceback" not in result.stderr


def test_an_unreachable_dask_scheduler_is_a_one_line_error(tmp_path):
    result = subprocess.run([sys.executable, "-m", "analysis", "extract", str(SEEDS), "--out", str(tmp_path / "o"),
                             "--quiet", "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9"],
                            capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 4 and "cannot be reached" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "o" / "documents.csv").exists()


def test_unknown_format_is_refused():
    with pytest.raises(ValueError, match="unknown table format"):
        TableWriter(ROOT / "unused", formats=("json",))


def test_the_readme_duckdb_query_answers_from_the_parquet_tables(seed_out_all_formats):
    import re

    import duckdb

    sql = re.search(r"```sql\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S).group(1)
    rows = duckdb.sql(sql.replace("OUT/", f"{seed_out_all_formats}/")).fetchall()
    flows = read_table(seed_out_all_formats, "flows")
    expected = flows[(flows.to_entity_id == "russia") & (flows.quantity_value.astype(str) != "")]
    assert len(rows) == len(expected) > 0
    assert {r[1] for r in rows} == set(expected.from_name_en)


def test_a_write_that_fails_is_a_one_line_error_and_the_previous_output_stays(tmp_path, monkeypatch):
    out = tmp_path / "out"
    run_extraction(SEEDS, out, quiet=True)
    before = (out / "documents.csv").read_bytes()

    class FullDisk:
        def writerows(self, rows):
            raise OSError(28, "No space left on device")

    with pytest.raises(OutputError, match="No space left on device"):
        with TableWriter(out) as writer:
            writer._writers["documents"] = FullDisk()
            writer.write("documents", [])
    assert (out / "documents.csv").read_bytes() == before
