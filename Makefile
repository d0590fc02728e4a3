# Mnemexa: SDK + reference server. `make demo` and `make test` work from a fresh clone.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: setup generate check-generated lint test test-postgres test-unit test-matrix wheel-check serve demo eval category-vectors pair-cosines pair-probabilities dictionary fuzz record bench bench-large bench-postgres bench-postgres-large clean

# The venv is (re)built whenever either pyproject.toml changes. One pip command installs both
# distributions editable: the SDK with its dev extras and the server from ./server. The server
# names the SDK's folder as its dependency; MNEMEXA_SDK_REQUIREMENT lets the editable SDK meet it.
$(STAMP): pyproject.toml server/pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	MNEMEXA_SDK_REQUIREMENT=mnemexa $(PY) -m pip install --quiet -e ".[dev]" -e "./server[postgres,mcp]"
	@touch $(STAMP)

setup: $(STAMP)  ## create .venv and install the SDK (dev extras) and the server, both editable

generate: $(STAMP)  ## regenerate generated/mnemexa_api from openapi.yaml
	$(PY) generator/generate.py

check-generated: $(STAMP)  ## fail if generated/ differs from a fresh generation
	$(PY) generator/generate.py --check

lint: $(STAMP)  ## ruff on everything hand-written, mypy --strict on the SDK
	$(VENV)/bin/ruff check wrapper server tests generator examples bench evals tools
	$(VENV)/bin/ruff format --check wrapper server tests generator examples bench evals tools
	$(VENV)/bin/mypy

# The server tests that make test also runs on PostgreSQL (make test-postgres runs them all):
# one module per store, idempotency, scopes and isolation.
PG_SUBSET := $(addprefix tests/server/,test_operations.py test_idempotency.py test_scopes.py test_postgres_lexical.py \
	test_sessions.py test_agents.py test_events.py test_writes.py test_erase_scope.py test_isolation.py)

# Long single-process modules on SQLite that run in the second lane, after PG_SUBSET: the
# schemathesis runs, the bench in miniature and the accuracy bars (about five minutes there).
BESIDE := tests/contract/test_schemathesis.py tests/bench/test_bench_smoke.py \
	tests/pipeline/test_accuracy.py

# The wheel check, PG_SUBSET on PostgreSQL, then BESIDE, run beside the main suite (which
# mostly waits on servers and sockets); their output follows the main suite's.
test: check-generated lint  ## the whole suite on SQLite and PG_SUBSET on PostgreSQL, as CI runs it
	@log=$$(mktemp); \
	( echo "== wheel check =="; $(PY) tests/wheel_check.py; wc=$$?; \
	  echo "== PostgreSQL: $(words $(PG_SUBSET)) server test modules (make test-postgres runs them all) =="; \
	  MNEMEXA_TEST_BACKEND=postgres $(PY) -m pytest -q -p no:cacheprovider $(PG_SUBSET); pg=$$?; \
	  echo "== SQLite: $(BESIDE) =="; $(PY) -m pytest -q -p no:cacheprovider $(BESIDE); sc=$$?; \
	  test $$wc -eq 0 -a $$pg -eq 0 -a $$sc -eq 0 ) > $$log 2>&1 & beside=$$!; \
	$(PY) -m pytest -q $(addprefix --ignore=,$(BESIDE)); main=$$?; \
	wait $$beside; besides=$$?; \
	cat $$log; rm -f $$log; \
	test $$main -eq 0 -a $$besides -eq 0

test-postgres: $(STAMP)  ## the server suite and schemathesis on PostgreSQL; cassettes recorded on it, checked against the spec
	MNEMEXA_TEST_BACKEND=postgres $(PY) -m pytest -q -p no:cacheprovider tests/server tests/contract/test_schemathesis.py
	dir=$$(mktemp -d) && \
	MNEMEXA_TEST_BACKEND=postgres MNEMEXA_CASSETTE_DIR=$$dir $(PY) -m pytest -q -p no:cacheprovider \
		--record-mode=rewrite tests/cassettes --ignore=tests/cassettes/test_hygiene.py && \
	MNEMEXA_CASSETTE_DIR=$$dir $(PY) -m pytest -q -p no:cacheprovider \
		tests/cassettes/test_hygiene.py tests/contract/test_cassettes_conform.py && \
	rm -rf $$dir

