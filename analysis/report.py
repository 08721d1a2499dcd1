"""Running the numbered notebooks headless (papermill) and rendering them to HTML (nbconvert).

Layout: the default corpus (``seeds/``) writes tables to ``outputs/seeds/``,
executes the notebooks in place (their outputs are kept, normalised, so they
read well on a code host) and renders HTML into ``reports/``. Any other corpus
writes everything under its own OUT folder (``tables/``, ``notebooks/``,
``reports/``) and never touches the default report.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

from .resources import DEFAULT_CORPUS, PROJECT_ROOT, project_path

KERNEL_NAME = "arabic-news-workbook"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
NOTEBOOK_RE = re.compile(r"^\d\d_.+\.ipynb$")


@dataclass(frozen=True)
class RunLayout:
    """Where one run reads its corpus and writes tables, executed notebooks and HTML."""

    corpus: Path
    tables: Path
    notebooks: Path
    reports: Path


def layout_for(corpus: Path | None = None, out: Path | None = None) -> RunLayout:
    """Return the folders of a run; the default corpus without OUT gives the committed layout."""
    corpus = project_path(corpus) if corpus else DEFAULT_CORPUS
    if out is None and corpus.resolve() == DEFAULT_CORPUS.resolve():
        return RunLayout(corpus, PROJECT_ROOT / "outputs" / "seeds", NOTEBOOKS_DIR, PROJECT_ROOT / "reports")
    out = project_path(out) if out else PROJECT_ROOT / "outputs" / corpus.name
    if out.resolve() in (PROJECT_ROOT.resolve(), (PROJECT_ROOT / "reports").resolve(), NOTEBOOKS_DIR.resolve()):
        raise ValueError(f"OUT={out} would overwrite the default report; choose another folder.")
    return RunLayout(corpus, out / "tables", out / "notebooks", out / "reports")


def numbered_notebooks() -> list[Path]:
    """The workbook's notebooks in reading order (01_..., 02_...)."""
    return sorted(p for p in NOTEBOOKS_DIR.iterdir() if NOTEBOOK_RE.match(p.name))


_VOLATILE_METADATA = ("papermill", "execution", "ExecuteTime", "collapsed", "scrolled")
_ADDRESS = re.compile(r" at 0x[0-9a-f]{6,}")


def normalise_outputs(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop timings and run-specific metadata so the same input gives the same notebook file."""
    nb.metadata.pop("papermill", None)
    nb.metadata.pop("widgets", None)
    count = 0
    for cell in nb.cells:
        for key in _VOLATILE_METADATA:
            cell.metadata.pop(key, None)
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell["id"] = "injected-parameters"  # papermill draws a random id on every run
        if cell.cell_type != "code":
            continue
        count += 1
        cell.execution_count = count
        for output in cell.get("outputs", []):
            if "execution_count" in output:
                output["execution_count"] = count
            output.get("metadata", {}).pop("papermill", None)
            data = output.get("data", {})
            if "application/vnd.jupyter.widget-view+json" in data:
                # a live widget has a random model id and no state in a static file: keep its text fallback
                data.pop("application/vnd.jupyter.widget-view+json")
                data["text/plain"] = "(interactive explorer: open this notebook in JupyterLab to use it)"
            if output.get("output_type") == "stream":
                output["text"] = _ADDRESS.sub(" at 0x…", output["text"])
            for mime, data in output.get("data", {}).items():
                if mime.startswith("text/") and isinstance(data, str):
                    output["data"][mime] = _ADDRESS.sub(" at 0x…", data)
    return nb


def render_html(notebook: Path, html_path: Path) -> None:
    """Render an executed notebook to a standalone HTML page."""
    from nbconvert import HTMLExporter

    body, _ = HTMLExporter().from_filename(str(notebook))
    html_path.write_text(body, encoding="utf-8")


def write_index(reports: Path, pages: list[tuple[str, str]], corpus: Path) -> Path:
    """Write ``index.html`` linking the rendered notebooks in reading order."""
    items = "\n".join(f'    <li><a href="{html.escape(href)}">{html.escape(title)}</a></li>' for href, title in pages)
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Arabic news research workbook</title>
<style>body{{font-family:sans-serif;max-width:48rem;margin:2rem auto;line-height:1.5}}</style></head>
<body>
  <h1>Arabic news research workbook</h1>
  <p>Corpus: <code>{html.escape(corpus.name)}</code>. Read the notebooks in order:</p>
  <ol>
{items}
  </ol>
</body></html>
"""
    path = reports / "index.html"
    path.write_text(page, encoding="utf-8")
    return path


def _title(nb: nbformat.NotebookNode, fallback: str) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


def _shown(path: Path) -> str:
    """Project-relative when inside the project, so executed notebooks hold no machine paths."""
    try:
        return path.resolve().relative_to(PROJECT_ROOT.resolve()).as_posix()
    except ValueError:
        return str(path.resolve())


def run_notebooks(corpus: Path | None = None, out: Path | None = None, kernel: str | None = None,
                  notebooks: list[Path] | None = None) -> RunLayout:
    """Execute every numbered notebook with papermill, normalise its outputs, render HTML and an index."""
    import papermill

    layout = layout_for(corpus, out)
    for folder in (layout.tables, layout.notebooks, layout.reports):
        folder.mkdir(parents=True, exist_ok=True)
    parameters = {
        "corpus_dir": _shown(layout.corpus),
        "out_dir": _shown(layout.tables),
        "figures_dir": _shown(layout.reports / "figures"),
        "show_progress": False,  # a progress bar's timings would make every run's notebook differ
    }
    pages = []
    for source in notebooks or numbered_notebooks():
        target = layout.notebooks / source.name
        print(f"running {source.name} ...", flush=True)
        papermill.execute_notebook(
            str(source), str(target), parameters=parameters, kernel_name=kernel or KERNEL_NAME,
            cwd=str(NOTEBOOKS_DIR), progress_bar=False, report_mode=False,
        )
        nb = normalise_outputs(nbformat.read(target, as_version=4))
        nbformat.write(nb, target)
        html_name = source.with_suffix(".html").name
        render_html(target, layout.reports / html_name)
        pages.append((html_name, _title(nb, source.stem)))
    index = write_index(layout.reports, pages, layout.corpus)
    print(f"report: {index}")
    return layout
