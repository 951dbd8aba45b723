/**
 * modinfo, as kmod 30's tools/modinfo.c: the fields of a .ko (by path) or of a module found by
 * name/alias through modules.dep, modules.alias and the builtins; parm/parmtype merged into
 * one "parm:" line each, printed after the other fields; -F/-a/-d/-l/-p/-n select a field,
 * -0 ends each value with NUL.
 */
import type { Io, System, Tool } from './tool';
import { statFollow } from './files';
import type { LongOption } from './getopt';
import { getopt } from './getopt';
import { KmodCtx, MODULE_DIR } from './kmod-ctx';
import type { KmodModule } from './kmod-ctx';
import { KmodLog, libkmodDefaultLog, shortName } from './kmod-log';
import { KMOD_VERSION } from './modprobe';
import { notModuleErrno } from './kmod-elf';
import { strerror } from '../kernel/errno';

const SHORTOPTS = 'adlpn0mF:k:b:Vh';
const LONGOPTS: LongOption[] = [
  { name: 'author', has: 'none', key: 'a' },
  { name: 'description', has: 'none', key: 'd' },
  { name: 'license', has: 'none', key: 'l' },
  { name: 'parameters', has: 'none', key: 'p' },
  { name: 'filename', has: 'none', key: 'n' },
  { name: 'null', has: 'none', key: '0' },
  { name: 'modname', has: 'none', key: 'm' },
  { name: 'field', has: 'required', key: 'F' },
  { name: 'set-version', has: 'required', key: 'k' },
  { name: 'basedir', has: 'required', key: 'b' },
  { name: 'version', has: 'none', key: 'V' },
  { name: 'help', has: 'none', key: 'h' },
];

function help(prog: string): string {
  return 'Usage:\n' +
    `\t${prog} [options] <modulename|filename> [args]\n` +
    'Options:\n' +
    "\t-a, --author                Print only 'author'\n" +
    "\t-d, --description           Print only 'description'\n" +
    "\t-l, --license               Print only 'license'\n" +
    "\t-p, --parameters            Print only 'parm'\n" +
    "\t-n, --filename              Print only 'filename'\n" +
    '\t-0, --null                  Use \\0 instead of \\n\n' +
    '\t-m, --modname               Handle argument as module name instead of alias or filename\n' +
    '\t-F, --field=FIELD           Print only provided FIELD\n' +
    '\t-k, --set-version=VERSION   Use VERSION instead of `uname -r`\n' +
    '\t-b, --basedir=DIR           Use DIR as filesystem root for /lib/modules\n' +
    '\t-V, --version               Show version\n' +
    '\t-h, --help                  Show this help\n';
}

interface Ctl { field?: string; sep: string }

/**
 * The .modinfo records of a module. Images store what `modinfo` prints (parm lines already
 * merged); parmtype records are recovered from them for `-F parmtype`.
 */
function infoList(sys: System, path: string): Array<[string, string]> | undefined {
  const st = statFollow(sys, path);
  if (typeof st === 'number' || st.image === undefined) return undefined;
  const image = sys.kernel.config.images(st.image);
  return image ? image.modinfo : undefined;
}

/** "name:desc (type)" / "name:type" / "name:desc" → name, description, type. */
function splitParm(value: string): { name: string; param?: string; type?: string } {
  const colon = value.indexOf(':');
  const name = value.slice(0, colon);
  const rest = value.slice(colon + 1);
  const m = /^(.*) \(([^()]*)\)$/.exec(rest);
  if (m) return { name, param: m[1], type: m[2] };
  if (/^(array of )?[a-z_]+$/.test(rest) && !rest.includes(' ') ) return { name, type: rest };
  return { name, param: rest };
}

