# StreamReach: the two quick-start commands are `make demo` and `make test`.
# Both first run `deps`, which installs only what is missing.

SWIFT ?= swift
BIN_DEBUG = .build/debug/streamreach
APT_PACKAGES = libcurl4-openssl-dev libssl-dev pkg-config
# promtool (Debian: prometheus) checks the metrics output in the tests.
TEST_APT_PACKAGES = prometheus
PY_PACKAGES = jsonschema rfc3339-validator rfc3987 icalendar vobject

.PHONY: deps test-deps apt-install demo test bench build release clean

deps:
	@$(MAKE) --no-print-directory apt-install PACKAGES="$(APT_PACKAGES)"

test-deps: deps
	@$(MAKE) --no-print-directory apt-install PACKAGES="$(TEST_APT_PACKAGES)"
	@python3 -c "import jsonschema, rfc3339_validator, rfc3987, icalendar, vobject" 2>/dev/null || \
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

release: deps
	$(SWIFT) build -c release --product streamreach

demo: build
	@$(BIN_DEBUG) demo

test: test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --disable-xctest

bench:
	@echo "Benchmarks are not written yet (issue 6); nothing to measure."

clean:
	rm -rf .build
