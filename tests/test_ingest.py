"""Reading a corpus folder: decoding, bad files, metadata.csv, and the seed corpus."""
from __future__ import annotations

import codecs

import pytest

from analysis.ingest import decode_bytes, open_corpus
from analysis.pipeline import run_extraction
from analysis.tables import read_table

from .conftest import SEEDS

ARABIC = "أرسلت كوريا الشمالية إلى روسيا نحو 260 ألف طن متري من الذخائر، وفق مسؤولين أمريكيين."


@pytest.mark.parametrize(
    "encoded, encoding",
    [
        (ARABIC.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + ARABIC.encode("utf-8"), "utf-8-sig"),
        (ARABIC.encode("utf-16"), "utf-16"),  # with BOM
        (ARABIC.encode("utf-16-le"), "utf-16-le"),  # without BOM
        (ARABIC.encode("utf-16-be"), "utf-16-be"),
        (ARABIC.encode("cp1256"), "cp1256"),
        ("روسيا".encode("cp1256"), "cp1256"),  # short: detectors alone guess a CJK code page
    ],
)
def test_arabic_is_decoded_in_every_common_encoding(encoded, encoding):
    decoded = decode_bytes(encoded)
    assert decoded.status == "ok"
    assert decoded.encoding.replace("_", "-").lower() == encoding
    assert decoded.text in (ARABIC, "روسيا")


@pytest.mark.parametrize(
    "data, status",
    [
        (b"", "empty"),
        (b"  \n\t\n", "whitespace_only"),
        ("\xa0\u200b\n".encode("utf-8"), "whitespace_only"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "binary"),
        (bytes(range(1, 32)) * 20, "binary"),
    ],
)
def test_bad_content_gets_a_status_and_a_reason(data, status):
    decoded = decode_bytes(data)
    assert decoded.status == status
    assert decoded.reason.endswith(".") and len(decoded.reason) > 15


def test_every_file_is_accounted_for_and_the_run_goes_on(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "a_utf8.txt").write_text(ARABIC, encoding="utf-8")
    (corpus / "b_cp1256.txt").write_bytes(ARABIC.encode("cp1256"))
    (corpus / "c_utf16.txt").write_bytes(ARABIC.encode("utf-16"))
    (corpus / "d_empty.txt").write_bytes(b"")
    (corpus / "e_binary.bin").write_bytes(bytes(range(256)) * 8)
    (corpus / "f_blank.txt").write_text(" \n \n", encoding="utf-8")
    (corpus / "sub" / "g_nested.txt").write_text(ARABIC, encoding="utf-8")
    (corpus / "dup.txt").write_text(ARABIC, encoding="utf-8")
    (corpus / "dup.md").write_text(ARABIC, encoding="utf-8")
    out = tmp_path / "out"
    run_extraction(corpus, out, quiet=True)
    docs = read_table(out, "documents").set_index("doc_id")
    assert sorted(docs.index) == sorted(
        ["a_utf8", "b_cp1256", "c_utf16", "d_empty", "e_binary", "f_blank", "sub/g_nested", "dup.txt", "dup.md"]
    )
    assert docs.loc["b_cp1256", "text"] == ARABIC and docs.loc["b_cp1256", "encoding"] == "cp1256"
    assert docs.loc["c_utf16", "text"] == ARABIC
    assert docs.loc["d_empty", "status"] == "empty"
    assert docs.loc["e_binary", "status"] == "binary" and docs.loc["e_binary", "encoding"] == ""
    assert docs.loc["f_blank", "status"] == "whitespace_only"
    assert (docs.loc[docs.status != "ok", "reason"].str.len() > 0).all()
    warnings = read_table(out, "warnings")
    assert set(warnings.source) >= {"d_empty.txt", "e_binary.bin", "f_blank.txt"}
    sentences = read_table(out, "sentences")
    assert set(sentences.doc_id) == {"a_utf8", "b_cp1256", "c_utf16", "sub/g_nested", "dup.txt", "dup.md"}


def test_metadata_is_joined_and_not_read_as_an_article(tmp_path):
    (tmp_path / "x.txt").write_text(ARABIC, encoding="utf-8")
    (tmp_path / "metadata.csv").write_text(
        "doc_id,title,outlet,url,published\nx,عنوان,Reuters,https://example.org/x,2024-06-19\n", encoding="utf-8"
    )
    corpus = open_corpus(tmp_path)
    assert [doc_id for doc_id, _, _ in corpus.entries] == ["x"]
    doc = next(corpus.documents())
    assert doc.metadata == {"title": "عنوان", "outlet": "Reuters", "url": "https://example.org/x", "published": "2024-06-19"}
    assert corpus.warnings == ()


