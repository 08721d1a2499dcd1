"""A probe of bad input, hostile content and faults: nothing lost, nothing garbled, nothing injected.

One corpus holds most kinds of bad input at once (each file names its kind); metadata faults need a
corpus each. The checks are what the README's "What the workbook promises" section states."""
import codecs
import csv
import os
import subprocess
import sys

import openpyxl
import pytest

from analysis.ingest import decode_bytes
from analysis.pipeline import run_extraction
from analysis.tables import FORMULA_PREFIXES, TABLES, read_table

from .conftest import ROOT

ARABIC = "قال وزير الخارجية الروسي سيرغي لافروف إن روسيا أرسلت 100 ألف طن من القمح إلى مصر في مارس 2024."
HOSTILE = "<marquee>تحذير</marquee> <img src=x onerror=alert(1)> قال المتحدث إن 5 شاحنات وصلت إلى غزة."

# file name -> bytes. Every kind of file content the probe feeds in (the names say which kind).
FILES = {
    "empty.txt": b"",
    "whitespace.txt": b"  \n\t\n   ",
    "zero_width_only.txt": "\u200b\u200c\u200d\ufeff".encode(),
    "png_header.txt": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
    "nul_bytes.txt": b"abc\x00\x00\x00def" * 50,
    "utf8_bom.txt": codecs.BOM_UTF8 + ARABIC.encode(),
    "utf16_le_bom.txt": codecs.BOM_UTF16_LE + ARABIC.encode("utf-16-le"),
    "utf16_be_bom.txt": codecs.BOM_UTF16_BE + ARABIC.encode("utf-16-be"),
    "utf16_le_no_bom.txt": ARABIC.encode("utf-16-le"),
    "utf32.txt": ARABIC.encode("utf-32"),
    "cp1256.txt": ARABIC.encode("cp1256"),
    "utf8_cut_mid_character.txt": ARABIC.encode()[:-3] + "ب".encode()[:1],
    "utf8_five_bad_bytes.txt": ARABIC.encode()[:60] + b"\xff\xfe\xfa\xfb\xfc" + ARABIC.encode()[60:],
    "utf8_with_cp1256_line.txt": (ARABIC + "\n").encode() * 5 + "سطر بترميز آخر".encode("cp1256"),
    "latin1_english.txt": "Caf\xe9 d\xe9j\xe0 vu, na\xefve r\xe9sum\xe9 of the talks.".encode("latin-1"),
    "one_long_line.txt": ("كلمة " * 40_000).encode(),
    "one_huge_word.txt": ("ب" * 50_000).encode(),
    "one_word_veto.txt": "الفيتو".encode(),
    "one_word_approval.txt": "اعتماد".encode(),
    "headline_ending_on_transfer_word.txt": "كوريا الشمالية تزيد الصادرات".encode(),
    "punctuation_only.txt": "؟!..،،؛:«»".encode(),
    "digits_only.txt": "1234567890 ٠١٢٣٤٥٦٧٨٩".encode(),
    "huge_number.txt": "أرسلت روسيا 999999999999999999999999999 دولار إلى مصر.".encode(),
    "script_tag.txt": "<script>alert('x')</script> قالت الوزارة إن 3 سفن وصلت.".encode(),
    "hostile_html.txt": HOSTILE.encode(),
    "formula_equals.txt": '=HYPERLINK("http://example.invalid","x") قال الرئيس إن روسيا أرسلت النفط.'.encode(),
    "formula_plus.txt": "+cmd|' /C calc'!A0 أرسلت مصر 10 شاحنات.".encode(),
    "formula_at.txt": "@SUM(1+1) أعلنت تركيا تصدير 5 طائرات.".encode(),
    "formula_minus.txt": "-2+3 قال مسؤول إن الصين أرسلت مساعدات.".encode(),
    "tab_start.txt": "\tبدأ النص بعلامة جدولة. أرسلت قطر 20 طنا من الأدوية إلى السودان.".encode(),
    "crlf.txt": (ARABIC + "\r\n" + ARABIC + "\r\n").encode(),
    "cr_only.txt": (ARABIC + "\r" + ARABIC + "\r").encode(),
    "bidi_overrides.txt": ("\u202eقال\u202c المتحدث \u2066إن\u2069 روسيا أرسلت 7 سفن.").encode(),
    "emoji.txt": "👍🏽 قال الوزير 🇷🇺 إن روسيا أرسلت 1000 طن من القمح 🚢 إلى مصر.".encode(),
    "heavy_diacritics.txt": "قَالَ الْوَزِيرُ إِنَّ رُوسْيَا أَرْسَلَتْ أَلْفَ طُنٍّ مِنَ الْقَمْحِ إِلَى مِصْرَ.".encode(),
    "tatweel.txt": "قـــال الوزيـــر إن روسيـــا أرسلـــت النفـــط.".encode(),
    "nan_words.txt": "NaN None NULL null nan N/A".encode(),
    "dollar_signs.txt": "قال $x$ إن $\\frac{1}{2}$ من 10 ملايين دولار وصل.".encode(),
    "unbalanced_quotes.txt": "قال «المتحدث إن روسيا أرسلت \"النفط إلى كوريا.".encode(),
    "many_sentences.txt": ("أرسلت روسيا 5 سفن إلى سوريا. " * 1500).encode(),
    "001.txt": ARABIC.encode(),
    "same_stem.txt": ARABIC.encode(),
    "same_stem.md": ARABIC.encode(),
    "same_stem": ARABIC.encode(),
    "=hostile_name.txt": ARABIC.encode(),
    "اسم عربي بمسافات.txt": ARABIC.encode(),
    ".hidden_file": ARABIC.encode(),
    "sub/nested_article.txt": ARABIC.encode(),
    "sub/metadata.csv": b"doc_id,title\nsub/nested_article,x\n",
    "sub/deeper/even_deeper.txt": ARABIC.encode(),
    "page.html": ("<html><body><nav>القائمة</nav><p>" + ARABIC + "</p><script>alert(1)</script></body></html>").encode(),
    "page_without_suffix.txt": ("<!doctype html><p>" + ARABIC + "</p>").encode(),
    "broken_html.html": ("<p><b>" + ARABIC + "<div><<<>>>&&&;").encode(),
    "cyrillic.txt": "Россия отправила нефть в Северную Корею.".encode(),
    "old_run/run.json": b"{}",
    "old_run/documents.csv": b"doc_id\n",
}


