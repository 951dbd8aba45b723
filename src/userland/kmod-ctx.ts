/**
 * The part of libkmod (kmod 30) that modprobe and modinfo share: the module directory's
 * index files read from the disk, the modprobe.d configuration, and
 * kmod_module_new_from_lookup(): config aliases, modules.dep, modules.symbols, install/remove
 * commands, modules.alias, modules.builtin, then the builtins' own aliases, the first that
 * answers wins (libkmod-module.c).
 */
import type { System } from './tool';
import { fnmatch } from './kmod-fnmatch';
import type { LibkmodLogFn } from './kmod-log';
import { INDEX_BIN_HEAD } from '../modules/disk';
import { parsedOnce } from './kmod-parsed';

export const MODULE_DIR = '/lib/modules';
/** libkmod.c default_config_paths, in priority order. */
const CONFIG_DIRS = ['/etc/modprobe.d', '/run/modprobe.d', '/usr/local/lib/modprobe.d', '/lib/modprobe.d'];

/** kmod's modname of a path: basename up to the first '.', '-' → '_'. */
export function modnameOf(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.indexOf('.');
  return underscores(dot >= 0 ? base.slice(0, dot) : base);
}

/** The module names of a modules.builtin text (one path a line). */
export function builtinNames(text: string): ReadonlySet<string> {
  return new Set(text.split('\n').filter((l) => l !== '').map(modnameOf));
}

/** alias_normalize()/underscores(): '-' → '_' outside [...] brackets. */
export function underscores(s: string): string {
  let out = '';
  let inBracket = false;
  for (const c of s) {
    if (c === '[') inBracket = true;
    else if (c === ']') inBracket = false;
    out += c === '-' && !inBracket ? '_' : c;
  }
  return out;
}

export interface KmodModule {
  name: string;
  /** Absolute path of the .ko (modules.dep), undefined for builtins, aliases without module file. */
  path?: string;
  /** The alias it was looked up by (config or modules.alias), as libkmod sets mod->alias. */
  alias?: string;
  builtin?: boolean;
  /** Its modules.dep line was parsed by the lookup (found through modules.dep itself). */
  parsed?: boolean;
}

/** A modules.dep line: the module's path relative to the module directory, and its dependencies'. */
interface DepEntry {
  rel: string;
  deps: readonly string[];
}

export interface Softdep { name: string; pre: string[]; post: string[]; raw: string }

export interface KmodConfig {
  aliases: Array<[string, string]>;
  blacklists: string[];
  options: Array<[string, string]>;
  installs: Array<[string, string]>;
  removes: Array<[string, string]>;
  softdeps: Softdep[];
}

export class KmodCtx {
  readonly config: KmodConfig = { aliases: [], blacklists: [], options: [], installs: [], removes: [], softdeps: [] };
  private depCache?: ReadonlyMap<string, DepEntry>;
  private builtinCache?: ReadonlySet<string>;
  private builtinInfoCache?: readonly string[];

  constructor(
    private readonly sys: System,
    /** /lib/modules/RELEASE (or -d/-b root + …). */
    readonly dirname: string,
    /**
     * Where kmod_new()'s messages (config parsing) go: the tools call it before
     * log_setup_kmod_log(), so this is libkmod's default log_filep (libkmodDefaultLog).
     */
    public log: LibkmodLogFn,
    configPaths?: string[],
    /** The context's address in libkmod's messages (ctx=%p: another every run, ASLR). */
    private readonly address = '0x55d6c71f5350',
  ) {
    this.loadConfig(configPaths);
  }

  private readText(path: string): string | undefined {
    const text = this.sys.fs.read(path);
    return typeof text === 'string' ? text : undefined;
  }

  private loadConfig(configPaths?: string[]): void {
    const files: Array<{ name: string; path: string }> = [];
    const insert = (name: string, path: string) => {
      if (files.some((f) => f.name === name)) return;
      files.push({ name, path });
      files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    };
    if (configPaths) {
      for (const p of configPaths) {
        const st = this.sys.fs.stat(p);
        if (typeof st !== 'number' && st.type === 'dir') this.addDir(p, insert);
        else insert(p.slice(p.lastIndexOf('/') + 1), p);
      }
    } else {
      for (const dir of CONFIG_DIRS) this.addDir(dir, insert);
    }
    insert('modules.softdep', `${this.dirname}/modules.softdep`);
    for (const f of files) {
      const text = this.readText(f.path);
      if (text !== undefined) this.parseConfig(text, f.path);
    }
  }

  private addDir(dir: string, insert: (name: string, path: string) => void): void {
    const names = this.sys.fs.list(dir);
    if (typeof names === 'number') return;
    for (const fn of names) {
      if (fn.startsWith('.') || fn.length < 6 || !(fn.endsWith('.conf') || fn.endsWith('.alias'))) continue;
      const st = this.sys.fs.stat(`${dir}/${fn}`);
      if (typeof st !== 'number' && st.type === 'dir') {
        this.log(3, '../libkmod/libkmod-config.c:772', 'conf_files_filter_out', `Directories inside directories are not supported: ${dir}/${fn}\n`);
        continue;
      }
      insert(fn, `${dir}/${fn}`);
    }
  }