@pytest.mark.parametrize(
    "content, expected",
    [
        ("name,title\nx,t\n", "no 'doc_id' column"),
        ("doc_id,title\ny,t\n", "matches no file"),
        ("doc_id,title\nx,t1\nx,t2\n", "appears again"),
        ("doc_id,title\n,t\n", "empty doc_id"),
        ("doc_id,colour\nx,red\n", "not used"),
    ],
)
def test_malformed_metadata_is_reported_without_stopping(tmp_path, content, expected):
    (tmp_path / "x.txt").write_text(ARABIC, encoding="utf-8")
    (tmp_path / "metadata.csv").write_text(content, encoding="utf-8")
    out = tmp_path / "out"
    run_extraction(tmp_path, out, quiet=True)
    warnings = read_table(out, "warnings")
    assert warnings.message.str.contains(expected).any()
    assert read_table(out, "documents").status.tolist() == ["ok"]


def test_binary_metadata_is_reported(tmp_path):
    (tmp_path / "x.txt").write_text(ARABIC, encoding="utf-8")
    (tmp_path / "metadata.csv").write_bytes(b"\x00\x01\x02" * 50)
    corpus = open_corpus(tmp_path)
    assert len(corpus.warnings) == 1 and "ignored" in corpus.warnings[0]


def test_seed_corpus_counts(seed_tables):
    """Counts checked by reading the five seed articles line by line."""
    docs = seed_tables["documents"].set_index("doc_id")
    assert list(docs.index) == [
        "000_b9f6c087e8ab5f22", "001_2bf867fa3cb5ad48", "002_dc98b6a0fe5fe638", "003_b424d6727f185118", "004_83ef99ef7d9a2aab",
    ]
    assert (docs.status == "ok").all() and (docs.encoding == "utf-8").all()
    assert docs.n_paragraphs.tolist() == [19, 20, 28, 16, 14]
    assert docs.n_sentences.tolist() == [21, 22, 28, 16, 14]
    assert docs.loc["001_2bf867fa3cb5ad48", "headline"] == "روسيا وكوريا الشمالية: ماذا يمكنهما أن يفعلا لبعضهما البعض؟"
    assert docs.loc["003_b424d6727f185118", "headline"].startswith("تعاون كوريا الشمالية وروسيا")
    assert docs.loc["000_b9f6c087e8ab5f22", "headline"] == ""  # first line is a full sentence
    assert docs.loc["003_b424d6727f185118", "title"] == docs.loc["003_b424d6727f185118", "headline"]
    for path in SEEDS.glob("*.txt"):
        assert docs.loc[path.stem, "text"] == path.read_text(encoding="utf-8")


HTML_PAGE = """<!doctype html><html><head><title>عنوان الصفحة</title><script>var s = "<p>روسيا</p>";</script></head>
<body><nav>الرئيسية | أخبار | رياضة</nav><article><h1>روسيا ترسل النفط</h1>
<p>قال الوزير إن <b>روسيا</b> أرسلت 100 ألف طن من النفط إلى كوريا الشمالية.</p></article>
<footer>جميع الحقوق محفوظة</footer></body></html>"""


def test_an_html_page_keeps_its_text_at_its_own_offsets_and_blanks_the_rest():
    from analysis.ingest import html_text_view

    view = html_text_view(HTML_PAGE)
    assert len(view) == len(HTML_PAGE)
    assert all(v in " \n" or v == c for v, c in zip(view, HTML_PAGE))
    words = " ".join(view.split())
    assert words == "روسيا ترسل النفط قال الوزير إن روسيا أرسلت 100 ألف طن من النفط إلى كوريا الشمالية."


def test_an_html_file_is_extracted_from_its_article_text(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "page.html").write_text(HTML_PAGE, encoding="utf-8")
    run_extraction(corpus, tmp_path / "out", quiet=True)
    doc = read_table(tmp_path / "out", "documents").iloc[0]
    assert doc.status == "ok" and "HTML page" in doc.reason and doc.language == "ar"
    mentions = read_table(tmp_path / "out", "mentions")
    assert {"russia", "north_korea"} <= set(mentions.entity_id)
    assert all(doc.text[r.start:r.end] == r.text for r in mentions.itertuples())
    assert "الرئيسية" not in " ".join(read_table(tmp_path / "out", "sentences").text)  # navigation left out


def test_a_text_that_is_not_arabic_is_marked_with_its_script(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "en.txt").write_text("Russia sent oil to North Korea, the report said.", encoding="utf-8")
    run_extraction(corpus, tmp_path / "out", quiet=True)
    doc = read_table(tmp_path / "out", "documents").iloc[0]
    assert doc.language == "Latin script" and "not Arabic" in doc.reason
    assert "not Arabic" in " ".join(read_table(tmp_path / "out", "warnings").message)
