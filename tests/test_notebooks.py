"""The rendered report: every notebook runs headless, figures are written, outputs follow one policy."""
import hashlib
import re
import shutil

import nbformat
import pytest

from analysis.report import layout_for, numbered_notebooks, run_notebooks

from .conftest import ROOT, SEEDS

EXPECTED_FIGURES = ["article_lengths", "mentions_by_entity", "cooccurrence_network", "timeline", "sources",
                    "transfers_main_pair", "claims_comparison", "article_profiles"]


def _digest(paths):
    h = hashlib.sha256()
    for p in sorted(paths):
        h.update(p.read_bytes())
    return h.hexdigest()


@pytest.fixture(scope="module")
def report_run(tmp_path_factory):
    """Run every notebook headless (papermill, explicit kernel) on a copy of the seeds into a tmp OUT."""
    tmp = tmp_path_factory.mktemp("report")
    corpus = tmp / "corpus"
    shutil.copytree(SEEDS, corpus)
    default = list((ROOT / "reports").glob("*.html")) + numbered_notebooks()
    before = _digest(default)
    layout = run_notebooks(corpus=corpus, out=tmp / "out")
    return layout, before, _digest(default)


def test_notebooks_are_numbered_and_parameterised():
    notebooks = numbered_notebooks()
    assert [p.name[:2] for p in notebooks] == [f"{i:02d}" for i in range(1, len(notebooks) + 1)]
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        assert sum("parameters" in c.metadata.get("tags", []) for c in nb.cells) == 1, path.name


def test_headless_run_has_no_error_output(report_run):
    layout, _, _ = report_run
    for source in numbered_notebooks():
        nb = nbformat.read(layout.notebooks / source.name, as_version=4)
        errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
        assert not errors, source.name


def test_report_pages_and_index(report_run):
    layout, _, _ = report_run
    index = (layout.reports / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'href="([^"]+)"', index.split("</ol>")[0])
    assert links == [p.with_suffix(".html").name for p in numbered_notebooks()]
    for link in links:
        assert (layout.reports / link).stat().st_size > 50_000


def test_index_gives_the_key_findings_in_english(report_run):
    layout, _, _ = report_run
    index = (layout.reports / "index.html").read_text(encoding="utf-8")
    for heading in ("Who sends what to whom", "Figures that several sources give", "Who is quoted",
                    "Who and what is named most", "Articles"):
        assert f"<h2>{heading}</h2>" in index
    assert "North Korea → Russia" in index and "Vladimir Putin" in index
    assert "<h2>The transfers in brief</h2>" in index and "millions of missiles (according to US officials)" in index
    assert "5 files in <code>corpus</code>, 5 readable" in index


def test_figures_are_embedded_in_the_pages(report_run):
    layout, _, _ = report_run
    figures_page = (layout.reports / "06_figures.html").read_text(encoding="utf-8")
    embedded = re.compile(r'<img [^>]*src="data:image/png;base64,')
    assert len(embedded.findall(figures_page)) == len(EXPECTED_FIGURES) - 1  # article lengths are on page 01
    assert "&lt;Figure size" not in figures_page
    assert embedded.search((layout.reports / "01_ingest.html").read_text(encoding="utf-8"))


def test_pages_show_results_not_code_nor_parameter_cells(report_run):
    layout, _, _ = report_run
    for source in numbered_notebooks():
        page = (layout.reports / source.with_suffix(".html").name).read_text(encoding="utf-8")
        assert "load_tables(" not in page and "show_progress =" not in page, source.name
        assert '<a href="index.html">Overview</a>' in page


def test_tables_are_sortable_and_filterable_offline(report_run):
    layout, _, _ = report_run
    page = (layout.reports / "04_attribution_flows.html").read_text(encoding="utf-8")
    assert "new ITable(" in page and "https://" not in page.split("new ITable(")[0][-3000:]
    assert not re.search(r"itables_[0-9a-f]{8}_[0-9a-f]{4}_", page)  # numbered ids, the same on every run


def test_an_output_folder_inside_the_corpus_is_refused():
    with pytest.raises(ValueError, match="inside the corpus"):
        layout_for(SEEDS, SEEDS)
    with pytest.raises(ValueError, match="inside the corpus"):
        layout_for(SEEDS, SEEDS / "out")


def test_a_corpus_with_no_readable_article_still_renders_every_page(tmp_path):
    corpus = tmp_path / "unreadable"
    corpus.mkdir()
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 8)
    layout = run_notebooks(corpus=corpus, out=tmp_path / "out")
    for source in numbered_notebooks():
        nb = nbformat.read(layout.notebooks / source.name, as_version=4)
        assert not [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"], source.name
    assert "<h2>Files not read</h2>" in (layout.reports / "index.html").read_text(encoding="utf-8")


def test_every_figure_is_written_and_non_trivial(report_run):
    layout, _, _ = report_run
    for name in EXPECTED_FIGURES:
        png, svg = layout.reports / "figures" / f"{name}.png", layout.reports / "figures" / f"{name}.svg"
        assert png.stat().st_size > 15_000, name
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert svg.stat().st_size > 15_000 and b"<svg" in svg.read_bytes()[:500]


def test_another_corpus_never_overwrites_the_default_report(report_run):
    layout, before, after = report_run
    assert before == after
    assert ROOT / "reports" not in (layout.reports, layout.reports.parent)
    with pytest.raises(ValueError):
        layout_for(SEEDS.parent / "somewhere", ROOT / "reports")


@pytest.mark.parametrize("path", numbered_notebooks(), ids=lambda p: p.name)
def test_committed_notebooks_keep_normalised_outputs(path):
    """Outputs policy: executed notebooks are committed with outputs, and nothing that changes between runs."""
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1))
    assert any(c.outputs for c in code)
    assert "papermill" not in nb.metadata and "widgets" not in nb.metadata
    for cell in code:
        assert not {"papermill", "execution", "ExecuteTime"} & set(cell.metadata)
        for output in cell.outputs:
            assert output.output_type != "error"
            assert "application/vnd.jupyter.widget-view+json" not in output.get("data", {})
            text = output.get("text", "") + "".join(v for v in output.get("data", {}).values() if isinstance(v, str))
            assert not re.search(r" at 0x[0-9a-f]{6,}", text)
            assert not re.search(r"itables_[0-9a-f]{8}_[0-9a-f]{4}_", text)
    injected = [c for c in code if "injected-parameters" in c.metadata.get("tags", [])]
    assert all(c.id == "injected-parameters" for c in injected)
    assert all(str(ROOT) not in c.source for c in injected)  # no machine paths in committed notebooks
