# Two commands for a newcomer: `make run` (the analysis) and `make test` (the test suite).
# Each sets itself up on a fresh clone: .venv is created when missing and the
# Jupyter kernel the notebooks use is registered inside it.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
KERNEL := arabic-news-workbook
STAMP := $(VENV)/.installed
NER_VENV ?= .venv-ner
CORPUS ?=
OUT ?=
DOCS ?= 2000
WORKERS ?=

# uv sets the environment up from uv.lock; when it is not on PATH, it is installed with pip
# into .tools/ (a few seconds).
UV ?= $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
export UV_PYTHON_DOWNLOADS := never

.PHONY: setup run test test-ner bench lab eval lock snapshots clean

setup: $(STAMP)

.tools/bin/uv:
	@$(PYTHON) -m venv .tools
	@.tools/bin/python -m pip install --quiet "uv>=0.13,<0.14"

# The locked environment: exactly the versions in uv.lock, without torch and transformers
# (pyproject.toml's [tool.uv] overrides say why).
$(STAMP): pyproject.toml uv.lock | $(UV)
	@echo "setting up $(VENV) from uv.lock (log: $(VENV).log) ..."
	@UV_PROJECT_ENVIRONMENT=$(VENV) $(UV) sync --frozen --extra dev --python $(PYTHON) > $(VENV).log 2>&1 || (tail -30 $(VENV).log; exit 1)
	@$(PY) -m ipykernel install --prefix $(VENV) --name $(KERNEL) --display-name "Arabic news workbook" > /dev/null
	@touch $@
	@echo "ready: $(VENV) ($$(du -sh $(VENV) | cut -f1)) with kernel '$(KERNEL)'"

# After editing dependencies in pyproject.toml: re-resolve and commit uv.lock.
lock: | $(UV)
	$(UV) lock --python $(PYTHON)

# The optional camel-tools NER backend needs torch and transformers: a second environment, set up
# with plain pip (which finds torch's CPU build 2.13.0 here), the other packages held to uv.lock's
# versions, and the whole suite run in it (the NER tests run instead of being skipped).
$(NER_VENV)/.installed: pyproject.toml uv.lock | $(UV)
	@test -x $(NER_VENV)/bin/python || $(PYTHON) -m venv $(NER_VENV)
	@echo "setting up $(NER_VENV) with the ner extra (log: $(NER_VENV).log) ..."
	@$(UV) export --frozen --extra dev --no-hashes --no-emit-project --no-header -o $(NER_VENV)/constraints.txt > $(NER_VENV).log 2>&1
	@$(NER_VENV)/bin/python -m pip install -c $(NER_VENV)/constraints.txt "torch==2.13.0" -e ".[dev,ner]" >> $(NER_VENV).log 2>&1 || (tail -30 $(NER_VENV).log; exit 1)
	@if $(NER_VENV)/bin/python -m pip list 2>/dev/null | grep -i nvidia; then echo "error: CUDA packages were installed; torch must be the CPU build 2.13.0" >&2; exit 1; fi
	@$(NER_VENV)/bin/python -m ipykernel install --prefix $(NER_VENV) --name $(KERNEL) --display-name "Arabic news workbook (ner)" > /dev/null
	@touch $@

test-ner: $(NER_VENV)/.installed
	WORKBOOK_EXTRAS=ner $(NER_VENV)/bin/python -m pytest

run: setup
	$(PY) -m analysis notebooks $(if $(CORPUS),--corpus $(CORPUS)) $(if $(OUT),--out $(OUT))

test: setup
	$(PY) -m pytest

bench: setup
	$(PY) -m benchmarks.bench --docs $(DOCS) $(if $(WORKERS),--workers $(WORKERS))

# after a change meant to move readings: rewrite tests/snapshots/ (then read and commit its diff)
snapshots: setup
	$(PY) scripts/update_snapshots.py

# quality on real articles: P/R/F1 per layer on the development set (devset/); VERBOSE=1 lists every miss
eval: setup
	$(PY) devset/score.py . --python $(PY) $(if $(VERBOSE),--verbose)

# A server on 127.0.0.1 that prints its address (open it in a browser); as root, --allow-root.
lab: setup
	$(VENV)/bin/jupyter lab --no-browser --ip 127.0.0.1 $(if $(filter 0,$(shell id -u)),--allow-root) notebooks/

clean:
	rm -rf outputs build .pytest_cache
