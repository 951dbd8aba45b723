/**
 * file(1) 5.44 (Debian 12) for what a module lab holds: kernel modules (ELF relocatable,
 * with the build id; "with debug_info" for out-of-tree builds, whose debug info Debian's
 * in-tree modules do not keep), C sources, Makefiles, shell scripts, text, empty files,
 * directories, symbolic links, character devices. Every wording is one 22-lab-time-procs
 * recorded; a name that cannot be opened is reported on stdout and file still exits 0.
 * With several names, "NAME:" is padded to the longest, as file's -N-less output does.
 */
import { createHash } from 'node:crypto';
import type { FileStat } from '../kernel/filetree';
import type { Io, System, Tool } from './tool';
import { getopt, type LongOption } from './getopt';
import { errnoText, statFollow } from './files';
import { programFiles } from '../modules/programs';

const LONG: LongOption[] = [
  { name: 'brief', has: 'none', key: 'b' },
  { name: 'dereference', has: 'none', key: 'L' },
  { name: 'no-dereference', has: 'none', key: 'h' },
  { name: 'mime', has: 'none', key: 'i' },
  { name: 'mime-type', has: 'none', key: 'mime-type' },
  { name: 'mime-encoding', has: 'none', key: 'mime-encoding' },
  { name: 'help', has: 'none', key: 'help' },
  { name: 'version', has: 'none', key: 'v' },
];

const USAGE = `Usage: file [-bcCdEhikLlNnprsSvzZ0] [--apple] [--extension] [--mime-encoding]
            [--mime-type] [-e <testname>] [-F <separator>]  [-f <namefile>]
            [-m <magicfiles>] [-P <parameter=value>] [--exclude-quiet]
            <file> ...
       file -C [-m <magicfiles>]
       file [--help]
`;

interface Kind {
  text: string;
  mime: string;
  charset: string;
}

function moduleKind(sys: System, st: FileStat): Kind {
  const image = st.image === undefined ? undefined : sys.kernel.config.images(st.image);
  const id = image?.buildId ?? createHash('sha1').update(st.image ?? '').digest('hex');
  const debug = image?.intree ? '' : ', with debug_info';
  return { text: `ELF 64-bit LSB relocatable, x86-64, version 1 (SYSV), BuildID[sha1]=${id}${debug}, not stripped`, mime: 'application/x-object', charset: 'binary' };
}

/** An installed program, as file 5.44 described it on Debian 12 (programs.ts). */
function programKind(description: string): Kind {
  if (!description.includes('ELF')) return { text: description, mime: 'text/x-shellscript', charset: 'us-ascii' };
  const mime = description.includes('pie executable') ? 'application/x-pie-executable' : 'application/x-executable';
  return { text: description, mime, charset: 'binary' };
}

