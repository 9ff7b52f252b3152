# Two commands on a fresh machine: `make run` and `make test`.
PY      ?= python3.11
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False
export GRADIO_ANALYTICS_ENABLED := False

.PHONY: install run test test-fast test-llm lint bench eval browser clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# torch first and pinned, so that nothing pulls a multi-GB CUDA build.
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

# Debian's Chromium for the browser tests (no browser download works here).
browser:
	@test -x /usr/bin/chromium || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -q && $$SUDO apt-get install -y -q chromium; }

SAMPLE_QUESTION ?= Who is Britain's UN ambassador?

# Index corpus/ (incrementally), answer one sample question on the command line, start the app.
run: install
	$(BIN)/python -m index build
	$(BIN)/python -m qa ask "$(SAMPLE_QUESTION)"
	$(BIN)/python app.py

lint: install
	$(BIN)/ruff check .

test: install browser lint
	$(BIN)/python -m pytest -q

test-fast: install
	$(BIN)/python -m pytest -q -m "not slow"

# The optional local-LLM path: llama-cpp-python compiles for about 15 minutes on 2 cores.
test-llm: install
	$(BIN)/pip install --quiet -e '.[llm]'
	$(BIN)/python -m pytest -q tests/qa/test_llm_gguf.py

bench: install
	$(BIN)/python benchmarks/bench_index.py
	$(BIN)/python benchmarks/bench_ask.py
	$(BIN)/python benchmarks/bench_startup.py

eval: install
	$(BIN)/python -m eval run eval/questions/seed.yaml --out eval/runs/latest
	$(BIN)/python -m eval compare eval/questions/seed.yaml --vary retrieval=hybrid,hybrid-rrf,dense,bm25 --out eval/runs/compare

clean:
	rm -rf .data eval/runs benchmarks/out
