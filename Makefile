# rnn-notebooks: the commands a teacher, a student and CI use.
#
#   make lab         set up .venv if needed, then open JupyterLab on notebook 00 (live slides:
#                    run the notebook, then command palette > "Start Deck"; Escape leaves)
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

# The course's matrices are small: one BLAS thread is faster than several, and on a shared
# 2-core machine several threads spin against each other (a training step took 10x longer).
export OMP_NUM_THREADS ?= 1
export OPENBLAS_NUM_THREADS ?= 1
export MKL_NUM_THREADS ?= 1

.PHONY: help venv lab test test-stages lint unit nbval notebooks clean distclean

help:
	@echo "make lab        open the course in JupyterLab (creates $(VENV) the first time);"
	@echo "                live slides: run the notebook, then Ctrl+Shift+C > Start Deck"
	@echo "make test       ruff + unit tests + every notebook through nbval"
	@echo "make notebooks  re-execute every notebook in place"
	@echo "make venv       only create/update $(VENV)"
	@echo "make clean      remove caches (keeps $(VENV)); make distclean also removes $(VENV)"

venv: $(STAMP)

# Reinstall only when what we install from has changed (or the venv is new). pyproject.toml
# holds the list of dependencies; the requirements files only name its extras.
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

# ---------------------------------------------------------------------------------------------
# Classroom, cloud and CI legs (issues 6 and 9). Each leg builds its own venv under build/legs/;
# their scripts are in .ci/, beside .ci/run.
#
#   make slides          static reveal.js slides of every notebook in slides/, offline
#   make slide-types     write slide type "" where a notebook says "-" (the live slideshow,
#                        jupyterlab-slideshow, hides "-" cells; nbconvert treats both alike)
#   make test-slides     build them and check that no page loads anything from a CDN
#   make test-browser    JupyterLab + Chromium (Debian's chromium): every notebook Run All, one
#                        control of every widget moved, its output changed; slider tracks at a
#                        1024 px window; the live slideshow on 01, 04 and 06; then every static
#                        slide deck opened with no network. Screenshots: artifacts/browser/
#   make test-binder     a venv built from binder/ alone, as repo2docker does: nbval + unit tests
#   make test-py310      Python 3.10 (oldest supported): unit tests + nbval
#   make test-py313      Python 3.13 (newest): unit tests + nbval
#   make test-widgets77  ipywidgets 7.7 (Colab's) on $(PYTHON): unit tests + nbval
#   make test-py310-widgets77   both at once (what CI runs)
#   make test-colab      as on Colab: the wheel installed --no-deps into Python 3.12 with Colab's
#                        numpy, matplotlib and ipywidgets 7.7.1 (.ci/colab-versions.txt): nbval
#   make ci-legs         the legs CI runs after `make test`
#   make colab-cell      add/refresh the Colab cell in every notebook and the README's links
#   make glossary-doc    regenerate docs/glossary.md from rnn_helpers/glossary.py
#   make lab-zh          JupyterLab in Simplified Chinese (installs the zh-CN language pack)
WIDGETS77 ?= ipywidgets~=7.7.0
LAB_ZH_SETTINGS := $(VENV)/.lab-zh-settings

.PHONY: claims slides slide-types test-slides browser-deps test-browser test-binder test-py310 test-py313 \
	test-widgets77 test-py310-widgets77 test-colab ci-legs colab-cell glossary-doc lab-zh

slides: venv
	"$(BIN)/python" scripts/export_slides.py

slide-types: venv
	"$(BIN)/python" scripts/slide_types.py $(NOTEBOOKS)

test-slides: slides
	RNN_REQUIRE_SLIDES=1 MPLBACKEND=Agg "$(BIN)/python" -m pytest -q -p no:cacheprovider \
		tests/notebooks/test_slides.py

browser-deps: venv
	"$(BIN)/python" -m pip install -q -r requirements-browser.txt

test-browser: browser-deps slides
	RNN_BROWSER=1 "$(BIN)/python" -m pytest -q -s -p no:cacheprovider tests/browser

test-binder:
	.ci/binder_check.sh

test-py310:
	.ci/python_leg.sh py310 3.10

test-py313:
	.ci/python_leg.sh py313 3.13