/** The text tests of file 5.44's magic that a lab's files meet, then the encoding. */
function textKind(data: string): Kind {
  const ascii = !/[^\x00-\x7f]/.test(data);
  if (/[\x00-\x08\x0e-\x1a\x1c-\x1f]/.test(data)) return { text: 'data', mime: 'application/octet-stream', charset: 'binary' };
  const encoding = ascii ? 'ASCII text' : 'Unicode text, UTF-8 text';
  const charset = ascii ? 'us-ascii' : 'utf-8';
  const longest = Math.max(0, ...data.split('\n').map((l) => l.length));
  let tail = longest > 300 ? `, with very long lines (${longest})` : '';
  if (!data.includes('\n')) tail += ', with no line terminators';
  const first = data.split('\n')[0];
  if (first.startsWith('#!')) {
    const interp = first.slice(2).trim().split(/\s+/);
    const prog = (interp[0]?.endsWith('/env') ? interp[1] : interp[0])?.replace(/.*\//, '') ?? '';
    const scripts: Record<string, string> = { sh: 'POSIX shell script', bash: 'Bourne-Again shell script', dash: 'POSIX shell script', python3: 'Python script', perl: 'Perl script', make: 'makefile script' };
    const name = scripts[prog] ?? `a ${interp.join(' ')} script`;
    return { text: `${name}, ${encoding} executable${tail}`, mime: prog === 'sh' || prog === 'bash' ? 'text/x-shellscript' : 'text/plain', charset };
  }
  if (/^#\s*include\s*[<"]/m.test(data) || /^\s*(int|void|static|char|long)\b[^;]*\bmain\s*\(/m.test(data) || /^\s*int\s+main\s*\(/m.test(data)) {
    return { text: `C source, ${encoding}${tail}`, mime: 'text/x-c', charset };
  }
  if (/^\t.*\$\(/m.test(data) || /^\t@?(make|\$\(MAKE\))\b/m.test(data)) return { text: `makefile script, ${encoding}${tail}`, mime: 'text/x-makefile', charset };
  return { text: `${encoding}${tail}`, mime: 'text/plain', charset };
}

function kindOf(sys: System, path: string, follow: boolean): Kind | string {
  const lst = sys.fs.stat(path);
  if (typeof lst === 'number') return `cannot open \`NAME' (${errnoText(lst)})`;
  let st = lst;
  if (lst.type === 'symlink') {
    if (!follow) return { text: `symbolic link to ${lst.target ?? ''}`, mime: 'inode/symlink', charset: 'binary' };
    const target = statFollow(sys, path);
    if (typeof target === 'number') return { text: `cannot open \`NAME' (${errnoText(target)})`, mime: 'inode/symlink', charset: 'binary' };
    st = target;
  }
  if (st.type === 'dir') return { text: 'directory', mime: 'inode/directory', charset: 'binary' };
  if (st.type === 'chardev') return { text: `character special (${st.rdev?.[0] ?? 0}/${st.rdev?.[1] ?? 0})`, mime: 'inode/chardevice', charset: 'binary' };
  if (st.image !== undefined) return moduleKind(sys, st);
  const program = st.program === undefined ? undefined : programFiles.get(st.program);
  if (program) return programKind(program.description);
  // file looks at st_size first: /proc files (size 0) are "empty" whatever they hold.
  if (st.size === 0) return { text: 'empty', mime: 'inode/x-empty', charset: 'binary' };
  const data = sys.fs.read(path);
  if (typeof data === 'number') return `cannot open \`NAME' (${errnoText(data)})`;
  return textKind(data);
}

export function main(argv: string[], io: Io, sys: System): number {
  const parsed = getopt(argv, 'bhiLv', LONG);
  if (!parsed.ok) {
    io.err(parsed.message + USAGE);
    return 1;
  }
  let brief = false;
  let follow = false;
  let show: 'text' | 'mime' | 'type' | 'encoding' = 'text';
  for (const { key } of parsed.options) {
    switch (key) {
      case 'help':
        io.out(USAGE);
        return 0;
      case 'v':
        io.out('file-5.44\nmagic file from /etc/magic:/usr/share/misc/magic\n');
        return 0;
      case 'b': brief = true; break;
      case 'L': follow = true; break;
      case 'h': follow = false; break;
      case 'i': show = 'mime'; break;
      case 'mime-type': show = 'type'; break;
      case 'mime-encoding': show = 'encoding'; break;
    }
  }
  const names = parsed.operands;
  if (names.length === 0) {
    io.err(USAGE);
    return 1;
  }
  const width = Math.max(...names.map((n) => n.length)) + 1;
  for (const name of names) {
    const kind = kindOf(sys, sys.resolve(name), follow);
    let text: string;
    if (typeof kind === 'string') text = kind.replace('NAME', name);
    else if (show === 'mime') text = `${kind.mime}; charset=${kind.charset}`;
    else if (show === 'type') text = kind.mime;
    else if (show === 'encoding') text = kind.charset;
    else text = kind.text.replace('NAME', name);
    io.out(brief ? `${text}\n` : `${`${name}:`.padEnd(width)} ${text}\n`);
  }
  return 0;
}

export const file: Tool = { name: 'file', main, summary: 'determine file type' };
