# One-command build and test of the book "Calculus for Machine Learning".
#   make book    set up .venv if needed, execute every chapter, write the HTML site to _build/html
#   make test    the same set-up, then unit tests, doctests and a strict full book build
#   make serve   serve _build/html on http://localhost:$(PORT)
#   make pdf     the same build, then the whole book as one PDF: _build/pdf/calculus-for-ml.pdf
#   make clean   remove the built site, the execution cache and Python caches (keeps .venv)
#   make mutate  mutation testing of mlcalc (slow; not part of `make test`): one score per module

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.requirements-installed
PORT   ?= 8000
# PyTorch's CPU build, from PyTorch's own CPU wheel index (see the set-up rule below).
TORCH_PIN   := torch==2.13.0+cpu
TORCH_INDEX := https://download.pytorch.org/whl/cpu
TORCH_STAMP := $(VENV)/.torch-cpu-installed

# Quiet TensorFlow in every kernel the build starts (it reads these when it is imported).
export TF_CPP_MIN_LOG_LEVEL := 2
export TF_ENABLE_ONEDNN_OPTS := 0
# Kernels draw figures inline (also when the build runs from pytest, which uses Agg).
export MPLBACKEND := module://matplotlib_inline.backend_inline
export PYDEVD_DISABLE_FILE_VALIDATION := 1

# From the npm registry: MathJax, served from the site itself (no CDN), so formulas render
# offline and in tests; axe-core, the accessibility checker the browser tests run on every page.
MATHJAX_VERSION := 3.2.2
AXE_VERSION := 4.11.0
NPM_STAMP := $(VENV)/npm/.installed-mathjax-$(MATHJAX_VERSION)-axe-$(AXE_VERSION)
MATHJAX_SRC := $(VENV)/npm/node_modules/mathjax/es5
MATHJAX_DIR := $(VENV)/mathjax/mathjax

.PHONY: book test serve clean setup page notebooks browser bench pdf pdf-tools test-pdf mutate

setup: $(STAMP) $(NPM_STAMP)

# A virtual environment with the pinned build (requirements.txt installs ./code editable).
# PyTorch first, on its own: its CPU build comes from PyTorch's CPU wheel index (the default index
# has only the build that pulls several GB of CUDA libraries), and no other package asks that index.
# requirements.txt's torch==2.13.0 is then already satisfied; pip adds torch's own requirements.
$(STAMP): requirements.txt code/pyproject.toml $(TORCH_STAMP)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@touch $@

# Where that index cannot be reached, the same pin may still resolve (a wheel on the machine's
# disk); failing that, torch==2.13.0 comes from the default index. One retry, a short timeout.
$(TORCH_STAMP):
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "Installing $(TORCH_PIN) (PyTorch's CPU build)"
	@$(BIN)/python -m pip install --quiet --no-deps --retries 1 --timeout 15 \
		--index-url $(TORCH_INDEX) $(TORCH_PIN) 2>$(VENV)/torch-install.log \
	|| { echo "PyTorch's CPU index gave no $(TORCH_PIN) (see $(VENV)/torch-install.log):" \
		"installing torch==2.13.0 from the default index instead"; \
		$(BIN)/python -m pip install --quiet --no-deps torch==2.13.0; }
	@touch $@

$(NPM_STAMP):
	npm install --prefix $(VENV)/npm --no-audit --no-fund --silent \
		mathjax@$(MATHJAX_VERSION) axe-core@$(AXE_VERSION)
	@rm -rf $(VENV)/mathjax && mkdir -p $(MATHJAX_DIR)/output/chtml/fonts $(MATHJAX_DIR)/input/tex
	cp -r $(MATHJAX_SRC)/tex-chtml.js $(MATHJAX_SRC)/ui $(MATHJAX_SRC)/a11y $(MATHJAX_DIR)/
	cp -r $(MATHJAX_SRC)/output/chtml/fonts/woff-v2 $(MATHJAX_DIR)/output/chtml/fonts/
	cp -r $(MATHJAX_SRC)/input/tex/extensions $(MATHJAX_DIR)/input/tex/
	@touch $@

# The browser tests drive Debian's Chromium (never a browser downloaded by a test tool).
browser:
	@command -v chromium >/dev/null || { \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
		else echo "The browser tests need Debian's chromium: sudo apt-get install chromium"; exit 1; fi; }

