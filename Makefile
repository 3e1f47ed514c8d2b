# rnn-notebooks: the commands a teacher, a student and CI use.
#
#   make lab         set up .venv if needed, then open JupyterLab on notebook 00
#   make test        set up .venv if needed, then lint + unit tests + every notebook (nbval)
#   make notebooks   re-execute every notebook in place, so committed outputs are fresh
#
# Another Python or another place for the environment (CI legs do this):
#   make test PYTHON=python3.10 VENV=/tmp/venv-py310

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.rnn-notebooks-installed

# Per-cell time limit, in seconds, for nbval and `make notebooks`.
CELL_TIMEOUT ?= 120
NOTEBOOKS ?= $(sort $(wildcard notebooks/*.ipynb))
# Only the folders that exist: git does not keep empty ones in a fresh clone.
LINT_PATHS := $(wildcard rnn_helpers tests notebooks benchmarks scripts)
TEST_STAGES := lint unit nbval

# A backend chosen in the caller's shell must not reach Jupyter kernels: with
# MPLBACKEND=Agg they would draw nothing inline. Only the unit tests set it.
unexport MPLBACKEND

.PHONY: help venv lab test test-stages lint unit nbval notebooks clean distclean

help:
	@echo "make lab        open the course in JupyterLab (creates $(VENV) the first time)"
	@echo "make test       ruff + unit tests + every notebook through nbval"
	@echo "make notebooks  re-execute every notebook in place"
	@echo "make venv       only create/update $(VENV)"
	@echo "make clean      remove caches (keeps $(VENV)); make distclean also removes $(VENV)"

venv: $(STAMP)

# Reinstall only when what we install from has changed (or the venv is new).
$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	@if ! "$(BIN)/python" -m pip --version >/dev/null 2>&1; then \
		echo "Creating $(VENV) with $(PYTHON) ($$($(PYTHON) --version 2>&1))"; \
		$(PYTHON) -m venv --clear "$(VENV)"; \
	fi
	"$(BIN)/python" -m pip install -r requirements-dev.txt
	@touch "$@"

# Localhost only, token on (Jupyter's default). As root (a container), Jupyter refuses to
# start unless told --allow-root.
lab: venv
	@if [ -f notebooks/00_start_here.ipynb ]; then target=notebooks/00_start_here.ipynb; \
	else target=notebooks; fi; \
	if [ "$$(id -u)" = 0 ]; then root=--allow-root; else root=; fi; \
	echo "$(BIN)/jupyter lab --ip=127.0.0.1 $$root $$target"; \
	"$(BIN)/jupyter" lab --ip=127.0.0.1 $$root "$$target"

test: venv $(TEST_STAGES)

# The stages of `make test`, for .ci/run to time one by one.
test-stages:
	@echo $(TEST_STAGES)

lint: venv
	"$(BIN)/ruff" check $(LINT_PATHS)

# pytest exits 5 when it collects no test: that is a failure here, not a pass.
# nbval is not needed here and importing it costs seconds.
unit: venv
	MPLBACKEND=Agg "$(BIN)/python" -m pytest -p no:nbval tests -q

nbval: venv
ifeq ($(strip $(NOTEBOOKS)),)
	@echo "nbval: no notebooks in notebooks/ yet, nothing to execute"
else
	"$(BIN)/python" -m pytest -q -p no:cacheprovider --nbval-lax --nbval-current-env \
		--nbval-cell-timeout=$(CELL_TIMEOUT) $(NOTEBOOKS)
endif

notebooks: venv
ifeq ($(strip $(NOTEBOOKS)),)
	@echo "notebooks: no notebooks in notebooks/ yet, nothing to execute"
else
	"$(BIN)/python" scripts/run_notebooks.py --timeout $(CELL_TIMEOUT) $(NOTEBOOKS)
endif

clean:
	rm -rf .pytest_cache .ruff_cache build dist *.egg-info
	find . \( -path ./.git -o -path "./$(VENV)" \) -prune -o -type d \
		\( -name __pycache__ -o -name .ipynb_checkpoints \) -prune -exec rm -rf {} +

distclean: clean
	rm -rf "$(VENV)"