  /** kmod_config_parse(): one command per line, '\' continues a line, '#' comments. */
  private parseConfig(text: string, filename: string): void {
    const lines = text.split('\n');
    let linenum = 0;
    for (let i = 0; i < lines.length; i++) {
      let line = lines[i];
      linenum++;
      while (line.endsWith('\\') && i + 1 < lines.length) {
        line = line.slice(0, -1) + lines[++i];
        linenum++;
      }
      if (line === '' || line.startsWith('#')) continue;
      const m = /^[\t ]*([^\t ]+)[\t ]*(.*)$/.exec(line);
      if (!m) continue;
      const cmd = m[1];
      const rest = m[2];
      const words = rest.split(/[\t ]+/).filter((w) => w !== '');
      const tail = (n: number) => rest.replace(new RegExp(`^([^\\t ]+[\\t ]+){${n}}`), '').replace(/^[\t ]+/, '');
      const bad = () => this.log(3, '../libkmod/libkmod-config.c:712', 'kmod_config_parse', `${filename} line ${linenum}: ignoring bad line starting with '${cmd}'\n`);
      if (cmd === 'alias') {
        if (words.length < 2) { bad(); continue; }
        this.config.aliases.push([underscores(words[0]), underscores(words[1])]);
      } else if (cmd === 'blacklist') {
        if (words.length < 1) { bad(); continue; }
        this.config.blacklists.push(underscores(words[0]));
      } else if (cmd === 'options' || cmd === 'install' || cmd === 'remove' || cmd === 'softdep') {
        if (words.length < 2) { bad(); continue; }
        const name = underscores(words[0]);
        const value = tail(1);
        if (cmd === 'options') this.config.options.push([name, value]);
        else if (cmd === 'install') this.config.installs.push([name, value]);
        else if (cmd === 'remove') this.config.removes.push([name, value]);
        else {
          const pre: string[] = [];
          const post: string[] = [];
          let mode: string[] | undefined;
          for (const w of words.slice(1)) {
            if (w === 'pre:') mode = pre;
            else if (w === 'post:') mode = post;
            else if (mode) mode.push(w);
          }
          this.config.softdeps.push({ name, pre, post, raw: value });
        }
      } else if (cmd === 'include' || cmd === 'config') {
        this.log(3, '../libkmod/libkmod-config.c:708', 'kmod_config_parse', `${filename}: command ${cmd} is deprecated and not parsed anymore\n`);
      } else {
        bad();
      }
    }
  }

  /** modules.dep.bin, parsed once per text (parseDepBin). */
  private deps(): ReadonlyMap<string, DepEntry> {
    this.depCache ??= parsedOnce('modules.dep.bin', this.readText(`${this.dirname}/modules.dep.bin`) ?? '', parseDepBin);
    return this.depCache;
  }

  private absolute(rel: string): string {
    return rel.startsWith('/') ? rel : `${this.dirname}/${rel}`;
  }

  /** The module of a modules.dep entry, or a bare name. */
  module(name: string, alias?: string): KmodModule {
    const d = this.deps().get(name);
    const mod: KmodModule = { name };
    if (d) mod.path = this.absolute(d.rel);
    if (alias !== undefined) mod.alias = alias;
    if (!d && this.isBuiltin(name)) mod.builtin = true;
    return mod;
  }

  /**
   * kmod_module_parse_depline(): the first dependency whose file is missing under dirname
   * (modinfo -b DIR of a partial tree, 25-kmod-options; a .ko deleted since depmod,
   * 27-kbuild-install) stops the parse with libkmod's ERR and drops every dependency. The
   * module is not marked parsed then, so each later call parses (and says so) again.
   */
  checkDepline(mod: KmodModule): boolean {
    const d = this.deps().get(mod.name);
    if (!d) return true;
    for (const rel of d.deps) {
      const path = this.absolute(rel);
      const st = this.sys.fs.stat(path);
      if (typeof st === 'number') {
        this.log(3, '../libkmod/libkmod-module.c:191', 'kmod_module_parse_depline', `ctx=${this.address} path=${path} error=No such file or directory\n`);
        return false;
      }
    }
    return true;
  }

  /** kmod_module_get_dependencies(): modules.dep line, reversed (kmod_list_prepend in parse_depline). */
  dependencies(mod: KmodModule): KmodModule[] {
    const d = this.deps().get(mod.name);
    if (!d || !this.checkDepline(mod)) return [];
    return d.deps.map((rel) => this.module(modnameOf(rel))).reverse();
  }

  /** modules.builtin names. */
  isBuiltin(name: string): boolean {
    this.builtinCache ??= parsedOnce('modules.builtin', this.readText(`${this.dirname}/modules.builtin`) ?? '', builtinNames);
    return this.builtinCache.has(name);
  }

