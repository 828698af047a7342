# StreamReach: the two quick-start commands are `make demo` and `make test`.
# Both first run `deps`, which installs only what is missing.

SWIFT ?= swift
BIN_DEBUG = .build/debug/streamreach
APT_PACKAGES = libcurl4-openssl-dev libssl-dev pkg-config
# promtool (Debian: prometheus) checks the metrics output in the tests.
# systemd-analyze (Debian: systemd) verifies the shipped unit files; xmllint
# (libxml2-utils) checks schedule.xml against frab's XSD; a real headless Chromium
# (chromium, chromium-driver, Python selenium) measures the HTML report.
# PostgreSQL (Debian: postgresql) is the shared store's real server: the tests start a
# throwaway cluster of it (Tests/postgres/cluster.sh) and remove it at the end.
TEST_APT_PACKAGES = prometheus systemd libxml2-utils chromium chromium-driver postgresql openssl
PY_PACKAGES = jsonschema rfc3339-validator rfc3987 icalendar vobject selenium

.PHONY: deps test-deps apt-install demo demo-network test bench build release clean fuzz install uninstall

deps:
	@$(MAKE) --no-print-directory apt-install PACKAGES="$(APT_PACKAGES)"

test-deps: deps
	@$(MAKE) --no-print-directory apt-install PACKAGES="$(TEST_APT_PACKAGES)"
	@python3 -c "import jsonschema, rfc3339_validator, rfc3987, icalendar, vobject, selenium" 2>/dev/null || \
	  { echo "Installing Python test validators: $(PY_PACKAGES)"; python3 -m pip install -q $(PY_PACKAGES); }

# Installs the Debian packages in PACKAGES that are not installed yet.
apt-install:
	@missing=""; for p in $(PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

build: deps
	$(SWIFT) build --product streamreach

# The Swift runtime and Foundation linked in: a command starts in ~8 ms instead of ~12
# (no dynamic symbol lookups), which matters for cron jobs and the benchmarks' ratios.
release: deps
	$(SWIFT) build -c release --static-swift-stdlib --product streamreach
	$(SWIFT) build -c release --static-swift-stdlib --product streamreach-livebench

demo: build
	@$(BIN_DEBUG) demo

# Three venues' nightly jobs in parallel against a throwaway PostgreSQL, then the network
# report. The cluster is removed at the end.
demo-network: build
	@$(MAKE) --no-print-directory apt-install PACKAGES="postgresql openssl"
	@cluster=$$(mktemp -u /tmp/streamreach-demo-pg.XXXXXX); \
	trap 'Tests/postgres/cluster.sh stop "$$cluster"' EXIT INT TERM; \
	url=$$(Tests/postgres/cluster.sh start "$$cluster") || exit 1; \
	$(BIN_DEBUG) demo --network --db "$$url"

# The cluster is stopped and removed however the tests end (the trap); a test process
# started without it (plain `swift test`) starts one of its own.
test: test-deps
	$(SWIFT) build --build-tests
	@cluster=$$(mktemp -u /tmp/streamreach-test-pg.XXXXXX); \
	trap 'Tests/postgres/cluster.sh stop "$$cluster"' EXIT INT TERM; \
	url=$$(Tests/postgres/cluster.sh start "$$cluster") || exit 1; \
	STREAMREACH_TEST_POSTGRES="$$url" STREAMREACH_TEST_POSTGRES_CERT="$$cluster/server.crt" \
	  $(SWIFT) test --skip-build --disable-xctest

# Benchmarks (release build) side by side with their peers; writes BENCHMARKS.md.
SIZE ?= small
bench: release
	@$(MAKE) --no-print-directory apt-install PACKAGES="hyperfine sqlite3 nodejs time postgresql openssl wrk nginx curl"
	@python3 -c "import duckdb" 2>/dev/null || python3 -m pip install -q duckdb
	@python3 -c "import ortools, yaml" 2>/dev/null || python3 -m pip install -q ortools pyyaml
	python3 Benchmarks/run.py --size $(SIZE)

# libFuzzer runs of the programme reader and of the count extraction (docs/RELIABILITY.md).
FUZZ_SECONDS ?= 300
FUZZ_FLAGS = --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address
fuzz: deps
	STREAMREACH_FUZZ=1 $(SWIFT) build $(FUZZ_FLAGS) --product fuzz-programme-parser 2>&1 | grep -v "Cannot export local symbol"
	STREAMREACH_FUZZ=1 $(SWIFT) build $(FUZZ_FLAGS) --product fuzz-value-extraction 2>&1 | grep -v "Cannot export local symbol"
	mkdir -p .build-fuzz/corpus/programme .build-fuzz/corpus/values .build-fuzz/findings
	cp Schedules/*.yaml Fixtures/programmes/*.yaml Fixtures/broken/programmes/*.yaml .build-fuzz/corpus/programme/
	cp Fixtures/platforms/*.json .build-fuzz/corpus/values/
	.build-fuzz/debug/fuzz-programme-parser .build-fuzz/corpus/programme -max_total_time=$(FUZZ_SECONDS) \
	  -max_len=16384 -rss_limit_mb=4096 -timeout=10 -artifact_prefix=.build-fuzz/findings/ -print_final_stats=1
	.build-fuzz/debug/fuzz-value-extraction .build-fuzz/corpus/values -max_total_time=$(FUZZ_SECONDS) \
	  -max_len=65536 -rss_limit_mb=4096 -timeout=10 -artifact_prefix=.build-fuzz/findings/ -print_final_stats=1

# `make install` puts the release binary on the PATH the cron line and the systemd unit
# expect: $(DESTDIR)$(PREFIX)/bin/streamreach (default /usr/local/bin/streamreach).
PREFIX ?= /usr/local
install: release
	install -d "$(DESTDIR)$(PREFIX)/bin"
	install -m 0755 .build/release/streamreach "$(DESTDIR)$(PREFIX)/bin/streamreach"

uninstall:
	rm -f "$(DESTDIR)$(PREFIX)/bin/streamreach"

clean:
	rm -rf .build