test-widgets77:
	.ci/python_leg.sh widgets77 \
		"$$($(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])')" "$(WIDGETS77)"

test-py310-widgets77:
	.ci/python_leg.sh py310-widgets77 3.10 "$(WIDGETS77)"

test-colab:
	.ci/colab_leg.sh

ci-legs:
	.ci/ci_legs.sh prepare
	.ci/ci_legs.sh run
	$(MAKE) test-slides test-browser

# Every notebook over 5 seeds x 1 and 2 BLAS threads; every rh.claims.check recorded in
# docs/claims.md (about 10 min on 2 cores). Run it after changing a notebook's claims.
claims: venv
	"$(BIN)/python" scripts/check_claims.py --seeds 5 --threads 1 2 --out docs/claims.md

colab-cell: venv
	"$(BIN)/python" scripts/colab_cell.py
	"$(BIN)/python" scripts/colab_cell.py --readme
	@echo "now re-execute the notebooks: make notebooks"

glossary-doc: venv
	"$(BIN)/python" scripts/build_glossary_doc.py

lab-zh: venv
	"$(BIN)/python" -m pip install -q jupyterlab-language-pack-zh-cn
	@mkdir -p "$(LAB_ZH_SETTINGS)/@jupyterlab/translation-extension"
	@echo '{"locale": "zh_CN"}' \
		> "$(LAB_ZH_SETTINGS)/@jupyterlab/translation-extension/plugin.jupyterlab-settings"
	@if [ -f notebooks/00_start_here.ipynb ]; then target=notebooks/00_start_here.ipynb; \
	else target=notebooks; fi; \
	JUPYTERLAB_SETTINGS_DIR="$(LAB_ZH_SETTINGS)" "$(BIN)/jupyter" lab --ip=127.0.0.1 "$$target"

# ---------------------------------------------------------------------------------------------
# Graded assignments (assignments/, issue 13). nbgrader is a teacher's tool: it lives in its own
# venv, $(TEACH_VENV) (`pip install -e .[teach]`), never in the students' $(VENV).
#
#   make assignments          the students' copies: nbgrader generate_assignment, from
#                             assignments/source/ into assignments/release/ (committed: run it
#                             after changing a source notebook, and commit both)
#   make autograde-selftest   nbgrader autograde + generate_feedback in a throwaway course folder:
#                             the source solutions (full marks), the released blanks (0 points)
#                             and the seeded buggy submissions of assignments/buggy_submissions.py
#                             (partial marks, the feedback that names each mistake); the table
#                             lands in build/teach/selftest.md
#   make teach-venv           only create/update $(TEACH_VENV)
TEACH_PYTHON ?= python3
TEACH_VENV ?= build/teach/venv
TEACH_BIN := $(abspath $(TEACH_VENV))/bin
TEACH_STAMP := $(TEACH_VENV)/.rnn-teach-installed
TEACH_DB := $(abspath build/teach)/gradebook.db
ASSIGNMENTS := $(notdir $(wildcard assignments/source/*))

.PHONY: teach-venv assignments autograde-selftest

teach-venv: $(TEACH_STAMP)

$(TEACH_STAMP): pyproject.toml
	@if ! "$(TEACH_BIN)/python" -m pip --version >/dev/null 2>&1; then \
		$(TEACH_PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { \
			echo "nbgrader 0.9 needs Python 3.11 or newer: make $@ TEACH_PYTHON=python3.11" >&2; \
			exit 1; }; \
		echo "Creating $(TEACH_VENV) with $(TEACH_PYTHON) ($$($(TEACH_PYTHON) --version 2>&1))"; \
		$(TEACH_PYTHON) -m venv --clear "$(TEACH_VENV)"; \
	fi
	"$(TEACH_BIN)/python" -m pip install -q -e ".[teach]"
	@touch "$@"

assignments: teach-venv
	@mkdir -p "$(dir $(TEACH_DB))" && rm -f "$(TEACH_DB)"
	cd assignments && for a in $(ASSIGNMENTS); do \
		PATH="$(TEACH_BIN):$$PATH" nbgrader generate_assignment "$$a" --force \
			--db="sqlite:///$(TEACH_DB)" || exit 1; \
	done

autograde-selftest: teach-venv
	"$(TEACH_BIN)/python" scripts/autograde_selftest.py