function modinfoDo(io: Io, ctl: Ctl, filename: string, name: string, fields: Array<[string, string]>, builtin: boolean): void {
  const { field, sep } = ctl;
  let out = '';
  if (builtin) {
    if (field === undefined) out += `${'name:'.padEnd(16)}${name}${sep}`;
    else if (field === 'name') out += `${name}${sep}`;
  }
  if (field === 'filename') {
    io.out(out + `${filename}${sep}`);
    return;
  }
  if (field === undefined) out += `${'filename:'.padEnd(16)}${filename}${sep}`;
  const parms: string[] = [];
  for (const [key, value] of fields) {
    if (field !== undefined) {
      if (field === 'parm' && key === 'parm') out += `${value}${sep}`;
      else if (field === 'parmtype' && key === 'parm') parms.unshift(value);
      else if (field === key && key !== 'parm') out += `${value}${sep}`;
      continue;
    }
    if (key === 'parm') {
      parms.push(value);
      continue;
    }
    if (sep === '\0') out += `${key}=${value}${sep}`;
    else out += `${key}:${' '.repeat(Math.max(0, 15 - key.length))}${value}${sep}`;
  }
  if (field === 'parmtype') {
    for (const p of parms) {
      const s = splitParm(p);
      if (s.type !== undefined) out += `${s.name}:${s.type}${sep}`;
    }
  } else if (field === undefined) {
    for (const p of parms) out += `${'parm:'.padEnd(16)}${p}${sep}`;
  }
  io.out(out);
}

function isModuleFilename(sys: System, name: string): boolean {
  const st = sys.fs.stat(sys.resolve(name));
  return typeof st !== 'number' && st.type === 'file' && /\.ko(\.xz|\.zst|\.gz)?$/.test(name);
}

