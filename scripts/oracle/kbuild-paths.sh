#!/bin/bash
# kbuild-paths.sh - record what kbuild really prints on the paths 00b-kbuild-errors.txt
# does not cover: make again after touching the .c, a local header or the Makefile,
# a deleted .ko or .o, modules_install as root into /lib/modules/KVER (extra/ and
# INSTALL_MOD_DIR=updates), make clean twice, modules_install after clean, a header
# that is gone; then the build steps of the four code exercises (exercises/16-19),
# their solution lines as a student types them, minus the ones that need a kernel.
#
# Host only (no VM), in the style of ../shared/oracle/kbuild-errors.sh. Run as root on a
# scratch Debian 12 machine with linux-headers-$KVER installed: modules_install writes
# into /lib/modules/$KVER/{extra,updates}. Writes test/fixtures/transcripts/
# 00c-kbuild-paths.txt and 00d-kbuild-exercises.txt. Sources: test/fixtures/kbuild-paths/
# and exercises/*.json, copied to $S (default /tmp/kbuild-paths).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
S=${KBUILD_PATHS_DIR:-/tmp/kbuild-paths}
KVER=${KVER:-6.1.0-56-amd64}
KDIR=/usr/src/linux-headers-$KVER
[ -d "$KDIR" ] || { echo "kbuild-paths: $KDIR missing (apt-get install linux-headers-$KVER)" >&2; exit 1; }
PKGVER=$(dpkg-query -W -f '${Version}' "linux-headers-$KVER" 2>/dev/null || echo '?')
OUTDIR=${ORACLE_OUT:-$ROOT/test/fixtures/transcripts}

rm -rf "$S"
mkdir -p "$S"
cp -r "$ROOT/test/fixtures/kbuild-paths/." "$S/"
rm -f "/lib/modules/$KVER/extra/kpaths.ko" "/lib/modules/$KVER/updates/kpaths.ko"

export LANG=C.UTF-8
unset LC_ALL LC_CTYPE LC_MESSAGES LANGUAGE
unset MAKEFLAGS MFLAGS MAKELEVEL

# `uname -r` as the Debian machine running $KVER prints it (the host runs another kernel);
# it stays out of the transcript: each command runs with it first in PATH.
FAKE=$S/.fake-uname
mkdir -p "$FAKE"
printf '#!/bin/sh\n[ "$1" = -r ] && { echo %s; exit 0; }\nexec /usr/bin/uname "$@"\n' "$KVER" > "$FAKE/uname"
chmod 755 "$FAKE/uname"

T=
header() {
	{
		echo "# $1, real output (scripts/oracle/kbuild-paths.sh)"
		echo "# kernel headers: $KDIR (linux-headers-$KVER, Debian $PKGVER)"
		echo "# gcc: $(gcc --version | head -n1); $(make --version | head -n1); LANG=C.UTF-8; run as root"
		echo "# each command runs in a fresh shell; '# cwd:' is its working directory"
		echo
	} > "$T"
}

# rec CWD COMMENT COMMAND  (COMMAND is a shell string, recorded verbatim)
rec() {
	local cwd=$1 comment=$2 cmd=$3 rc=0
	{
		[ -n "$comment" ] && printf '# %s\n' "$comment"
		echo "# cwd: $cwd"
		echo "\$ $cmd"
	} >> "$T"
	(cd "$cwd" && PATH=$FAKE:$PATH bash -c "$cmd") >> "$T" 2>&1 || rc=$?
	echo "[exit $rc]" >> "$T"
	echo >> "$T"
}