  /** modules.builtin.modinfo records ("name.key=value"). */
  builtinRecords(): readonly string[] {
    this.builtinInfoCache ??= parsedOnce('modules.builtin.modinfo', this.readText(`${this.dirname}/modules.builtin.modinfo`) ?? '', (text) => text.split('\0').filter((r) => r !== ''));
    return this.builtinInfoCache;
  }

  /** kmod_module_new_from_lookup() */
  lookup(given: string): KmodModule[] {
    const alias = underscores(given);
    // 1. aliases from configuration
    // kmod_module_new_from_alias(ctx, aliasname, …): mod->alias is the configured pattern, so
    // `options myhello …` does not apply through `alias my* …` (25-kmod-options).
    const fromConfig = this.config.aliases.filter(([a]) => fnmatch(a, alias)).map(([a, m]) => this.module(m, a));
    if (fromConfig.length > 0) return fromConfig;
    // 2. modules.dep (kmod_lookup_alias_from_moddep_file parses the module's line)
    if (this.deps().has(alias)) {
      const mod = this.module(alias);
      this.checkDepline(mod);
      mod.parsed = true;
      return [mod];
    }
    // 3. modules.symbols
    if (alias.startsWith('symbol:')) {
      const hits = this.aliasFile('modules.symbols', alias);
      if (hits.length > 0) return hits.map((m) => this.module(m));
    }
    // 4. install/remove commands
    if (this.config.installs.some(([n]) => n === alias) || this.config.removes.some(([n]) => n === alias)) return [this.module(alias)];
    // 5. modules.alias
    const aliased = this.aliasFile('modules.alias', alias);
    if (aliased.length > 0) return aliased.map((m) => this.module(m, alias));
    // 6. modules.builtin
    if (this.isBuiltin(alias)) return [{ name: alias, builtin: true }];
    // 7. aliases of builtins (modules.builtin.alias.bin, from modules.builtin.modinfo)
    for (const rec of this.builtinRecords()) {
      const m = /^([^.]+)\.alias=(.*)$/.exec(rec);
      if (m && fnmatch(m[2], alias)) return [{ name: m[1], builtin: true, alias }];
    }
    return [];
  }

  /** Modules an alias file maps `name` to, each once, in file order (= module index order). */
  private aliasFile(file: string, name: string): string[] {
    const out: string[] = [];
    for (const [pattern, module] of aliasEntries(file, this.readText(`${this.dirname}/${file}`) ?? '')) {
      if (fnmatch(pattern, name) && !out.includes(module)) out.push(module);
    }
    return out;
  }

  /**
   * kmod_module_get_options(): every `options` line naming the module or the alias it was
   * looked up by — the configured pattern or the modules.alias name — (25-kmod-options: `options myhello myint=7` for `alias myhello
   * hello_param`), in the order the configuration was read, space separated.
   */
  options(name: string, alias?: string): string {
    return this.config.options.filter(([n]) => n === name || (alias !== undefined && n === alias)).map(([, o]) => o).filter((o) => o !== '').join(' ');
  }

  installCommand(name: string): string | undefined {
    return this.config.installs.find(([n]) => n === name)?.[1];
  }

  removeCommand(name: string): string | undefined {
    return this.config.removes.find(([n]) => n === name)?.[1];
  }

  /** kmod_module_get_softdeps(): the first matching softdep line only, names resolved by lookup. */
  softdeps(name: string): { pre: KmodModule[]; post: KmodModule[] } {
    const sd = this.config.softdeps.find((s) => fnmatch(s.name, name));
    if (!sd) return { pre: [], post: [] };
    const resolve = (names: string[]) => names.flatMap((n) => this.lookup(n));
    return { pre: resolve(sd.pre), post: resolve(sd.post) };
  }

  isBlacklisted(name: string): boolean {
    return this.config.blacklists.includes(name);
  }
}

/** Parsed `alias PATTERN MODULE` lines of an alias file (modules.alias has 1441 lines and every modprobe reads it). */
function aliasEntries(file: string, text: string): ReadonlyArray<[string, string]> {
  return parsedOnce(file, text, (t) => {
    const entries: Array<[string, string]> = [];
    for (const line of t.split('\n')) {
      const m = /^alias (\S+) (\S+)$/.exec(line);
      if (m) entries.push([underscores(m[1] ?? ''), m[2] ?? '']);
    }
    return entries;
  });
}

/**
 * modules.dep as kmod 30 reads it: from modules.dep.bin only (kmod_search_moddep), so a
 * missing or garbled text modules.dep changes nothing, and a missing or garbled .bin (no
 * index magic) means no module is found. Name → path relative to dirname and its deps.
 */
function parseDepBin(bin: string): ReadonlyMap<string, DepEntry> {
  const deps = new Map<string, DepEntry>();
  const text = bin.startsWith(INDEX_BIN_HEAD) ? bin.slice(INDEX_BIN_HEAD.length) : '';
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const rel = line.slice(0, colon);
    const name = modnameOf(rel);
    if (!deps.has(name)) deps.set(name, { rel, deps: line.slice(colon + 1).split(' ').filter((d) => d !== '') });
  }
  return deps;
}
