# The two commands of the README contract: `make run` and `make test`.
# Both install the Debian packages they need (scripts/deps.sh), build with
# CMake and go. Everything else here is a helper for them.

BUILD      ?= build
ASAN_BUILD ?= build-asan
DB         ?= rodtrad.db
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)

# Debian packages: to build, and additionally to test.
DEB_BUILD := build-essential cmake pkg-config libsqlite3-dev libjansson-dev libxlsxwriter-dev \
             libzip-dev libcairo2-dev fonts-dejavu-core libmicrohttpd-dev zlib1g-dev \
             libical-dev libcurl4-openssl-dev libxml2-dev libsodium-dev libgnutls28-dev libpq-dev
DEB_TEST  := libcmocka-dev sqlite3 postgresql unzip poppler-utils chromium \
             libreoffice-writer-nogui libreoffice-calc-nogui openssl clang nginx curl

.PHONY: all build deps deps-test run demo test test-asan fuzz crash load clean

all: build

deps:
	@scripts/deps.sh $(DEB_BUILD)

deps-test: deps
	@scripts/deps.sh $(DEB_TEST)

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD) -j $(JOBS) --target rodtrad

# Builds, creates the demo database from the seeds' real plans if it is
# missing (or brings an existing one up to the current schema), shows what
# is in it and starts the web server (Ctrl-C stops it).
LISTEN     ?= 127.0.0.1:8080

run: build
	@if [ ! -f "$(DB)" ]; then $(BUILD)/rodtrad demo "$(DB)"; else $(BUILD)/rodtrad init "$(DB)"; fi
	@$(BUILD)/rodtrad plan list --db "$(DB)"
	@echo
	@$(BUILD)/rodtrad user demo
	@echo
	@echo "Databas: $(DB). Webben och API:t: http://$(LISTEN)/ (JSON: http://$(LISTEN)/api/v1/plans)"
	@exec $(BUILD)/rodtrad serve --db "$(DB)" --listen "$(LISTEN)"

demo: build
	@rm -f "$(DB)" "$(DB)-wal" "$(DB)-shm"
	@$(BUILD)/rodtrad demo "$(DB)"

# Every test: the normal build, then the same suite under ASan + UBSan.
test: deps-test
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	@$(MAKE) --no-print-directory test-asan

test-asan: deps-test
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DRT_SANITIZE=ON >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)
	@cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
		ctest --output-on-failure -j $(JOBS)

# libFuzzer (fuzz/, clang, ASan + UBSan): every target for FUZZ_SECONDS
# (10 minutes unless given), JOBS at a time. `make test` runs each briefly.
FUZZ_BUILD   ?= $(BUILD)-fuzz
FUZZ_SECONDS ?= 600

fuzz: deps-test
	@fuzz/fuzz.sh build $(FUZZ_BUILD)
	@fuzz/fuzz.sh all $(FUZZ_BUILD) $(FUZZ_SECONDS) $(JOBS)

# Issue 8: the full crash-safety run (10 000 acknowledged outcome writes
# over the API, 100 SIGKILLs of the server; tests/crash/crash.sh, `make test`
# runs 500/5) and the load test (bench/load.sh: wrk 60 s at 256 connections
# on a mixed workload, then a short run against an ASan build). CRASH_DB /
# LOAD_DB: a database (postgres://…) holding the demo data instead of a
# temporary demo database.
crash: deps-test
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD) -j $(JOBS) --target rodtrad crash_client
	@tests/crash/crash.sh $(BUILD)/rodtrad $(BUILD)/tests/crash_client $(if $(CRASH_DB),--db $(CRASH_DB))

load: deps
	@bench/load.sh $(if $(LOAD_DB),--db $(LOAD_DB))

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(BUILD)-fuzz