def _build_corpus(root):
    corpus = root / "corpus"
    for name, data in FILES.items():
        path = corpus / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    (corpus / "link_to_article.txt").symlink_to(corpus / "001.txt")
    (corpus / "dangling_link.txt").symlink_to(corpus / "no_such_file.txt")
    (corpus / "sub" / "loop").symlink_to(corpus / "sub", target_is_directory=True)
    (corpus / "folder_link").symlink_to(corpus / "sub" / "deeper", target_is_directory=True)
    os.mkfifo(corpus / "named_pipe.txt")
    (corpus / "too_large.txt").write_bytes(b" " * 20_000_001)
    return corpus


@pytest.fixture(scope="module")
def probe(tmp_path_factory):
    root = tmp_path_factory.mktemp("probe")
    corpus = _build_corpus(root)
    out = corpus / "out"  # OUT inside the corpus: skipped, never read back as articles
    result = subprocess.run([sys.executable, "-m", "analysis", "extract", str(corpus), "--out", str(out), "--quiet",
                             "--workers", "2", "--format", "xlsx"], capture_output=True, text=True, cwd=ROOT,
                            timeout=900)
    # a second run, spreadsheet-safe, into another folder inside the corpus: the first run's folder is
    # recognised as tables (run.json) and skipped
    rerun = subprocess.run([sys.executable, "-m", "analysis", "extract", str(corpus), "--out", str(corpus / "safe"),
                            "--quiet", "--workers", "1", "--spreadsheet-safe"], capture_output=True, text=True,
                           cwd=ROOT, timeout=900)
    return corpus, out, result, rerun


def test_probe_feeds_at_least_fifty_kinds_of_bad_input(probe):
    corpus, _, _, _ = probe
    entries = list(corpus.rglob("*"))
    assert len(FILES) + 6 >= 50 and len(entries) >= 50


def test_probe_run_exits_cleanly_with_no_traceback(probe):
    _, _, result, rerun = probe
    assert result.returncode == 0, result.stderr[-3000:]
    assert rerun.returncode == 0, rerun.stderr[-3000:]
    assert "Traceback" not in result.stderr + rerun.stderr


def test_every_entry_of_the_corpus_is_accounted_for(probe):
    corpus, out, _, _ = probe
    documents = read_table(out, "documents")
    warnings = " ".join(read_table(out, "warnings").message)
    shown = set(documents.path)
    for path in corpus.rglob("*"):
        rel = path.relative_to(corpus).as_posix()
        if rel == "metadata.csv" or rel.split("/")[0] in ("out", "safe"):
            continue
        if path.is_dir() and not path.is_symlink():
            continue  # a folder is accounted for by its files
        inside_skipped = rel.startswith("old_run/") or "/loop/" in rel or rel.startswith(("folder_link/",))
        assert rel in shown or rel in warnings or inside_skipped or rel.split("/")[0] in warnings, rel
    assert not read_table(out, "documents").path.str.startswith(("out/", "safe/")).any()
    assert "old_run/: folder skipped" in warnings and "sub/loop/: folder skipped" in warnings
    assert "sub/metadata.csv: not read" in warnings


