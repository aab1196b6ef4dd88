# One-command build and test of the book "Calculus for Machine Learning".
#   make book    set up .venv if needed, execute every chapter, write the HTML site to _build/html
#   make test    the same set-up, then unit tests, doctests and a strict full book build
#   make serve   serve _build/html on http://localhost:$(PORT)
#   make clean   remove the built site, the execution cache and Python caches (keeps .venv)

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.requirements-installed
PORT   ?= 8000

# Quiet TensorFlow in every kernel the build starts (it reads these when it is imported).
export TF_CPP_MIN_LOG_LEVEL := 2
export TF_ENABLE_ONEDNN_OPTS := 0
export MPLBACKEND := Agg
export PYDEVD_DISABLE_FILE_VALIDATION := 1

# The execution cache keys on code cells only, so a change to mlcalc must invalidate it.
MLCALC_HASH = $(shell cat code/pyproject.toml $$(find code/src -name '*.py' | sort) | sha256sum | cut -c1-16)

# MathJax is served from the site itself (no CDN), so formulas render offline and in tests.
MATHJAX_VERSION := 3.2.2
MATHJAX := $(VENV)/mathjax/mathjax/tex-chtml.js

.PHONY: book test serve clean setup

setup: $(STAMP) $(MATHJAX)

$(MATHJAX):
	npm install --prefix $(VENV)/npm --no-audit --no-fund --silent mathjax@$(MATHJAX_VERSION)
	@rm -rf $(VENV)/mathjax && mkdir -p $(VENV)/mathjax/mathjax/output/chtml/fonts $(VENV)/mathjax/mathjax/input/tex
	cd $(VENV)/npm/node_modules/mathjax/es5 && cp -r tex-chtml.js ui a11y $(CURDIR)/$(VENV)/mathjax/mathjax/ \
		&& cp -r output/chtml/fonts/woff-v2 $(CURDIR)/$(VENV)/mathjax/mathjax/output/chtml/fonts/ \
		&& cp -r input/tex/extensions $(CURDIR)/$(VENV)/mathjax/mathjax/input/tex/

$(STAMP): requirements.txt code/pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@touch $@

book: setup
	@mkdir -p _build
	@if [ "$$(cat _build/.mlcalc-hash 2>/dev/null)" != "$(MLCALC_HASH)" ]; then \
		echo "mlcalc changed since the last build: clearing the execution cache"; \
		rm -rf _build/.jupyter_cache; \
	fi
	$(BIN)/jupyter-book build . -W -n --keep-going
	@echo "$(MLCALC_HASH)" > _build/.mlcalc-hash
	@echo "The book is ready: open file://$(CURDIR)/_build/html/index.html (or run 'make serve')"

test: setup
	$(BIN)/python -m pytest

serve:
	@test -f _build/html/index.html || { echo "No site yet: run 'make book' first"; exit 1; }
	@echo "Serving the book at http://localhost:$(PORT)/ (Ctrl-C stops)"
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory _build/html

clean:
	rm -rf _build .pytest_cache .hypothesis
	find . -name __pycache__ -not -path './$(VENV)/*' -prune -exec rm -rf {} +
