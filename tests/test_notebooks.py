"""The rendered report: every notebook runs headless, figures are written, outputs follow one policy."""
import hashlib
import re
import shutil

import nbformat
import pytest

from analysis.report import layout_for, numbered_notebooks, run_notebooks

from .conftest import ROOT, SEEDS

EXPECTED_FIGURES = ["article_lengths", "mentions_by_entity", "cooccurrence_network", "timeline", "sources",
                    "flows_russia_north_korea", "claims_comparison", "article_profiles"]


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
    links = re.findall(r'href="([^"]+)"', index)
    assert links == [p.with_suffix(".html").name for p in numbered_notebooks()]
    for link in links:
        assert (layout.reports / link).stat().st_size > 50_000


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
    injected = [c for c in code if "injected-parameters" in c.metadata.get("tags", [])]
    assert all(c.id == "injected-parameters" for c in injected)
    assert all(str(ROOT) not in c.source for c in injected)  # no machine paths in committed notebooks