def test_an_output_folder_inside_the_corpus_is_skipped_on_the_next_run(tmp_path):
    (tmp_path / "a.txt").write_text(ARABIC, encoding="utf-8")
    run_extraction(tmp_path, tmp_path / "out", quiet=True)
    run_extraction(tmp_path, tmp_path / "out", quiet=True)
    assert read_table(tmp_path / "out", "documents").path.tolist() == ["a.txt"]
    assert "out/: folder skipped: it is the output folder of this run" in read_table(tmp_path / "out", "warnings").message[0]


def test_doc_ids_are_unique_and_text_like(probe):
    _, out, _, _ = probe
    documents = read_table(out, "documents")
    assert documents.doc_id.is_unique
    assert "001" in set(documents.doc_id)  # not the number 1
    assert {"same_stem", "same_stem.md", "same_stem.txt"} <= set(documents.doc_id)


def test_no_article_is_lost_to_a_crash(probe):
    _, out, _, _ = probe
    documents = read_table(out, "documents").set_index("path")
    assert not (documents.status == "extraction_error").any(), documents[documents.status == "extraction_error"].reason
    for name in ("one_word_veto.txt", "one_word_approval.txt", "headline_ending_on_transfer_word.txt"):
        assert documents.loc[name, "status"] == "ok"
    assert documents.loc["named_pipe.txt", "status"] == "unreadable"
    assert documents.loc["dangling_link.txt", "status"] == "unreadable"
    assert documents.loc["too_large.txt", "status"] == "too_large"
    assert documents.loc["page.html", "status"] == "ok" and "HTML page" in documents.loc["page.html", "reason"]
    sentences = read_table(out, "sentences")
    page = documents.loc["page.html", "doc_id"]
    page_text = " ".join(sentences[sentences.doc_id == page].text)
    assert "alert" not in page_text and "القائمة" not in page_text and "روسيا أرسلت" in page_text
    assert documents.loc["cyrillic.txt", "language"] == "Cyrillic script"


def test_every_span_points_at_its_text_in_the_original(probe):
    _, out, _, _ = probe
    originals = dict(zip(*(read_table(out, "documents")[c] for c in ("doc_id", "text"))))
    checked = 0
    for name in ("sentences", "mentions", "quantities", "dates", "attributions", "flows", "flows_partial", "excluded"):
        for row in read_table(out, name).itertuples():
            assert originals[row.doc_id][row.start:row.end] == row.text, (name, row.doc_id)
            checked += 1
    assert checked > 3000


def test_damaged_utf8_is_read_as_utf8_and_reported(probe):
    _, out, _, _ = probe
    documents = read_table(out, "documents").set_index("path")
    warnings = read_table(out, "warnings")
    for name in ("utf8_cut_mid_character.txt", "utf8_five_bad_bytes.txt", "utf8_with_cp1256_line.txt"):
        row = documents.loc[name]
        assert row.status == "ok" and row.encoding == "utf-8", name
        assert "روسيا أرسلت" in row.text and "invalid UTF-8" in row.reason
        assert (warnings.source == name).any()
    assert documents.loc["cp1256.txt", "encoding"] == "cp1256" and ARABIC in documents.loc["cp1256.txt", "text"]


def test_no_readable_document_is_mojibake(probe):
    _, out, _, _ = probe
    for row in read_table(out, "documents").itertuples():
        if row.status == "ok":
            arabic_letters = sum("\u0621" <= c <= "\u064a" for c in row.text)
            mojibake = row.text.count("ط") + row.text.count("ظ")
            assert mojibake <= 0.3 * max(arabic_letters, 1), row.path


def test_decoding_is_the_same_for_every_file_alone(probe):
    # the same bytes decode the same way whether in a corpus or alone (no hidden state)
    for name in ("utf8_five_bad_bytes.txt", "cp1256.txt", "utf16_le_no_bom.txt"):
        assert decode_bytes(FILES[name]).text.replace("\ufffd", "")[:20].strip()


def test_the_second_run_skips_the_first_runs_tables_and_gives_the_same_documents(probe):
    corpus, out, _, _ = probe
    assert "out/: folder skipped: it holds the tables of an earlier extraction" in " ".join(
        read_table(corpus / "safe", "warnings").message)
    assert len(read_table(corpus / "safe", "documents")) == len(read_table(out, "documents"))


