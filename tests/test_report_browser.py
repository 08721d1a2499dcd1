"""The committed report as a reader sees it, in a real headless Chromium: pages load, links resolve,
figures are drawn, tables sort and filter offline, nothing overflows a 1,024 px window."""
import pytest

from .browser import CHROMIUM, Browser
from .conftest import ROOT

REPORTS = ROOT / "reports"
PAGES = sorted(p.name for p in REPORTS.glob("0*.html"))

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium; "
                                                          ".ci/run installs it)")


@pytest.fixture(scope="module")
def browser():
    b = Browser()
    yield b
    b.close()


def url(name: str) -> str:
    return (REPORTS / name).as_uri()


def test_the_front_page_links_every_page_and_every_link_opens(browser):
    browser.open(url("index.html"))
    links = browser.evaluate("[...document.querySelectorAll('ol a')].map(a => a.getAttribute('href'))")
    assert links == PAGES
    assert "Who sends what to whom" in browser.evaluate("document.body.innerText")
    for link in links:
        browser.open(url(link), settle=0.3)
        assert browser.evaluate("document.querySelector('h1') && document.querySelector('h1').innerText.length > 3")
        assert browser.evaluate("document.querySelector('nav a[href=\"index.html\"]') !== null")


def test_every_figure_is_drawn(browser):
    for page in ("01_ingest.html", "06_figures.html"):
        browser.open(url(page))
        sizes = browser.evaluate("[...document.images].map(i => [i.complete, i.naturalWidth])")
        assert sizes and all(complete and width > 300 for complete, width in sizes), page


def test_tables_sort_by_a_click_and_filter_by_typing(browser):
    browser.open(url("04_attribution_flows.html"))
    assert browser.evaluate("document.querySelectorAll('table.dataTable').length") >= 2
    # a column not yet in order; a mouse click on its header's arrows sorts it
    table = "document.querySelector('table.dataTable')"
    width = browser.evaluate(f"{table}.tBodies[0].rows[0].cells.length")

    def column(index):
        values = browser.evaluate(f"[...{table}.tBodies[0].rows].map(r => r.cells[{index}].innerText)")
        return [float(v) for v in values] if all(v.replace(".", "", 1).isdigit() for v in values) else values

    def in_order(values):
        return values == sorted(values) or values == sorted(values, reverse=True)

    index = next(i for i in range(1, width) if not in_order(column(i)))  # (0: the index, its name)
    # (the header text can be selected and copied; the sort arrows beside it order the column)
    browser.click(f"{table}.tHead.rows[0].cells[{index}].querySelector('.dt-column-order')")
    assert in_order(column(index))
    rows = "document.querySelector('table.dataTable').querySelectorAll('tbody tr').length"
    n = browser.evaluate(rows)
    browser.evaluate("""(() => { const box = document.querySelector('.dt-search input, .dataTables_filter input');
                                 box.value = 'Kirby'; box.dispatchEvent(new Event('input', {bubbles: true})); })()""")
    assert 1 <= browser.evaluate(rows) < n


def test_no_page_overflows_a_1024_pixel_window(browser):
    browser.set_size(1024, 800)
    try:
        for page in ["index.html", *PAGES]:
            browser.open(url(page), settle=1.0)
            overflow = browser.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 1, (page, overflow)
    finally:
        browser.set_size(1400, 1000)


def test_pages_load_nothing_from_the_network(browser):
    for page in ["index.html", "04_attribution_flows.html", "06_figures.html"]:
        browser.open(url(page), settle=0.5)
        fetched = browser.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
        assert all(name.startswith(("file:", "data:", "blob:")) for name in fetched), (page, fetched)
