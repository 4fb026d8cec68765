# Thin wrapper over CMake. `make demo` and `make test` are all a fresh
# Debian 12 machine needs: they install missing packages first.
BUILD   ?= build
ASAN    ?= build-asan
FUZZB   ?= build-fuzz
JOBS    ?= $(shell nproc 2>/dev/null || echo 2)
EXAMPLE ?= examples/county-medical-security-2024
OUT     ?= out

.PHONY: all deps test-deps build demo test e2e asan bench eval fuzz clean

all: build

deps:
	@bash scripts/install-deps.sh

test-deps:
	@bash scripts/install-deps.sh --test

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

demo: build
	@$(BUILD)/juesuan demo --example $(EXAMPLE) -o $(OUT)

test: test-deps build
	@$(BUILD)/juesuan demo --example $(EXAMPLE) -o $(OUT) >/dev/null
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# Browser tests of `juesuan serve` in a real headless Chromium (tests/e2e/run.py);
# screenshots of each step in $(BUILD)/e2e/.
e2e: build
	@bash scripts/install-deps.sh --e2e
	@JUE_SHARED=$(CURDIR)/../shared JUESUAN_DATA=$(CURDIR)/data python3 tests/e2e/run.py $(BUILD)

asan: test-deps
	@cmake -S . -B $(ASAN) -DCMAKE_BUILD_TYPE=Debug -DJUE_SANITIZE=ON >/dev/null
	@cmake --build $(ASAN) -j $(JOBS)
	@cd $(ASAN) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --output-on-failure -j $(JOBS)

# The batch bench's document count (bench/batch.py): `make bench BATCH_DOCS=500` for a short run.
BATCH_DOCS ?= 10000
bench: build
	@$(BUILD)/bench_compile
	@JUE_SRCDIR=$(CURDIR) $(BUILD)/bench_audit
	@$(BUILD)/bench_text
	@JUESUAN_DATA=$(CURDIR)/data python3 bench/text_batch.py $(BUILD)/juesuan $(CURDIR)/../shared
	@JUE_SRCDIR=$(CURDIR) JUESUAN_DATA=$(CURDIR)/data $(BUILD)/bench_document
	@JUE_SHARED=$(CURDIR)/../shared JUESUAN_DATA=$(CURDIR)/data $(BUILD)/bench_pdf
	@JUESUAN_DATA=$(CURDIR)/data python3 bench/batch.py $(BUILD)/juesuan $(BATCH_DOCS)
	@JUESUAN_DATA=$(CURDIR)/data python3 bench/startup.py $(BUILD)/juesuan $(CURDIR)/../shared

# The error-injection harness: recall per kind of slip x layout (docs/eval.md).
EVAL_ARGS ?=
eval: test-deps build
	@JUESUAN_DATA=$(CURDIR)/data python3 eval/run.py $(BUILD) $(EVAL_ARGS)

# libFuzzer needs clang; each target runs for FUZZ_SECONDS on its corpus.
# The XLSX, DOCX and text doors also get inputs in the megabytes
# (FUZZ_MAX_LEN), where quadratic scans and memory growth show.
FUZZ_SECONDS ?= 30
FUZZ_MAX_LEN ?= 4194304
fuzz: deps
	@command -v clang >/dev/null || apt-get install -y -qq clang
	@CC=clang cmake -S . -B $(FUZZB) -DJUE_FUZZ=ON -DCMAKE_BUILD_TYPE=Debug >/dev/null
	@cmake --build $(FUZZB) -j $(JOBS)
	@for t in $(FUZZB)/tests/fuzz/fuzz_*; do \
	  c=tests/fuzz/corpus/$$(basename $$t | sed 's/^fuzz_//'); \
	  echo "== $$t ($$c)"; mkdir -p $(FUZZB)/new-corpus; \
	  case $$t in *fuzz_xlsx|*fuzz_docx|*fuzz_text) ml=-max_len=$(FUZZ_MAX_LEN);; *) ml=;; esac; \
	  $$t -max_total_time=$(FUZZ_SECONDS) $$ml $(FUZZB)/new-corpus $$c || exit 1; \
	done

clean:
	rm -rf $(BUILD) $(ASAN) $(FUZZB) $(OUT)
