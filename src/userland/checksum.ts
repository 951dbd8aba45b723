/**
 * md5sum, sha1sum, sha224sum, sha256sum, sha384sum and sha512sum of GNU coreutils 9.1
 * (src/digest.c): print a checksum line per FILE ("HASH  NAME", --tag's "ALGO (NAME) =
 * HASH", -z), or with -c read such lines back and check each file (OK, FAILED, FAILED open
 * or read, the closing WARNINGs, --quiet, --status, --strict, -w, --ignore-missing). A file's
 * bytes are its text as UTF-8, as the machine stores it.
 */
import { createHash } from 'node:crypto';
import type { Io, System, Tool } from './tool';
import { getopt, type LongOption } from './getopt';
import { errnoText, readOperand, statFollow, tryHelp } from './files';
import { ENOENT } from '../kernel/errno';
import { coreutilsVersion } from './gnu-version';

interface Algorithm {
  /** node:crypto's name. */
  hash: string;
  /** --tag's name, and the help's. */
  tag: string;
  bits: number;
  standard: string;
  info: string;
}

const ALGORITHMS: Record<string, Algorithm> = {
  md5sum: { hash: 'md5', tag: 'MD5', bits: 128, standard: 'RFC 1321', info: 'md5sum invocation' },
  sha1sum: { hash: 'sha1', tag: 'SHA1', bits: 160, standard: 'FIPS-180-1', info: 'sha1sum invocation' },
  sha224sum: { hash: 'sha224', tag: 'SHA224', bits: 224, standard: 'RFC 3874', info: 'sha2 utilities' },
  sha256sum: { hash: 'sha256', tag: 'SHA256', bits: 256, standard: 'FIPS-180-2', info: 'sha2 utilities' },
  sha384sum: { hash: 'sha384', tag: 'SHA384', bits: 384, standard: 'FIPS-180-2', info: 'sha2 utilities' },
  sha512sum: { hash: 'sha512', tag: 'SHA512', bits: 512, standard: 'FIPS-180-2', info: 'sha2 utilities' },
};

function helpText(name: string, algo: Algorithm): string {
  return `Usage: ${name} [OPTION]... [FILE]...
Print or check ${algo.tag} (${algo.bits}-bit) checksums.

With no FILE, or when FILE is -, read standard input.
  -b, --binary          read in binary mode
  -c, --check           read checksums from the FILEs and check them
      --tag             create a BSD-style checksum
  -t, --text            read in text mode (default)
  -z, --zero            end each output line with NUL, not newline,
                          and disable file name escaping

The following five options are useful only when verifying checksums:
      --ignore-missing  don't fail or report status for missing files
      --quiet           don't print OK for each successfully verified file
      --status          don't output anything, status code shows success
      --strict          exit non-zero for improperly formatted checksum lines
  -w, --warn            warn about improperly formatted checksum lines

      --help        display this help and exit
      --version     output version information and exit

The sums are computed as described in ${algo.standard}.
When checking, the input should be a former output of this program.
The default mode is to print a line with: checksum, a space,
a character indicating input mode ('*' for binary, ' ' for text
or where binary is insignificant), and name for each FILE.

Note: There is no difference between binary mode and text mode on GNU systems.

GNU coreutils online help: <https://www.gnu.org/software/coreutils/>
Report any translation bugs to <https://translationproject.org/team/>
Full documentation <https://www.gnu.org/software/coreutils/${name}>
or available locally via: info '(coreutils) ${algo.info}'
`;
}

function versionText(name: string): string {
  return coreutilsVersion(name, 'Ulrich Drepper, Scott Miller, and David Madore');
}

const LONG: LongOption[] = [
  { name: 'binary', has: 'none', key: 'b' },
  { name: 'check', has: 'none', key: 'c' },
  { name: 'ignore-missing', has: 'none', key: 'ignore-missing' },
  { name: 'quiet', has: 'none', key: 'quiet' },
  { name: 'status', has: 'none', key: 'status' },
  { name: 'text', has: 'none', key: 't' },
  { name: 'warn', has: 'none', key: 'w' },
  { name: 'strict', has: 'none', key: 'strict' },
  { name: 'tag', has: 'none', key: 'tag' },
  { name: 'zero', has: 'none', key: 'z' },
  { name: 'help', has: 'none', key: 'help' },
  { name: 'version', has: 'none', key: 'version' },
];

interface Options {
  binary?: boolean;
  check: boolean;
  ignoreMissing: boolean;
  quiet: boolean;
  status: boolean;
  warn: boolean;
  strict: boolean;
  tag: boolean;
  zero: boolean;
}

