# The two commands the README starts with are `make serve` and `make test`;
# both set up whatever is missing first (tools/setup.sh).
.DEFAULT_GOAL := help
VENV := .venv/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: help setup build serve test lint bench clean

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

setup:  ## Install the pinned toolchain (.venv, node_modules)
	tools/setup.sh

build: setup  ## Build the site, with Pyodide and the wheels, into site/
	$(VENV)/mkdocs build --strict

serve: build  ## Build, then serve the site on http://127.0.0.1:8000 with the production headers
	$(VENV)/python -m tools.serve site --port 8000

lint: setup  ## Lint the Python (ruff) and lint and format-check the JavaScript (Biome)
	$(VENV)/ruff check .
	node_modules/.bin/biome ci --colors=off

test: lint  ## Set up, lint, build and run every test
	tools/setup.sh --browser
	$(VENV)/mkdocs build --strict
	$(VENV)/python -m pytest

bench: build  ## Measure load and redraft times in Chromium (not part of the tests)
	$(VENV)/python -m bench

clean:  ## Remove build outputs
	rm -rf site .cache
