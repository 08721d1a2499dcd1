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
    if out.resolve() == corpus.resolve() or corpus.resolve() in out.resolve().parents:
        raise ValueError(f"OUT={out} is inside the corpus folder {corpus}, which is never written to; choose another folder.")
    return RunLayout(corpus, out / "tables", out / "notebooks", out / "reports")


def numbered_notebooks() -> list[Path]:
    """The workbook's notebooks in reading order (01_..., 02_...)."""
    return sorted(p for p in NOTEBOOKS_DIR.iterdir() if NOTEBOOK_RE.match(p.name))


_VOLATILE_METADATA = ("papermill", "execution", "ExecuteTime", "collapsed", "scrolled")
_ADDRESS = re.compile(r" at 0x[0-9a-f]{6,}")
_ITABLES_ID = re.compile(r"itables_[0-9a-f]{8}_[0-9a-f]{4}_[0-9a-f]{4}_[0-9a-f]{4}_[0-9a-f]{12}")


def normalise_outputs(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop timings and run-specific metadata so the same input gives the same notebook file."""
    nb.metadata.pop("papermill", None)
    nb.metadata.pop("widgets", None)
    count = 0
    table_ids: dict[str, str] = {}

    def stable_id(match: re.Match) -> str:  # itables draws a random id per table: number them instead
        return table_ids.setdefault(match.group(0), f"itables_{len(table_ids) + 1:04d}")

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
                data["text/plain"] = "(interactive explorer: start JupyterLab with `make lab`, open notebooks/07_explorer.ipynb and run all cells)"
            if output.get("output_type") == "stream":
                output["text"] = _ADDRESS.sub(" at 0x…", output["text"])
            for mime, data in output.get("data", {}).items():
                if mime.startswith("text/") and isinstance(data, str):
                    output["data"][mime] = _ITABLES_ID.sub(stable_id, _ADDRESS.sub(" at 0x…", data))
    return nb


def render_html(notebook: Path, html_path: Path, nav: str = "") -> None:
    """Render an executed notebook to a standalone HTML page for readers: outputs and prose only (the
    code is in the notebook), no parameter cells, figures embedded, ``nav`` links at the top."""
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    exporter = HTMLExporter(exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    exporter.register_preprocessor(TagRemovePreprocessor(remove_cell_tags={"parameters", "injected-parameters"},
                                                         enabled=True), enabled=True)
    body, _ = exporter.from_filename(str(notebook))
    # nbconvert's page template fetches require.js and MathJax from a CDN; the pages need neither (no
    # widgets, no formulas) and must work offline
    body = re.sub(r'<script[^>]*\ssrc="https?://[^"]*"[^>]*>\s*</script>\s*', "", body)
    if nav:
        body = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + nav, body, count=1)
    html_path.write_text(body, encoding="utf-8")


def navigation(pages: list[tuple[str, str]], current: str) -> str:
    """A bar of links to the index and every page, the current one in bold."""
    links = ['<a href="index.html">Overview</a>'] + [
        f"<b>{html.escape(title)}</b>" if href == current else f'<a href="{html.escape(href)}">{html.escape(title)}</a>'
        for href, title in pages]
    return ('<nav style="font-family:sans-serif;font-size:90%;padding:0.6em 1em;background:#f4f4f4;'
            'border-bottom:1px solid #ddd;line-height:1.8">' + " · ".join(links) + "</nav>")


def write_index(reports: Path, pages: list[tuple[str, str]], corpus: Path, tables_dir: Path | None = None) -> Path:
    """Write ``index.html``: the key findings in English (from the tables in ``tables_dir``) and links to
    the rendered notebooks in reading order. Every text from an article is escaped."""
    from .overview import overview
    from .tables import TABLES, read_table

    e = html.escape
    items = "\n".join(f'    <li><a href="{e(href)}">{e(title)}</a></li>' for href, title in pages)
    findings = ""
    if tables_dir is not None and all((Path(tables_dir) / f"{n}.csv").exists() for n in TABLES):
        o = overview({n: read_table(tables_dir, n) for n in TABLES})
        parts = [f"<p>{o.n_files:,} files in <code>{e(corpus.name)}</code>, {o.n_readable:,} readable; "
                 f"{o.counts['mentions']:,} names, {o.counts['quantities']:,} figures, {o.counts['dates']:,} dates, "
                 f"{o.counts['attributions']:,} statements, {o.counts['flows']:,} transfers with both sides known "
                 f"(+{o.counts['flows_partial']:,} with one side unnamed), {o.counts['claims']:,} figures in the claim "
                 f"ledger. {o.n_warnings:,} warning(s) in <code>warnings.csv</code>.</p>"]
        if o.headlines:
            brief = "".join(f"<li>{e(line)}</li>" for line in o.headlines)
            parts.append(f"<h2>The transfers in brief</h2><ul>{brief}</ul>")
        if o.transfers:
            def figures_cell(t: dict) -> str:
                more = f" (+{t['more_figures']} more)" if t["more_figures"] else ""
                return e(" · ".join(t["figures"])) + more

            rows = "".join(
                f"<tr><td>{e(t['from'])} → {e(t['to'])}</td><td>{e(t['commodity'])}</td><td>{t['articles']}</td>"
                f"<td dir='rtl' lang='ar'>{figures_cell(t)}</td><td>{e(t['status'])}</td></tr>" for t in o.transfers)
            parts.append("<h2>Who sends what to whom</h2><table><tr><th>from → to</th><th>goods</th><th>articles</th>"
                         f"<th>figures (Arabic original)</th><th>status</th></tr>{rows}</table>"
                         '<p class="more">Every transfer with its sentence: <a href="04_attribution_flows.html">'
                         "statements and transfers</a>.</p>")
        if o.ledger:
            rows = "".join(f"<tr><td>{e(c['claim_id'])}</td><td>{e(c['topic'])}</td><td><b>{e(c['agreement'])}</b></td>"
                           f"<td>{e(c['explanation'])}</td></tr>" for c in o.ledger)
            parts.append("<h2>Figures that several sources give</h2><table><tr><th>group</th><th>what is measured</th>"
                         f"<th>verdict</th><th>why</th></tr>{rows}</table>"
                         '<p class="more">All groups: <a href="05_claims.html">the claim ledger</a>.</p>')
        if o.speakers:
            rows = "".join(f"<tr><td>{e(s)}</td><td>{n}</td><td>{e(st)}</td></tr>" for s, n, st in o.speakers)
            parts.append("<h2>Who is quoted</h2><table><tr><th>speaker</th><th>statements</th><th>stances</th></tr>"
                         f"{rows}</table>")
        if o.entities:
            rows = "".join(f"<tr><td>{e(en)}</td><td dir='rtl' lang='ar'>{e(ar)}</td><td>{m}</td><td>{d}</td></tr>"
                           for en, ar, m, d in o.entities)
            parts.append("<h2>Who and what is named most</h2><table><tr><th>name</th><th>Arabic</th><th>mentions</th>"
                         f"<th>articles</th></tr>{rows}</table>")
        if o.problems:
            rows = "".join(f"<li><code>{e(p)}</code>: {e(reason)}</li>" for p, reason in o.problems[:20])
            more = f"<li>… and {len(o.problems) - 20} more (documents.csv)</li>" if len(o.problems) > 20 else ""
            parts.append(f"<h2>Files not read</h2><ul>{rows}{more}</ul>")
        if o.articles:
            rows = "".join(f"<tr><td><code>{e(d)}</code></td><td dir='rtl' lang='ar'>{e(t)}</td><td>{e(outlet)}</td></tr>"
                           for d, t, outlet in o.articles)
            more = (f"<p class='more'>Showing {len(o.articles)} of {o.n_files:,} articles (documents.csv).</p>"
                    if o.n_files > len(o.articles) else "")
            parts.append("<h2>Articles</h2><table><tr><th>article id</th><th>title or headline</th><th>outlet</th></tr>"
                         f"{rows}</table>{more}")
        findings = "\n".join(parts)
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Arabic news research workbook</title>
<style>body{{font-family:sans-serif;max-width:64rem;margin:2rem auto;padding:0 1rem;line-height:1.5}}
table{{border-collapse:collapse;margin:0.5em 0;width:100%}}td,th{{border-bottom:1px solid #ddd;padding:0.3em 0.5em;
text-align:left;vertical-align:top}}td[dir=rtl]{{text-align:right}}.more{{font-size:90%;color:#444}}</style></head>
<body>
  <h1>Arabic news research workbook</h1>
  <p>Key findings of the corpus, in English; every row of the pages below points to its sentence in the
  Arabic original. Read the pages in order:</p>
  <ol>
{items}
  </ol>
{findings}
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


def _local_kernel_manager():
    """A kernel manager that talks to its kernel over local IPC sockets instead of unencrypted TCP (the
    kernel then has nothing to warn about, and no port is opened)."""
    from jupyter_client.manager import AsyncKernelManager

    class LocalKernelManager(AsyncKernelManager):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.transport = "ipc"

    return LocalKernelManager


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
    pages, executed = [], []
    for source in notebooks or numbered_notebooks():
        target = layout.notebooks / source.name
        print(f"running {source.name} ...", flush=True)
        papermill.execute_notebook(
            str(source), str(target), parameters=parameters, kernel_name=kernel or KERNEL_NAME,
            cwd=str(NOTEBOOKS_DIR), progress_bar=False, report_mode=False,
            kernel_manager_class=_local_kernel_manager(),
        )
        nb = normalise_outputs(nbformat.read(target, as_version=4))
        nbformat.write(nb, target)
        html_name = source.with_suffix(".html").name
        pages.append((html_name, _title(nb, source.stem)))
        executed.append((target, html_name))
    for target, html_name in executed:
        render_html(target, layout.reports / html_name, navigation(pages, html_name))
    index = write_index(layout.reports, pages, layout.corpus, layout.tables)
    print(f"report: {index}")
    return layout