demo: $(STAMP)  ## start a local server, run the quick-start and agent examples (canned model replies) against it, stop it
	$(PY) examples/demo.py

serve: $(STAMP)  ## run the reference server on 127.0.0.1:8080 with ./.mnemexa
	$(PY) -m mnemexa_server serve --host 127.0.0.1 --port 8080

EVAL_STAGES := pii dedup importance temporal categories retrieval retrieval-conversations performance

eval: $(STAMP)  ## the pipeline's accuracy on the labelled sets in tests/data, stage by stage; `make eval STAGE...` runs some
	$(PY) -m evals $(filter $(EVAL_STAGES),$(MAKECMDGOALS))

ifeq ($(firstword $(MAKECMDGOALS)),eval)
$(EVAL_STAGES): ; @:
endif

category-vectors: $(STAMP)  ## re-embed the category tagger's examples after they change
	$(PY) -c "from mnemexa_server.embedding import make_embedder; from mnemexa_server.pipeline.category_examples import write_vectors; write_vectors(make_embedder('minilm'))"

pair-cosines: $(STAMP)  ## re-embed the dedup sets' pairs (tests/data/dedup_cosines.json) after a set or the embedder changes
	$(PY) -m evals.pair_cosines

pair-probabilities: $(STAMP)  ## re-read the dedup sets' pairs with the pair model (tests/data/dedup_pair_probabilities.json) after a set or the model changes
	$(PY) -m evals.pair_probabilities

dictionary: $(STAMP)  ## rebuild the dedup rules' word list from WordNet (apt-get install wordnet-base)
	$(PY) tools/build_dictionary.py

record: $(STAMP)  ## re-record every cassette from a fresh local server with a fixed clock; MODULE=tests/cassettes/test_memory.py re-records that module's only
	$(if $(MODULE),@test -f tests/cassettes/$(basename $(notdir $(MODULE))).py \
		|| { echo "MODULE: no cassette module $(MODULE) in tests/cassettes"; exit 1; })
	rm -rf tests/cassettes/recorded$(if $(MODULE),/$(basename $(notdir $(MODULE))))
	$(PY) -m pytest -q -p no:cacheprovider --record-mode=rewrite \
		$(if $(MODULE),tests/cassettes/$(basename $(notdir $(MODULE))).py,tests/cassettes) \
		--ignore=tests/cassettes/test_hygiene.py
	$(PY) -m pytest -q -p no:cacheprovider tests/cassettes/test_hygiene.py

fuzz: $(STAMP)  ## long: schemathesis (every operation and check), then 20,000 hostile-JSON cases
	$(PY) -m tests.contract.fuzz --max-examples 500 --hostile-examples 20000 --hostile-seed 1

bench: $(STAMP)  ## SDK overhead, import, async, server latency, recall and load, as ratios (under 10 min)
	$(PY) -m bench

bench-large: $(STAMP)  ## opt-in: the vector index with 1M memories (build time, memory, recall)
	$(PY) -m bench.large

bench-postgres: $(STAMP)  ## PostgreSQL vs SQLite side by side: store, retrieve at 100k, recall, RSS, 1 and 2 nodes (under 15 min; BENCH_PG_1M=1 adds the 1M run)
	$(PY) -m bench.postgres

bench-postgres-large: $(STAMP)  ## opt-in: PostgreSQL with 1M memories (HNSW build, retrieve p50/p95, recall@10, profile)
	$(PY) -m bench.postgres_large

test-unit: $(STAMP)
	$(PY) -m pytest -q tests/unit

test-matrix: $(STAMP)  ## SDK unit tests on every Python 3.9-3.13 found
	$(PY) tests/matrix.py

wheel-check: $(STAMP)  ## build both wheels, check their contents, install and run them in fresh venvs
	$(PY) tests/wheel_check.py

clean:
	rm -rf $(VENV) dist build .mypy_cache .ruff_cache .pytest_cache
