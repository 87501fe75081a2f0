# Thin wrapper over meson: set-up, build, run, test, benchmark.
# `make run` and `make check` work on a fresh Debian 12 machine.

BUILD    ?= build
DATA_DIR ?= $(or $(XDG_DATA_HOME),$(HOME)/.local/share)/lotline
DEMO_DB  ?= $(DATA_DIR)/demo.lotline

# Debian 12 packages the build, the tests and the demo need.
DEB_PACKAGES = \
	gcc pkg-config meson ninja-build gettext itstool \
	libglib2.0-dev libgtk-4-dev libadwaita-1-dev libsqlite3-dev libjson-glib-dev \
	libgraphviz-dev graphviz libcairo2-dev libpango1.0-dev \
	libzint-dev libqrencode-dev zbar-tools dmtx-utils \
	xvfb xauth dbus dbus-x11 at-spi2-core python3-gi gir1.2-atspi-2.0 python3-openpyxl \
	poppler-utils desktop-file-utils appstream yelp-tools sqlite3 locales-all \
	flatpak-builder

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps setup build run check bench clean

all: build

# Installs only what is missing, so it is quick when nothing is.
deps:
	@missing=""; \
	for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' "$$p" 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

setup: deps
	@if [ -f $(BUILD)/build.ninja ]; then meson setup --reconfigure $(BUILD) >/dev/null; \
	 else meson setup $(BUILD) >/dev/null; fi

build: setup
	meson compile -C $(BUILD)

# Launches Lotline on a demo database, generated once.
run: build
	@mkdir -p "$(DATA_DIR)"
	@[ -f "$(DEMO_DB)" ] || $(BUILD)/src/cli/lotline-cli --database "$(DEMO_DB)" demo --scale 1
	GSETTINGS_SCHEMA_DIR=$(BUILD)/data $(BUILD)/src/lotline --database "$(DEMO_DB)"

# The whole suite, headless; the last line is "N passed, N failed".
check: build
	@tests/run-suite.sh $(BUILD)

bench: build
	$(BUILD)/src/cli/lotline-cli bench --dir $(BUILD)/bench

clean:
	rm -rf $(BUILD)