# ---------------------------------------------------------------- 00c: rebuild paths
T=$OUTDIR/00c-kbuild-paths.txt.tmp
header "kbuild's rebuild, clean and modules_install paths for test/fixtures/kbuild-paths/kpaths"
P=$S/kpaths
K="make -C /lib/modules/$KVER/build M=$P"
rec "$P" "plain make (first target: all)" "make"
rec "$P" "make again: nothing to do" "make"
# make compares whole-second mtimes at best; the sleeps keep each touch newer than the last build
rec "$P" "the .c touched: recompiled, relinked" "sleep 1; touch kpaths.c && make"
rec "$P" "the local header touched: kbuild's dependency file names it, so kpaths.o is rebuilt" "sleep 1; touch kpaths.h && make"
rec "$P" "the Makefile touched: nothing is rebuilt" "sleep 1; touch Makefile && make"
rec "$P" "kpaths.ko deleted: only the link steps run again" "rm kpaths.ko && make"
rec "$P" "kpaths.o deleted: recompiled" "rm kpaths.o && make"
rec "$P" "kpaths.mod.c deleted" "rm kpaths.mod.c && make"
rec "$P" "Module.symvers deleted" "rm Module.symvers && make"
rec "$P" "the files a build leaves" "ls -A"
rec "$P" "modules_install as root, default INSTALL_MOD_DIR (extra)" "make modules_install"
rec "$P" "where it went" "find /lib/modules/$KVER/ -name 'kpaths*' | sort; modinfo -F name /lib/modules/$KVER/extra/kpaths.ko"
rec "$P" "modules_install with INSTALL_MOD_DIR=updates, typed directly" "$K INSTALL_MOD_DIR=updates modules_install"
rec "$P" "" "find /lib/modules/$KVER/ -name 'kpaths*' | sort"
rec "$P" "no goal: the headers' Makefile builds modules" "$K"
rec "$P" "two goals in one make" "$K modules modules_install"
rec "$P" "make clean" "make clean"
rec "$P" "what make clean left" "ls -A"
rec "$P" "make clean again: nothing left to clean" "make clean"
rec "$P" "modules_install after clean: nothing built, no modules.order" "$K modules_install"
rec "$P" "build again after clean" "make"
rec "$P" "the local header is gone: make names what it needs" "rm kpaths.h && make"
rec "$P" "the header written again: rebuilt" "echo '#define KPATHS_GREETING \"kpaths: back\"' > kpaths.h && make"
rec "$P" "M= with a trailing slash" "$K/ modules"
rec "$P" "M= relative: kbuild resolves it against the kernel tree, not the caller's directory" "make -C /lib/modules/$KVER/build M=kpaths modules"
rec "$P" "modules_install of a module whose .ko is gone: make has no rule for its copy" "rm kpaths.ko && $K INSTALL_MOD_PATH=$S/root modules_install"
rec "$P" "" "make"
rec "$P" "INSTALL_MOD_PATH relative: make -C runs in the kernel tree, so the copy lands there" "$K INSTALL_MOD_PATH=rel modules_install; ls /usr/src/linux-headers-$KVER/rel/lib/modules/$KVER/extra"
rm -rf "/usr/src/linux-headers-$KVER/rel"
rec "$P" "--no-print-directory: make and its sub-make print no Entering/Leaving lines" "sleep 1; touch kpaths.c && make --no-print-directory"
rec "$P" "-s with -w: kbuild's lines go, the directory lines stay (at every level)" "sleep 1; touch kpaths.c && make -s -w"
rec "$P" "" "sleep 1; touch kpaths.c && make -sw -C /lib/modules/$KVER/build M=$P modules"
rec "$S" "make -C DIR with the tutorial's M=\$(PWD): PWD is still the caller's directory, so kbuild looks there" "make -C kpaths"
rec "$P" "modpost's kpaths.mod.c: no exports, the kernel's CRCs of what it calls" "cat kpaths.mod.c"
# modpost's .mod.c of an export pair and of a module with MODULE_VERSION (srcversion),
# from test/fixtures/modules: its text decides whether NAME.mod.o is recompiled
mkdir -p "$S/hello"
cp -r "$ROOT/test/fixtures/modules/student/exp_pair" "$S/"
cp "$ROOT/test/fixtures/modules/hello.c" "$S/hello/"
echo 'obj-m += hello.o' > "$S/hello/Makefile"
rec "$S/exp_pair" "" "make -C /lib/modules/$KVER/build M=$S/exp_pair modules"
rec "$S/exp_pair" "an export's SYMBOL_CRC, the user's depends and __versions" "cat exp_provider.mod.c exp_user.mod.c"
rec "$S/hello" "" "make -C /lib/modules/$KVER/build M=$S/hello modules"
# modpost's command line is remembered (.Module.symvers.cmd, if_changed): other modpost
# arguments rerun it although nothing was rebuilt
cp -r "$ROOT/test/fixtures/modules/student/undef_extern" "$S/"
U="make -C /lib/modules/$KVER/build M=$S/undef_extern"
rec "$S/undef_extern" "undefined symbols only warned: the .ko is built" "$U KBUILD_MODPOST_WARN=1 modules"
rec "$S/undef_extern" "the same again: nothing to do" "$U KBUILD_MODPOST_WARN=1 modules"
rec "$S/undef_extern" "modpost's command line as kbuild saved it" "cat .Module.symvers.cmd"
rec "$S/undef_extern" "without KBUILD_MODPOST_WARN: another modpost command, so MODPOST runs again and fails" "$U modules"
rec "$S/undef_extern" "with KBUILD_EXTRA_SYMBOLS: another command again" "$U KBUILD_MODPOST_WARN=1 KBUILD_EXTRA_SYMBOLS=$S/exp_pair/Module.symvers modules; cat .Module.symvers.cmd"
rec "$S/hello" "MODULE_VERSION: modpost adds the srcversion" "cat hello.mod.c"
rec "$S/hello" "touched: the same text, the same srcversion, hello.mod.o stays" "sleep 1; touch hello.c && make -C /lib/modules/$KVER/build M=$S/hello modules"
rec "$S/hello" "a comment added: srcversion sums no comments, so hello.mod.c stays and hello.mod.o is not recompiled" "echo '/* edited */' >> hello.c && make -C /lib/modules/$KVER/build M=$S/hello modules"
# make clean beyond a build's own files: the headers' Makefile finds by name (*.[aios],
# *.ko.*, .*.d, .tmp_* …) in M and below, files only, .git pruned; rm-files (Module.symvers,
# modules.nsdeps, compile_commands.json) on one CLEAN line; the M Makefile's clean-files
CM=$S/cleanme
rec "$S" "a directory of build leftovers and bystanders" "mkdir -p cleanme/sub/deeper cleanme/.git && cd cleanme && printf 'obj-m += cm.o\\nclean-files := gen.txt\\n' > Makefile && touch cm.c gen.txt notes.s pre.i lib.a keep.txt a.ko.xz .x.d .y.tmp .tmp_z k.mod cm.symtypes modules.nsdeps compile_commands.json Module.symvers q.su r.lst s.ll t.gcno u.c.0x.y v.a.symversions w.rsi x.dtb y.dwo modules.order sub/o1.o sub/keep2.c sub/.c.cmd sub/deeper/m.ko .git/h.o && ln -s keep.txt link.o"
rec "$CM" "make clean there" "make -C /lib/modules/$KVER/build M=$CM clean"
rec "$CM" "what is left" "find . | sort"
rec "$S" "make clean where there is no Makefile: Makefile.clean cannot include it, nothing is removed" "make -C /lib/modules/$KVER/build M=$S/nothing-here clean"
rm -f "/lib/modules/$KVER/extra/kpaths.ko" "/lib/modules/$KVER/updates/kpaths.ko"
rmdir "/lib/modules/$KVER/extra" "/lib/modules/$KVER/updates" 2>/dev/null || true
mv "$T" "$OUTDIR/00c-kbuild-paths.txt"

