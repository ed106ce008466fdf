# Two commands do everything on a fresh machine (Python 3.11, network only to package registries):
#   make figures   – create .venv if missing, run every notebook in order, export every figure
#   make test      – create .venv if missing, run the whole test suite (notebooks included)
# Also: make lab (JupyterLab on notebooks/), make clean (remove derived data and caches).

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
CORPUS ?=

.PHONY: figures test lab env clean browser-deps

$(STAMP): requirements.txt pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $(STAMP)

env: $(STAMP)

figures: $(STAMP)
	MPLBACKEND=Agg $(PY) -m analysis.reproduce $(if $(CORPUS),--corpus "$(CORPUS)")

test: $(STAMP)
	MPLBACKEND=Agg $(PY) -m pytest

# Debian's Chromium and its driver for the browser test (tests/test_browser.py); needs root and apt.
browser-deps:
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then echo "chromium and chromedriver present"; \
	elif command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	  apt-get install -y --no-install-recommends chromium chromium-driver >/dev/null 2>&1 || \
	  { apt-get update >/dev/null 2>&1 && apt-get install -y --no-install-recommends chromium chromium-driver >/dev/null; }; \
	else echo "install chromium and chromium-driver with your package manager"; exit 1; fi

# JupyterLab on localhost with a token (printed in the terminal); --allow-root only when run as root.
lab: $(STAMP)
	$(VENV)/bin/jupyter lab --notebook-dir=notebooks --ip=127.0.0.1 --no-browser $(if $(filter 0,$(shell id -u)),--allow-root)

clean:
	rm -rf data/derived .pytest_cache .hypothesis reports
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
