#!/bin/sh
# Builds the Linux package: packaging/package.sh dist/aitimeline-VERSION-linux-ARCH.tar.xz
#
# fyne build compiles the release binary (the Fyne metadata from FyneApp.toml
# injected), fyne package wraps it with the icon and a .desktop file; this
# script then repacks that tarball into the layout install.sh expects, with our
# own desktop entry (German keys), the AppStream metainfo and the icon in the
# hicolor theme. The repack is deterministic: sorted names, owner 0, modes
# normalised, every mtime set to SOURCE_DATE_EPOCH (default: the last commit).
#
# Run from the repository root (the Makefile does). Environment: GO (go
# binary), TAGS (build tags), FYNE (how to run the fyne tool).
set -eu

out=${1:?usage: packaging/package.sh OUT.tar.xz}
case $out in *.tar.xz) ;; *) echo "package.sh: $out: the output must end in .tar.xz" >&2; exit 2 ;; esac
GO=${GO:-go}
TAGS=${TAGS:-sqlite_fts5,migrated_fynedo}
FYNE=${FYNE:-$GO run fyne.io/tools/cmd/fyne@v1.7.4}
root=$(pwd)
[ -f "$root/FyneApp.toml" ] || { echo "package.sh: run me from the repository root" >&2; exit 2; }

# The app ID names the desktop entry, icon and metainfo (FyneApp.toml [Details] ID).
appid=$(awk -F'"' '/^[[:space:]]*\[/ { s = $0; gsub(/[[:space:]]/, "", s) } s == "[Details]" && $1 ~ /^[[:space:]]*ID[[:space:]]*=/ { print $2 }' FyneApp.toml)
[ -n "$appid" ] || { echo "package.sh: no [Details] ID in FyneApp.toml" >&2; exit 1; }
for f in "packaging/$appid.desktop" "packaging/$appid.metainfo.xml" packaging/install.sh; do
	[ -f "$f" ] || { echo "package.sh: $f is missing" >&2; exit 1; }
done

if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
	SOURCE_DATE_EPOCH=$(git log -1 --format=%ct 2>/dev/null || date +%s)
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/aitimeline-package.XXXXXX")
# fyne package counts [Details] Build up in FyneApp.toml after every run; the
# version lives in that file and a package must not change the source tree,
# so the file is put back as it was, whatever happens.
cp -p FyneApp.toml "$work/FyneApp.toml.orig"
restore() {
	cmp -s "$work/FyneApp.toml.orig" "$root/FyneApp.toml" || cp -p "$work/FyneApp.toml.orig" "$root/FyneApp.toml"
	rm -rf "$work" "$out.tmp"
}
trap restore EXIT
trap 'exit 1' HUP INT TERM

# -o keeps the build out of the repository root, which fyne package would
# otherwise use (and delete afterwards) for the binary.
echo "fyne build --release (the first build compiles SQLite and GLFW from C: several minutes)"
$FYNE build --release --target linux --tags "$TAGS" -o "$work/aitimeline"
echo "fyne package"
(cd "$work" && $FYNE package --release --target linux --src "$root" --executable "$work/aitimeline")
fynetar=$(find "$work" -maxdepth 1 -name '*.tar.xz')
[ -n "$fynetar" ] && [ "$(printf '%s\n' "$fynetar" | wc -l)" -eq 1 ] || { echo "package.sh: fyne package wrote no single .tar.xz" >&2; exit 1; }

mkdir "$work/fyne"
tar -xJf "$fynetar" -C "$work/fyne"
# fyne package puts files under usr/local when /usr/local exists on the build
# machine and under usr otherwise; take them from wherever they are.
pick() {
	found=$(find "$work/fyne" -path "$1" -type f)
	[ -n "$found" ] && [ "$(printf '%s\n' "$found" | wc -l)" -eq 1 ] || { echo "package.sh: fyne's tarball has no single $1" >&2; exit 1; }
	printf '%s\n' "$found"
}
bin=$(pick '*/bin/aitimeline')
icon=$(pick "*/share/pixmaps/$appid.png")
fynedesktop=$(pick "*/share/applications/$appid.desktop")
# Our entry replaces fyne's; what the two must agree on is checked here.
for key in Exec Icon; do
	a=$(grep "^$key=" "$fynedesktop" || true)
	b=$(grep "^$key=" "packaging/$appid.desktop" || true)
	[ "$a" = "$b" ] || { echo "package.sh: fyne writes '$a', packaging/$appid.desktop has '$b'" >&2; exit 1; }
done

# The icon goes into the hicolor theme's directory for its size.
set -- $(od -An -tu1 -j16 -N8 "$icon")
w=$(( ($1 << 24) | ($2 << 16) | ($3 << 8) | $4 ))
h=$(( ($5 << 24) | ($6 << 16) | ($7 << 8) | $8 ))
case $w in 16|22|24|32|48|64|96|128|192|256|512) ;; *) w=0 ;; esac
[ "$w" -eq "$h" ] && [ "$w" -ne 0 ] || { echo "package.sh: the icon must be a square PNG of a hicolor size (16 to 512), it is ${w}x$h" >&2; exit 1; }

name=$(basename "$out" .tar.xz)
stage="$work/stage/$name"
install -Dm755 "$bin" "$stage/bin/aitimeline"
install -Dm644 "$icon" "$stage/share/icons/hicolor/${w}x$h/apps/$appid.png"
install -Dm644 "packaging/$appid.desktop" "$stage/share/applications/$appid.desktop"
install -Dm644 "packaging/$appid.metainfo.xml" "$stage/share/metainfo/$appid.metainfo.xml"
install -Dm755 packaging/install.sh "$stage/install.sh"

mkdir -p "$(dirname "$out")"
tar --sort=name --format=gnu --owner=0 --group=0 --numeric-owner \
	--mode='u+rwX,go+rX,go-w' --mtime="@$SOURCE_DATE_EPOCH" \
	-C "$work/stage" -cf - "$name" | xz -6 -T1 -c >"$out.tmp"
mv "$out.tmp" "$out"
echo "$out"
tar -tvJf "$out"
