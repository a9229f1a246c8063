# AI Conflict Timeline. The two commands a newcomer needs:
#   make run    install what is missing, build and start the app
#   make test   install what is missing and run every test (what CI runs)

GO       ?= $(shell command -v go 2>/dev/null || echo /usr/local/go/bin/go)
# sqlite_fts5: full-text search in go-sqlite3. migrated_fynedo: this app calls
# Fyne from the right goroutines (fyne.Do), so Fyne's transition checks are off.
TAGS     := sqlite_fts5,migrated_fynedo
BIN      := bin/aitimeline
# Debian/Ubuntu packages Fyne (cgo, GLFW) and go-sqlite3 need to build.
DEB_PKGS := gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev
ARGS     ?=

.PHONY: run build test deps dataset check-dataset bench shots clean

run: build
	./$(BIN) $(ARGS)

build: deps
	$(GO) build -tags $(TAGS) -o $(BIN) .

test: deps
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet -tags $(TAGS) ./...
	$(GO) test -race -tags $(TAGS) ./...

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

# Speed and memory benchmarks (see BENCHMARKS.md).
bench: deps
	./.ci/bench

clean:
	rm -rf bin
