#!/bin/sh
# Installs AI Conflict Timeline for the current user, or removes it again.
#
#   ./install.sh [install]     run from the unpacked package: copies its bin/ and share/ into PREFIX
#   ./install.sh uninstall     removes exactly what install put there
#
# PREFIX defaults to ~/.local (bin, share/applications, share/icons/hicolor,
# share/metainfo). install records every file it wrote and every directory it
# had to create in PREFIX/share/aitimeline/installed, and leaves a copy of this
# script beside it (PREFIX/share/aitimeline/install.sh uninstall works without
# the package). uninstall removes the recorded files, then the recorded
# directories if they are empty: a directory that existed before (~/.local/bin)
# stays, and nothing of ours is left. Installing again first removes the
# previous installation the same way.
set -eu

PREFIX=${PREFIX:-${HOME:?HOME is not set}/.local}
here=$(cd "$(dirname "$0")" && pwd)
record=share/aitimeline/installed

die() {
	echo "install.sh: $*" >&2
	exit 1
}

# uninstall removes what the record lists; with no record it removes nothing.
uninstall() {
	if [ ! -f "$PREFIX/$record" ]; then
		echo "AI Conflict Timeline is not installed in $PREFIX (there is no $PREFIX/$record)."
		return 0
	fi
	while IFS= read -r line; do
		case $line in
		"f "* | "d "*) ;;
		*) die "$PREFIX/$record: unexpected line: $line" ;;
		esac
	done <"$PREFIX/$record"
	# Directories deepest first: the record lists them parents first.
	dirs=$(sed -n 's/^d //p' "$PREFIX/$record" | awk '{ a[NR] = $0 } END { for (i = NR; i > 0; i--) print a[i] }')
	sed -n 's/^f //p' "$PREFIX/$record" | while IFS= read -r f; do
		rm -f "$PREFIX/$f"
	done
	rm -f "$PREFIX/$record"
	printf '%s\n' "$dirs" | while IFS= read -r d; do
		case $d in
		"") continue ;;
		.) d=$PREFIX ;;
		*) d=$PREFIX/$d ;;
		esac
		if [ -d "$d" ]; then
			rmdir "$d" 2>/dev/null || echo "Kept $d: it holds files that are not ours."
		fi
	done
	echo "Removed AI Conflict Timeline from $PREFIX."
}

# mkdirs creates the missing directories of the file $1 (relative to
# PREFIX), parents first, and records each one.
mkdirs() {
	missing=""
	d=$(dirname "$1")
	while [ "$d" != . ] && [ ! -d "$PREFIX/$d" ]; do
		missing="$d $missing"
		d=$(dirname "$d")
	done
	for d in $missing; do
		mkdir "$PREFIX/$d"
		echo "d $d" >>"$tmp"
	done
}

# put copies the package file $1 to PREFIX/$2 with mode $3, replacing the
# file in one step, and records it.
put() {
	mkdirs "$2"
	cp "$1" "$PREFIX/$2.new"
	chmod "$3" "$PREFIX/$2.new"
	mv -f "$PREFIX/$2.new" "$PREFIX/$2"
	echo "f $2" >>"$tmp"
	echo "  $PREFIX/$2"
}

install_all() {
	[ -x "$here/bin/aitimeline" ] || die "run me from the unpacked package (there is no bin/aitimeline next to me)"
	case $PREFIX in
	/*) ;;
	*) die "PREFIX must be an absolute path, not $PREFIX" ;;
	esac
	# The installed desktop entry runs PREFIX/bin/aitimeline. Characters its
	# Exec key would need escaped inside quotes are refused rather than
	# half-escaped; other reserved characters get the path quoted (below).
	case $PREFIX in
	*[\"\`\$\\%]* | *"
"*) die "PREFIX holds a character a desktop entry cannot start a program from (\" \` \$ \\ % or a line break): $PREFIX" ;;
	esac
	[ -d "$(dirname "$PREFIX")" ] || die "$(dirname "$PREFIX") does not exist"
	[ ! -f "$PREFIX/$record" ] || uninstall >/dev/null

	tmp=$(mktemp "${TMPDIR:-/tmp}/aitimeline-install.XXXXXX")
	trap 'rm -f "$tmp" "$tmp.files"' EXIT
	if [ ! -d "$PREFIX" ]; then
		mkdir "$PREFIX"
		echo "d ." >>"$tmp"
	fi
	echo "Installing AI Conflict Timeline into $PREFIX:"
	(cd "$here" && find bin share -type f | LC_ALL=C sort) >"$tmp.files"
	while IFS= read -r f; do
		case $f in
		bin/*) put "$here/$f" "$f" 755 ;;
		*) put "$here/$f" "$f" 644 ;;
		esac
	done <"$tmp.files"
	put "$here/install.sh" share/aitimeline/install.sh 755

	# Exec=aitimeline needs PREFIX/bin on the desktop session's PATH, which
	# ~/.local/bin is only from the next login on, and only if it existed
	# then: outside /usr and /usr/local the entry names the binary by path.
	case $PREFIX in
	/usr | /usr/local) ;;
	*)
		exe=$PREFIX/bin/aitimeline
		case $exe in *[\ \	\'\>\<\~\|\&\;\*\?\#\(\)]*) exe="\"$exe\"" ;; esac
		sed -n 's/^f \(share\/applications\/.*\.desktop\)$/\1/p' "$tmp" | while IFS= read -r f; do
			sed "s|^Exec=aitimeline\$|Exec=$(printf '%s' "$exe" | sed 's/[|&]/\\&/g')|" "$PREFIX/$f" >"$PREFIX/$f.new"
			mv -f "$PREFIX/$f.new" "$PREFIX/$f"
		done
		;;
	esac

	mkdirs "$record"
	echo "f $record" >>"$tmp"
	cp "$tmp" "$PREFIX/$record.new"
	chmod 644 "$PREFIX/$record.new"
	mv -f "$PREFIX/$record.new" "$PREFIX/$record"
	echo "Done: start it from the applications menu or with $PREFIX/bin/aitimeline."
	echo "To remove it: PREFIX='$PREFIX' sh '$PREFIX/share/aitimeline/install.sh' uninstall"
}

case ${1:-install} in
install) install_all ;;
uninstall) uninstall ;;
-h | --help | help) sed -n '2,15s/^# \{0,1\}//p' "$0" ;;
*) die "unknown command $1 (install, uninstall)" ;;
esac