export function main(argv: string[], io: Io, sys: System): number {
  const prog = shortName(argv[0], 'modinfo');
  const log = new KmodLog(prog, io);
  const parsed = getopt([prog, ...argv.slice(1)], SHORTOPTS, LONGOPTS);
  if (!parsed.ok) {
    io.err(parsed.message);
    return 1;
  }
  const ctl: Ctl = { sep: '\n' };
  let argIsModname = false;
  let kversion: string | undefined;
  let root: string | undefined;
  for (const { key, arg } of parsed.options) {
    switch (key) {
      case 'a': ctl.field = 'author'; break;
      case 'd': ctl.field = 'description'; break;
      case 'l': ctl.field = 'license'; break;
      case 'p': ctl.field = 'parm'; break;
      case 'n': ctl.field = 'filename'; break;
      case '0': ctl.sep = '\0'; break;
      case 'm': argIsModname = true; break;
      case 'F': ctl.field = arg; break;
      case 'k': kversion = arg; break;
      case 'b': root = arg; break;
      case 'h': io.out(help(prog)); return 0;
      case 'V': io.out(KMOD_VERSION); return 0;
    }
  }
  if (parsed.operands.length === 0) {
    log.err('missing module or filename.\n');
    return 1;
  }
  // kmod 30 joins ROOT and the directory as strings ("-b /" gives "//lib/modules/…") and
  // libkmod makes a relative one absolute from the cwd (path_make_absolute_cwd).
  const joined = `${root ?? ''}${MODULE_DIR}/${kversion ?? sys.kernel.config.release}`;
  const dirname = root !== undefined || kversion !== undefined
    ? (joined.startsWith('/') ? joined : `${sys.cwd === '/' ? '' : sys.cwd}/${joined}`)
    : `${MODULE_DIR}/${sys.kernel.config.release}`;
  const ctx = new KmodCtx(sys, dirname, libkmodDefaultLog(io), [], MODINFO_CTX_ADDRESS);

  /** modinfo_do() prints the filename line before kmod_module_get_info() fails. */
  const noInfo = (filename: string, name: string): number => {
    if (ctl.field === 'filename') {
      io.out(`${filename}${ctl.sep}`);
      return 0;
    }
    if (ctl.field === undefined) io.out(`${'filename:'.padEnd(16)}${filename}${ctl.sep}`);
    const content = sys.fs.read(filename);
    const err = typeof content === 'number' ? content : notModuleErrno(content);
    log.err(`could not get modinfo from '${name}': ${strerror[-err] ?? `Unknown error ${-err}`}\n`);
    return -1;
  };

  const show = (mod: KmodModule): number => {
    if (mod.path === undefined) {
      const prefix = mod.name + '.';
      const fields: Array<[string, string]> = [];
      for (const rec of ctx.builtinRecords()) {
        if (!rec.startsWith(prefix)) continue;
        const eq = rec.indexOf('=');
        fields.push([rec.slice(prefix.length, eq), rec.slice(eq + 1)]);
      }
      modinfoDo(io, ctl, '(builtin)', mod.name, mergeParms(fields), true);
      return 0;
    }
    // kmod_module_get_path() parses the modules.dep line of a module an alias named
    if (!mod.parsed) ctx.checkDepline(mod);
    // modinfo_do() prints the path from modules.dep before it opens the file: -F filename
    // of a module whose .ko is not there still answers (25-kmod-options: -b DIR vfat).
    if (ctl.field === 'filename') {
      io.out(`${mod.path}${ctl.sep}`);
      return 0;
    }
    const fields = infoList(sys, mod.path);
    if (!fields) return noInfo(mod.path, mod.name);
    modinfoDo(io, ctl, mod.path, mod.name, fields, false);
    return 0;
  };

  let err = 0;
  for (const name of parsed.operands) {
    let r = 0;
    if (argIsModname) {
      const mod = ctx.module(name.replace(/-/g, '_'));
      if (mod.path === undefined && !mod.builtin) {
        log.err(`Module name ${name} not found.\n`);
        r = -1;
      } else r = show(mod);
    } else if (isModuleFilename(sys, name)) {
      const path = sys.resolve(name);
      const fields = infoList(sys, path);
      if (!fields) {
        r = noInfo(name.startsWith('/') ? name : path, path.slice(path.lastIndexOf('/') + 1).replace(/\.ko.*$/, ''));
      } else {
        const nameField = fields.find(([k]) => k === 'name')?.[1] ?? name;
        modinfoDo(io, ctl, name.startsWith('/') ? name : path, nameField, fields, false);
      }
    } else {
      const list = ctx.lookup(name);
      if (list.length === 0) {
        log.err(`Module ${name} not found.\n`);
        r = -1;
      }
      for (const mod of list) {
        const s = show(mod);
        if (s < 0) r = s;
      }
    }
    if (r < 0) err = r;
  }
  return err >= 0 ? 0 : 1;
}

/** Builtin records keep parm and parmtype apart; merge them as modinfo_do() does (reverse first-seen order). */
function mergeParms(fields: Array<[string, string]>): Array<[string, string]> {
  const others: Array<[string, string]> = [];
  const params: Array<{ name: string; param?: string; type?: string }> = [];
  for (const [key, value] of fields) {
    if (key !== 'parm' && key !== 'parmtype') {
      others.push([key, value]);
      continue;
    }
    const colon = value.indexOf(':');
    if (colon < 0) continue;
    const name = value.slice(0, colon);
    let p = params.find((x) => x.name === name);
    if (!p) {
      p = { name };
      params.unshift(p);
    }
    if (key === 'parm') p.param = value.slice(colon + 1);
    else p.type = value.slice(colon + 1);
  }
  return [...others, ...params.map((p): [string, string] => ['parm', p.param === undefined ? `${p.name}:${p.type ?? ''}` : p.type !== undefined ? `${p.name}:${p.param} (${p.type})` : `${p.name}:${p.param}`])];
}

/** The kmod_ctx pointer libkmod prints in its errors (one run's, as 25-kmod-options shows it). */
const MODINFO_CTX_ADDRESS = '0x55ab307a52a0';

export const modinfo: Tool = { name: 'modinfo', main, summary: 'show information about a Linux kernel module' };