/** The name as a checksum line carries it: a backslash and a newline escaped, the line then starting with "\\". */
function escaped(name: string): { prefix: string; name: string } {
  if (!/[\\\n\r]/.test(name)) return { prefix: '', name };
  return { prefix: '\\', name: name.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r') };
}

function unescape(name: string): string | undefined {
  let out = '';
  for (let i = 0; i < name.length; i++) {
    const c = name[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = name[++i];
    if (next === '\\') out += '\\';
    else if (next === 'n') out += '\n';
    else if (next === 'r') out += '\r';
    else return undefined;
  }
  return out;
}

function digestOf(algo: Algorithm, text: string): string {
  return createHash(algo.hash).update(Buffer.from(text, 'utf8')).digest('hex');
}

/**
 * A file's content, or -errno. A module image has no bytes on this machine: it is checksummed
 * by its image's id, so a copy matches and another module does not, though the
 * value is not the checksum of Debian's file.
 */
function contentOf(name: string, io: Io, sys: System): string | number {
  const text = readOperand(name, io, sys);
  if (typeof text === 'number' || name === '-') return text;
  const st = statFollow(sys, sys.resolve(name));
  return typeof st !== 'number' && st.image !== undefined ? `\x7fELF module image ${st.image}` : text;
}

function printSums(prog: string, algo: Algorithm, files: string[], opts: Options, io: Io, sys: System): number {
  let status = 0;
  for (const name of files) {
    const text = contentOf(name, io, sys);
    if (typeof text === 'number') {
      io.err(`${prog}: ${name}: ${errnoText(text)}\n`);
      status = 1;
      continue;
    }
    const sum = digestOf(algo, text);
    const end = opts.zero ? '\0' : '\n';
    const shown = opts.zero ? { prefix: '', name } : escaped(name);
    if (opts.tag) io.out(`${shown.prefix}${algo.tag} (${shown.name}) = ${sum}${end}`);
    else io.out(`${shown.prefix}${sum} ${opts.binary ? '*' : ' '}${shown.name}${end}`);
  }
  return status;
}

/** One line of a checksum file: the hash and the file, or undefined where it is not one. */
function parseLine(line: string, algo: Algorithm): { sum: string; name: string } | undefined {
  let text = line.replace(/^[ \t]+/, '');
  const escapedName = text.startsWith('\\');
  if (escapedName) text = text.slice(1);
  const hexLength = algo.bits / 4;
  const tagged = new RegExp(`^${algo.tag} ?\\((.*)\\) ?= ([0-9a-fA-F]{${hexLength}})$`).exec(text);
  let sum: string;
  let name: string;
  if (tagged) {
    name = tagged[1]!;
    sum = tagged[2]!;
  } else {
    const plain = new RegExp(`^([0-9a-fA-F]{${hexLength}}) ([ *]?)(.*)$`).exec(text);
    if (!plain || plain[3] === '') return undefined;
    sum = plain[1]!;
    // "HASH NAME" with one space is accepted too; a second space or a '*' is the mode.
    name = plain[3]!;
  }
  if (escapedName) {
    const plainName = unescape(name);
    if (plainName === undefined) return undefined;
    name = plainName;
  }
  return { sum: sum.toLowerCase(), name };
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

function checkFile(prog: string, algo: Algorithm, file: string, opts: Options, io: Io, sys: System): boolean {
  const shownFile = file === '-' ? "'standard input'" : file;
  const text = contentOf(file, io, sys);
  if (typeof text === 'number') {
    io.err(`${prog}: ${file}: ${errnoText(text)}\n`);
    return false;
  }
  let badFormat = 0;
  let unreadable = 0;
  let mismatched = 0;
  let properlyFormatted = false;
  let matchedOne = false;
  const lines = text.split(opts.zero ? '\0' : '\n');
  if (lines[lines.length - 1] === '') lines.pop();
  lines.forEach((raw, index) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.startsWith('#')) return;
    const entry = parseLine(line, algo);
    if (!entry) {
      badFormat++;
      if (opts.warn) io.err(`${prog}: ${shownFile}: ${index + 1}: improperly formatted ${algo.tag} checksum line\n`);
      return;
    }
    properlyFormatted = true;
    // Result lines escape only a name with a newline in it; a backslash alone prints as it is.
    const shown = /[\n]/.test(entry.name) ? escaped(entry.name) : { prefix: '', name: entry.name };
    const content = contentOf(entry.name, io, sys);
    if (typeof content === 'number') {
      if (opts.ignoreMissing && content === -ENOENT) return;
      io.err(`${prog}: ${entry.name}: ${errnoText(content)}\n`);
      if (!opts.status) io.out(`${shown.prefix}${shown.name}: FAILED open or read\n`);
      unreadable++;
      return;
    }
    matchedOne = true;
    const ok = digestOf(algo, content) === entry.sum;
    if (!ok) mismatched++;
    if (!opts.status && (!ok || !opts.quiet)) io.out(`${shown.prefix}${shown.name}: ${ok ? 'OK' : 'FAILED'}\n`);
  });
  if (!properlyFormatted) {
    io.err(`${prog}: ${shownFile}: no properly formatted checksum lines found\n`);
    return false;
  }
  if (!opts.status) {
    if (badFormat > 0) io.err(`${prog}: WARNING: ${badFormat} ${plural(badFormat, 'line is', 'lines are')} improperly formatted\n`);
    if (unreadable > 0) io.err(`${prog}: WARNING: ${unreadable} listed ${plural(unreadable, 'file', 'files')} could not be read\n`);
    if (mismatched > 0) io.err(`${prog}: WARNING: ${mismatched} computed ${plural(mismatched, 'checksum', 'checksums')} did NOT match\n`);
  }
  if (opts.ignoreMissing && !matchedOne) {
    if (!opts.status) io.err(`${prog}: ${shownFile}: no file was verified\n`);
    return false;
  }
  return mismatched === 0 && unreadable === 0 && !(opts.strict && badFormat > 0);
}

function makeMain(prog: string, algo: Algorithm) {
  return function main(argv: string[], io: Io, sys: System): number {
    const parsed = getopt(argv, 'bctwz', LONG);
    if (!parsed.ok) {
      io.err(parsed.message);
      return tryHelp(io, prog);
    }
    const opts: Options = { check: false, ignoreMissing: false, quiet: false, status: false, warn: false, strict: false, tag: false, zero: false };
    for (const { key } of parsed.options) {
      if (key === 'help') return io.out(helpText(prog, algo)), 0;
      if (key === 'version') return io.out(versionText(prog)), 0;
      if (key === 'b') opts.binary = true;
      else if (key === 't') opts.binary = false;
      else if (key === 'c') opts.check = true;
      else if (key === 'ignore-missing') opts.ignoreMissing = true;
      else if (key === 'quiet') (opts.quiet = true), (opts.status = false), (opts.warn = false);
      else if (key === 'status') (opts.status = true), (opts.quiet = false), (opts.warn = false);
      else if (key === 'w') (opts.warn = true), (opts.quiet = false), (opts.status = false);
      else if (key === 'strict') opts.strict = true;
      else if (key === 'tag') (opts.tag = true), (opts.binary = true);
      // digest.c keeps the last of -b/-t/--tag: --tag then -t is text mode, which --tag cannot write.
      else if (key === 'z') opts.zero = true;
    }
    const usage = (text: string): number => {
      io.err(`${prog}: ${text}\n`);
      return tryHelp(io, prog);
    };
    if (opts.zero && opts.check) return usage('the --zero option is not supported when verifying checksums');
    if (opts.tag && opts.binary === false) return usage('--tag does not support --text mode');
    if (opts.tag && opts.check) return usage('the --tag option is meaningless when verifying checksums');
    if (opts.binary !== undefined && opts.check && !opts.tag) return usage('the --binary and --text options are meaningless when verifying checksums');
    if (!opts.check) {
      if (opts.ignoreMissing) return usage('the --ignore-missing option is meaningful only when verifying checksums');
      if (opts.status) return usage('the --status option is meaningful only when verifying checksums');
      if (opts.warn) return usage('the --warn option is meaningful only when verifying checksums');
      if (opts.quiet) return usage('the --quiet option is meaningful only when verifying checksums');
      if (opts.strict) return usage('the --strict option is meaningful only when verifying checksums');
    }
    const files = parsed.operands.length > 0 ? parsed.operands : ['-'];
    if (!opts.check) return printSums(prog, algo, files, opts, io, sys);
    let ok = true;
    for (const file of files) ok = checkFile(prog, algo, file, opts, io, sys) && ok;
    return ok ? 0 : 1;
  };
}

export const checksumTools: readonly Tool[] = Object.entries(ALGORITHMS).map(([name, algo]) => ({ name, main: makeMain(name, algo), summary: `compute and check ${algo.tag} message digests` }));
