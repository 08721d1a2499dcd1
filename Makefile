# Two commands for a newcomer: `make run` (the analysis) and `make test` (the test suite).
# Each sets itself up on a fresh clone: .venv is created when missing and the
# Jupyter kernel the notebooks use is registered inside it.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
KERNEL := arabic-news-workbook
STAMP := $(VENV)/.installed
CORPUS ?=
OUT ?=
DOCS ?= 2000
WORKERS ?=

.PHONY: setup run test bench lab eval clean

setup: $(STAMP)

# torch is installed first and pinned to 2.13.0, the CPU wheel pip finds locally:
# without the pin, camel-tools would pull the newest torch with GBs of CUDA packages.
$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@echo "setting up $(VENV) (log: $(VENV)/install.log) ..."
	@$(PY) -m pip install --upgrade pip > $(VENV)/install.log 2>&1 || (tail -30 $(VENV)/install.log; exit 1)
	@$(PY) -m pip install "torch==2.13.0" >> $(VENV)/install.log 2>&1 || (tail -30 $(VENV)/install.log; exit 1)
	@$(PY) -m pip install -e ".[dev]" >> $(VENV)/install.log 2>&1 || (tail -30 $(VENV)/install.log; exit 1)
	@if $(PY) -m pip list 2>/dev/null | grep -i nvidia; then echo "error: CUDA packages were installed; torch must be the CPU build 2.13.0" >&2; exit 1; fi
	@$(PY) -m ipykernel install --prefix $(VENV) --name $(KERNEL) --display-name "Arabic news workbook" > /dev/null
	@touch $@
	@echo "ready: $(VENV) with kernel '$(KERNEL)'"

run: setup
	$(PY) -m analysis notebooks $(if $(CORPUS),--corpus $(CORPUS)) $(if $(OUT),--out $(OUT))

test: setup
	$(PY) -m pytest

bench: setup
	$(PY) -m benchmarks.bench --docs $(DOCS) $(if $(WORKERS),--workers $(WORKERS))

# quality on real articles: P/R/F1 per layer on the development set (devset/); VERBOSE=1 lists every miss
eval: setup
	$(PY) devset/score.py . --python $(PY) $(if $(VERBOSE),--verbose)

lab: setup
	$(VENV)/bin/jupyter lab notebooks/

clean:
	rm -rf outputs build .pytest_cache