# ------------------------------------------------------------ 00d: the code exercises
# The exercises' setup and solution lines, with /root (the exercise's home) and
# /usr/src/modlab (the machine's teaching sources) moved under $S. Lines a kernel must run
# (insmod, lsmod, dmesg, /sys) are left out: the guest scenario records those.
T=$OUTDIR/00d-kbuild-exercises.txt.tmp
header "the build steps of the code exercises (exercises/16-19), solution lines as a student types them"
MODLAB=$S/modlab
mkdir -p "$MODLAB/lkm2"
cp "$ROOT/test/fixtures/modules/seed2/lkm2.c" "$MODLAB/lkm2/"
# src/modules/teaching-sources.ts makefile('lkm2'): what /usr/src/modlab/lkm2/Makefile holds
printf 'obj-m := lkm2.o\n\nKDIR ?= /lib/modules/$(shell uname -r)/build\n\nall:\n\t$(MAKE) -C $(KDIR) M=$(CURDIR) modules\n\nclean:\n\t$(MAKE) -C $(KDIR) M=$(CURDIR) clean\n' > "$MODLAB/lkm2/Makefile"
for f in 16-fix-the-license 17-param-in-sysfs 18-exporter-and-user 19-null-dereference; do
	H=$S/ex-${f#*-}
	mkdir -p "$H"
	echo "# ===== exercise ${f#*-} (home: $H) =====" >> "$T"; echo >> "$T"
	# setup lines run unrecorded; solution lines are recorded when one line long and
	# not a kernel's to run
	node -e '
		const e = require(process.argv[1]);
		const out = (kind, l) => process.stdout.write(kind + "\0" + l.split("/root").join(process.argv[2]).split("/usr/src/modlab").join(process.argv[3]) + "\0");
		for (const l of e.setup.commands) out("setup", l);
		for (const l of e.solution) out(/\n/.test(l) || /^(insmod|rmmod|modprobe|lsmod|dmesg|cat \/sys)/.test(l) ? "setup" : "rec", l);
	' "$ROOT/exercises/$f.json" "$H" "$MODLAB" | while IFS= read -r -d '' kind && IFS= read -r -d '' line; do
		if [ "$kind" = rec ]; then
			rec "$H" "" "$line"
		else
			(cd "$H" && PATH=$FAKE:$PATH bash -c "$line") > /dev/null 2>&1 || true
			{ echo "# unrecorded: $(printf '%s' "$line" | head -n1)"; echo; } >> "$T"
		fi
	done
done
mv "$T" "$OUTDIR/00d-kbuild-exercises.txt"
echo "kbuild-paths: wrote $OUTDIR/00c-kbuild-paths.txt and 00d-kbuild-exercises.txt" >&2
