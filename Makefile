# AI Conflict Timeline. The two commands a newcomer needs:
#   make run    install what is missing, build and start the app
#   make test   install what is missing and run every test (what CI runs)
# Packaging (see README.md, "Install"):
#   make package     dist/aitimeline-VERSION-linux-ARCH.tar.xz
#   make install     install that package for the current user (PREFIX, default ~/.local)
#   make uninstall   remove exactly what install put there

GO       ?= $(shell command -v go 2>/dev/null || echo /usr/local/go/bin/go)
# sqlite_fts5: full-text search in go-sqlite3. migrated_fynedo: this app calls
# Fyne from the right goroutines (fyne.Do), so Fyne's transition checks are off.
TAGS     := sqlite_fts5,migrated_fynedo
BIN      := bin/aitimeline
# Debian/Ubuntu packages Fyne (cgo, GLFW) and go-sqlite3 need to build.
# xz-utils: the package is a .tar.xz. For the tests: poppler-utils (text of
# the hand-out and poster PDFs), desktop-file-utils (the desktop entry),
# xvfb, xdotool, python3 and libgl1-mesa-dri (the real-window test, make e2e).
DEB_PKGS := gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev xz-utils \
            poppler-utils desktop-file-utils xvfb xdotool python3 libgl1-mesa-dri
ARGS     ?=
# Packaging. The version is FyneApp.toml's [Details] Version, its one home.
FYNE     := $(GO) run fyne.io/tools/cmd/fyne@v1.7.4
VERSION   = $(shell awk -F'"' '/^[[:space:]]*\[/ { s = $$0; gsub(/[[:space:]]/, "", s) } s == "[Details]" && $$1 ~ /^[[:space:]]*Version[[:space:]]*=/ { print $$2 }' FyneApp.toml)
ARCH      = $(shell $(GO) env GOARCH)
PACKAGE   = dist/aitimeline-$(VERSION)-linux-$(ARCH).tar.xz
PREFIX   ?= $(HOME)/.local

.PHONY: run build test e2e deps dataset check-dataset bench shots clean package package-name install uninstall

run: build
	./$(BIN) $(ARGS)

build: deps
	$(GO) build -tags $(TAGS) -o $(BIN) .

test: deps
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet -tags $(TAGS) ./...
	@# The ui package's window tests are the long pole under -race: they run
	@# in two halves beside the other packages, so both cores work on them.
	@$(GO) test -race -timeout 25m -tags $(TAGS) -run '^Test[A-HP]' ./ui/ & a=$$!; \
	  $(GO) test -race -timeout 25m -tags $(TAGS) -run '^Test[I-OQ-Z]' ./ui/ & b=$$!; \
	  $(GO) test -race -timeout 25m -tags $(TAGS) $$($(GO) list -tags $(TAGS) ./... | grep -v '/ui$$'); r=$$?; \
	  wait $$a || r=1; wait $$b || r=1; exit $$r
	$(MAKE) --no-print-directory e2e

# The real-window test: the app under a private Xvfb display with the real
# GLFW driver, driven by xdotool (cmd/e2e): click latency, resize, language,
# tabs, closing during a search, a note surviving a SIGKILL.
e2e: build
	$(GO) run -tags $(TAGS) ./cmd/e2e -app $(BIN)

# Installs the system packages the build needs, if any are missing.
deps:
	@if ! command -v $(GO) >/dev/null 2>&1 && [ ! -x "$(GO)" ]; then \
	  echo "Go is not installed: get Go 1.26 from https://go.dev/dl/"; exit 1; fi
	@if command -v dpkg-query >/dev/null 2>&1; then \
	  missing=""; \
	  for p in $(DEB_PKGS); do \
	    dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	  done; \
	  if [ -n "$$missing" ]; then \
	    sudo=""; [ "$$(id -u)" -eq 0 ] || sudo=sudo; \
	    echo "Installing:$$missing"; \
	    $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing >/dev/null || exit 1; \
	  fi; \
	else \
	  echo "Not Debian/Ubuntu: make sure a C compiler and the OpenGL and X11 development headers are installed"; \
	  echo "(Fedora: gcc libXcursor-devel libXrandr-devel mesa-libGL-devel libXi-devel libXinerama-devel libXxf86vm-devel;"; \
	  echo " Arch: gcc libxcursor libxrandr libxinerama libxi libxxf86vm mesa)."; \
	fi

# Validates assets/dataset/**.toml and rebuilds the embedded assets/aitimeline.db.
dataset:
	$(GO) run -tags $(TAGS) ./cmd/datasetbuild

check-dataset:
	$(GO) run -tags $(TAGS) ./cmd/datasetbuild -check

# The README's screenshots (assets/screenshots/), rendered with Fyne's software painter.
shots:
	mkdir -p assets/screenshots
	AITIMELINE_SHOTS=$(CURDIR)/assets/screenshots $(GO) test -tags $(TAGS) -run '^TestScreens$$' -count=1 ./ui/
	$(GO) build -tags $(TAGS) -o bin/aitimeline .
	bin/aitimeline render --lang de --size 1600x900 --out assets/screenshots/timeline-de.png
	bin/aitimeline render --lang en --size 1600x900 --out assets/screenshots/timeline-en.png
	bin/aitimeline handout --tour conflict-in-12-steps --lang de --out /tmp/aitimeline-handout-de.pdf
	pdftoppm -png -r 60 -f 3 -l 3 -singlefile /tmp/aitimeline-handout-de.pdf assets/screenshots/handout-de-page3

# Speed and memory benchmarks (see BENCHMARKS.md).
bench: deps
	./.ci/bench

# The Linux package: fyne build and fyne package, then repacked with the
# German desktop entry, the AppStream metainfo and install.sh (see packaging/).
package: deps
	@[ -n "$(VERSION)" ] || { echo "FyneApp.toml has no [Details] Version"; exit 1; }
	GO="$(GO)" TAGS="$(TAGS)" FYNE="$(FYNE)" ./packaging/package.sh $(PACKAGE)

# Prints the package's path (a test checks it carries the app's version).
package-name:
	@echo $(PACKAGE)

# Installs the package for the current user, building it first if it is not
# there; unpacks it and runs its install.sh, as a user with the tarball would.
install:
	@[ -f $(PACKAGE) ] || $(MAKE) --no-print-directory package
	@tmp=$$(mktemp -d "$${TMPDIR:-/tmp}/aitimeline-install.XXXXXX") && trap 'rm -rf "$$tmp"' EXIT && \
	  tar -xJf $(PACKAGE) -C "$$tmp" && PREFIX="$(PREFIX)" sh "$$tmp/$(notdir $(PACKAGE:.tar.xz=))/install.sh" install

uninstall:
	@PREFIX="$(PREFIX)" sh packaging/install.sh uninstall

clean:
	rm -rf bin
