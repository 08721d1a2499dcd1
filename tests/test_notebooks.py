"""Every numbered notebook runs headless with papermill (explicit kernel) without an error."""
import nbformat
import papermill
import pytest

from analysis.report import KERNEL_NAME, NOTEBOOKS_DIR, numbered_notebooks

from .conftest import SEEDS


def test_notebooks_are_numbered_and_parameterised():
    notebooks = numbered_notebooks()
    assert notebooks and notebooks[0].name == "01_ingest.ipynb"
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        assert sum("parameters" in c.metadata.get("tags", []) for c in nb.cells) == 1, path.name


@pytest.mark.parametrize("notebook", numbered_notebooks(), ids=lambda p: p.name)
def test_notebook_runs_headless(notebook, tmp_path):
    out_nb = tmp_path / notebook.name
    papermill.execute_notebook(
        str(notebook), str(out_nb), kernel_name=KERNEL_NAME, cwd=str(NOTEBOOKS_DIR), progress_bar=False,
        parameters={"corpus_dir": str(SEEDS), "out_dir": str(tmp_path / "tables"), "figures_dir": str(tmp_path / "figures")},
    )
    nb = nbformat.read(out_nb, as_version=4)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
    assert (tmp_path / "tables" / "documents.csv").exists()
