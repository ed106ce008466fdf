# Two commands do everything on a fresh machine (Python 3.11, network only to package registries):
#   make figures   – create .venv if missing, run every notebook in order, export every figure
#   make test      – create .venv if missing, run the whole test suite (notebooks included)
# Also: make lab (JupyterLab on notebooks/), make clean (remove derived data and caches).

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
CORPUS ?=

.PHONY: figures test lab env clean

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

lab: $(STAMP)
	$(VENV)/bin/jupyter lab --notebook-dir=notebooks

clean:
	rm -rf data/derived .pytest_cache .hypothesis reports
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
