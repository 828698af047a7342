# StreamReach: the two quick-start commands are `make demo` and `make test`.
# Both first run `deps`, which installs only what is missing.

SWIFT ?= swift
BIN_DEBUG = .build/debug/streamreach
APT_PACKAGES = libcurl4-openssl-dev pkg-config
PY_PACKAGES = jsonschema rfc3339-validator icalendar

.PHONY: deps demo test bench build release clean

deps:
	@missing=""; for p in $(APT_PACKAGES); do \
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

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --disable-xctest

bench:
	@echo "Benchmarks are not written yet (issue 6); nothing to measure."

clean:
	rm -rf .build