# The PDF edition: the built site joined into one document and printed by Debian's Chromium;
# poppler-utils (pdftotext) locates the contents' page numbers and lets the tests read the PDF.
# `book` first: it re-executes only what changed, so the PDF shows the site's cached outputs.
pdf-tools: browser
	@command -v pdftotext >/dev/null || { \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq poppler-utils; \
		else echo "The PDF needs Debian's poppler-utils: sudo apt-get install poppler-utils"; exit 1; fi; }

# The copy in _build/html is what the site's download menu links to once the site is published.
pdf: book pdf-tools
	$(BIN)/python scripts/pdf/build.py
	cp _build/pdf/calculus-for-ml.pdf _build/html/calculus-for-ml.pdf
	@echo "The PDF is ready: $(CURDIR)/_build/pdf/calculus-for-ml.pdf"

# Only the PDF's tests (they run `make pdf`, which reuses the built book); `make test` runs them too.
test-pdf: setup pdf-tools
	$(BIN)/python -m pytest tests/pdf

# Colab opens only .ipynb: one notebook beside each chapter, committed with it.
notebooks: setup
	$(BIN)/python scripts/notebooks.py

# Chapters run first, in parallel, into the execution cache; scripts/execute.py re-runs a
# chapter when its code or an mlcalc module it imported changed. The answer keys their solutions
# record are merged into mlcalc's keys.json (commit it); Sphinx then reads the outputs.
# EXECUTE_FLAGS=--serial runs them one at a time (the benchmark compares both).
book: setup
	$(BIN)/python scripts/execute.py $(EXECUTE_FLAGS)
	$(BIN)/python scripts/collect_keys.py
	@rm -rf _build/html/_modules  # source pages of modules that may no longer exist (Sphinx keeps them)
	$(BIN)/jupyter-book build . -W -n --keep-going
	@echo "The book is ready: open file://$(CURDIR)/_build/html/index.html (or run 'make serve')"

# Preview one chapter while writing it: make page PAGE=book/01-limits/01-what-is-calculus.md
# Builds the intro, the appendix and that page alone (strict, like the book, except that links
# to other chapters are not checked: the full build does that) into _build/pages/.
page: setup
	@test -f "$(PAGE)" || { echo "usage: make page PAGE=book/<part>/<chapter>.md"; exit 2; }
	@mkdir -p $(PAGE_OUT)
	@printf 'format: jb-book\nroot: book/intro\nparts:\n  - caption: Preview\n    chapters:\n      - file: %s\n  - caption: Appendix\n    chapters:\n      - file: book/appendix/api\n      - file: book/appendix/references\n' "$(basename $(PAGE))" > $(PAGE_OUT)/_toc.yml
	MLCALC_PAGE_PREVIEW=1 $(BIN)/jupyter-book build . --toc $(PAGE_OUT)/_toc.yml --path-output $(PAGE_OUT) -W -n --keep-going
	@echo "Preview: file://$(CURDIR)/$(PAGE_OUT)/_build/html/$(basename $(PAGE)).html"

PAGE_OUT = _build/pages/$(notdir $(basename $(PAGE)))

# Everything, the PDF's tests (tests/pdf, which run `make pdf`) included.
test: setup browser pdf-tools
	$(BIN)/python -m pytest

# Time the build (cold, warm, after edits) and weigh the pages; prints one table.
bench: setup
	$(BIN)/python benchmarks/build.py

# Development tools the build does not need (mutmut), on top of the pinned build.
DEV_STAMP := $(VENV)/.requirements-dev-installed
$(DEV_STAMP): requirements-dev.txt $(STAMP)
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	@touch $@

# Mutation testing: mutmut edits mlcalc one small change at a time and runs tests/mlcalc against
# each edit; prints module, mutants, killed, survived, score and the survivors. Narrow it with
# e.g. MUTATE_FLAGS="limits --tests tests/mlcalc/test_limits.py --max-children 1".
mutate: $(DEV_STAMP)
	$(BIN)/python scripts/mutate.py $(MUTATE_FLAGS)

serve:
	@test -f _build/html/index.html || { echo "No site yet: run 'make book' first"; exit 1; }
	@echo "Serving the book at http://localhost:$(PORT)/ (Ctrl-C stops)"
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory _build/html

clean:
	rm -rf _build .pytest_cache .hypothesis
	find . -name __pycache__ -not -path './$(VENV)/*' -prune -exec rm -rf {} +