def test_spreadsheet_safe_csv_has_no_formula_cell(probe):
    corpus, _, _, _ = probe
    out = corpus / "safe"
    csv.field_size_limit(2**31 - 1)
    for name in TABLES:
        with open(out / f"{name}.csv", encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        bad = [cell[:40] for row in rows[1:] for cell in row if cell.startswith(FORMULA_PREFIXES)
               and not _is_number(cell)]
        assert bad == [], name


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_spreadsheet_export_stores_every_cell_as_text(probe):
    _, out, _, _ = probe
    book = openpyxl.load_workbook(out / "tables.xlsx", read_only=True)
    assert book.sheetnames == list(TABLES)
    types = {cell.data_type for row in book["documents"].iter_rows() for cell in row if cell.value is not None}
    assert types == {"s"}


def test_xlsx_cells_are_never_formulas(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    for name in ("formula_equals.txt", "formula_plus.txt", "formula_at.txt", "=hostile_name.txt"):
        (corpus / name).write_bytes(FILES[name])
    run_extraction(corpus, tmp_path / "out", quiet=True, formats=("xlsx",))
    book = openpyxl.load_workbook(tmp_path / "out" / "tables.xlsx")
    types = {cell.data_type for sheet in book for row in sheet.iter_rows() for cell in row if cell.value is not None}
    assert types == {"s"}
    docs = book["documents"]
    assert any(str(c.value).startswith("=HYPERLINK") for row in docs.iter_rows() for c in row)  # text, exact


@pytest.mark.parametrize("metadata, expected", [
    (b"doc_id,title,outlet,url,published\na,t,o,u,2024-13-45\n", "is not a usable date"),
    (b"doc_id,title,outlet,url,published\na,t,o,u,not-a-date\n", "is not a usable date"),
    (b"doc_id,title,outlet,url,published\na,t,o,u,0001-01-01\n", "is not a usable date"),
    (b"doc_id,title,outlet,url,published\na,t,o,u,9999-12-31\n", "is not a usable date"),
    (b"doc_id,title\na,t,extra,fields\n", "more fields than columns"),
    (b'doc_id,title\na,"unterminated\n', "not valid CSV"),
    (b"title,outlet\nt,o\n", "no 'doc_id' column"),
    (b"\xff\xfe\x00\x00garbage", "ignored"),
    (None, "not a regular file"),  # metadata.csv is a folder
])
def test_bad_metadata_is_a_warning_and_the_article_is_kept(tmp_path, metadata, expected):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("قال الوزير أمس إن روسيا أرسلت النفط الأسبوع المقبل.", encoding="utf-8")
    if metadata is None:
        (corpus / "metadata.csv").mkdir()
    else:
        (corpus / "metadata.csv").write_bytes(metadata)
    run_extraction(corpus, tmp_path / "out", quiet=True)
    assert expected in " ".join(read_table(tmp_path / "out", "warnings").message)
    documents = read_table(tmp_path / "out", "documents")
    assert documents.status.tolist() == ["ok"] and len(read_table(tmp_path / "out", "sentences")) == 1


def test_one_failing_extractor_loses_only_its_own_rows(monkeypatch):
    from analysis import pipeline
    from analysis.ingest import Document

    def broken_flows(*args, **kwargs):
        raise IndexError("probe")

    monkeypatch.setattr(pipeline, "find_flows", broken_flows)
    tables = pipeline.extract_document(Document("d", "d.txt", "utf-8", text=ARABIC))
    assert tables["documents"][0]["status"] == "ok"
    assert tables["mentions"] and tables["quantities"] and tables["dates"] and tables["attributions"]
    assert tables["flows"] == [] and len(tables["warnings"]) == 1
    assert "transfers failed on sentence 1 (IndexError: probe)" in tables["warnings"][0]["message"]
    assert "extractor failure" in tables["documents"][0]["reason"]


HOSTILE_CORPUS = {
    "a.txt": HOSTILE,
    "b.txt": "أرسلت <marquee>شركة الظل</marquee> 500 طن من القمح إلى مصر. وأرسلت <b>شركة الظل</b> 700 طن من القمح إلى مصر.",
    "c.txt": "قال <script>alert('x')</script> المتحدث إن روسيا أرسلت 40 سفينة إلى <i>سوريا</i>، وقال مسؤول إن 60 سفينة وصلت.",
}
MARKUP = ("<marquee", "<img src=x", "<script>alert", "<b>شركة", "<i>سوريا")  # escaped, they read &lt;marquee


def test_no_article_markup_survives_in_the_rendered_report(tmp_path):
    from analysis.report import run_notebooks

    corpus = tmp_path / "hostile"
    corpus.mkdir()
    for name, text in HOSTILE_CORPUS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    layout = run_notebooks(corpus=corpus, out=tmp_path / "out")
    pages = sorted(layout.reports.glob("*.html"))
    assert len(pages) >= 8
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert not [m for m in MARKUP if m in html], page.name
    assert any("&lt;marquee" in p.read_text(encoding="utf-8") for p in pages)  # shown as text, not lost
