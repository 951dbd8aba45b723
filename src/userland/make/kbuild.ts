/**
 * The kernel headers package's Makefile (linux-headers-6.1.0-56-amd64, which includes
 * -common's) as `make -C … M=DIR` runs it for an external module: the targets modules
 * (the default), clean and modules_install, with the output 00-kbuild.txt and
 * 00b-kbuild-errors.txt record — CC [M] per object (only when its .c is newer), LD [M] for
 * a composite module, MODPOST and its errors, then CC [M] *.mod.o, LD [M], BTF [M] and
 * "Skipping BTF generation" per module in name order; gcc's messages and the
 * make[N+1]/make[N] error cascade with the kernel Makefile's own line numbers.
 */
import type { Io, System } from '../tool';
import type { ModuleImage } from '../../kernel/image';
import { compile, linkModule, parseSource, srcversionOf, type SourceFile } from '../../cc/module-image';
import type { TranslationUnit } from '../../cc/parse';
import { KERNEL_FUNCTIONS } from '../../cc/kernel-api';
import { MAX_SOURCE_BYTES } from '../../cc/limits';
import { licenseIsGplCompatible } from '../../kernel/license';
import { HEADERS_COMMON_DIR, HEADERS_DIR, RELEASE } from '../../modules/base-image';
import { VERMAGIC } from '../../modules/catalog';
import { Makefile, MakeError, words } from './makefile';
import { symbolCrcIn } from './genksyms';
import { builtModversions } from './modversions';
import { modSource } from './mod-c';
import { RM_FILES, foundForClean } from './kbuild-clean';
import { makeName, normalize, type MakeInvocation } from './invocation';

/** Lines of the kernel's Makefiles that make names in its error cascade (6.1, Debian 6.1.192-2). */
const BUILD_RULE = `${HEADERS_COMMON_DIR}/scripts/Makefile.build:255`;
const BUILD_LINK_RULE = `${HEADERS_COMMON_DIR}/scripts/Makefile.build:468`;
const BUILD_READ = `${HEADERS_COMMON_DIR}/scripts/Makefile.build:44`;
const DESCEND_RULE = `${HEADERS_COMMON_DIR}/Makefile:2065`;
const MODPOST_RULE = `${HEADERS_COMMON_DIR}/scripts/Makefile.modpost:127`;
const MODPOST_DESCEND = `${HEADERS_COMMON_DIR}/Makefile:2017`;
const MODINST_DESCEND = `${HEADERS_COMMON_DIR}/Makefile:1992`;
const CLEAN_READ = `${HEADERS_COMMON_DIR}/scripts/Makefile.clean:15`;
const CLEAN_DESCEND = `${HEADERS_COMMON_DIR}/Makefile:2070`;

/** What sign-file prints without Debian's signing key (00b: modules_install; the status stays 0). */
const SIGN_FAILURE = `At main.c:171:
- SSL error:FFFFFFFF80000002:system library::No such file or directory: ../crypto/bio/bss_file.c:67
- SSL error:10000080:BIO routines::no such file: ../crypto/bio/bss_file.c:75
sign-file: ./output/signing_key.pem
`;

/** First bytes of our object files: an ELF header, then the C sources the object was compiled from. */
const OBJECT_MAGIC = '\x7fELF\x02\x01\x01\0modlab-object\n';

export function isKernelTree(dir: string): boolean {
  return dir === HEADERS_DIR;
}

interface ModuleSpec {
  name: string;
  /** Object names relative to M (x.o), in link order. */
  parts: string[];
  composite: boolean;
  /** -D/-U options of ccflags-y and CFLAGS_<object>, by object name. */
  defines: Map<string, Array<[string, string?]>>;
}

/** The -D and -U options among gcc flags (`-DDEBUG`, `-DLEVEL=3`, `-D NAME`, `-UNAME`); -DNAME means NAME 1. */
export function macroOptions(flags: readonly string[]): Array<[string, string?]> {
  const out: Array<[string, string?]> = [];
  for (let i = 0; i < flags.length; i++) {
    const f = flags[i];
    if (f !== '-D' && f !== '-U' && !/^-[DU]./.test(f)) continue;
    const arg = f.length > 2 ? f.slice(2) : flags[++i] ?? '';
    if (f.startsWith('-U')) {
      out.push([arg]);
      continue;
    }
    const eq = arg.indexOf('=');
    out.push(eq < 0 ? [arg, '1'] : [arg.slice(0, eq), arg.slice(eq + 1)]);
  }
  return out.filter(([name]) => /^[A-Za-z_]\w*$/.test(name));
}

/**
 * Whether a header an object was compiled with is no longer what it was (make's dependency on
 * it). One that is gone changes nothing: fixdep gives each an empty rule, so make builds
 * nothing until the object itself is stale (00c-kbuild-paths: `rm kpaths.h && make`).
 */
function headersChanged(stored: SourceFile | undefined, read: (path: string) => string | number): boolean {
  return (stored?.headers ?? []).some((h) => {
    const now = read(normalize(h.path));
    return typeof now === 'string' && now !== h.text;
  });
}

/** The sources an object file holds (ours carry them, so LD [M] and modpost can read them back). */
export function objectSources(content: string): SourceFile[] | undefined {
  if (!content.startsWith(OBJECT_MAGIC)) return undefined;
  try {
    const parsed: unknown = JSON.parse(content.slice(OBJECT_MAGIC.length));
    if (!Array.isArray(parsed)) return undefined;
    return parsed.filter((f): f is SourceFile => typeof f === 'object' && f !== null && typeof (f as SourceFile).path === 'string' && typeof (f as SourceFile).text === 'string');
  } catch {
    return undefined;
  }
}

function objectContent(sources: SourceFile[]): string {
  return OBJECT_MAGIC + JSON.stringify(sources);
}

class Kbuild {
  private readonly me: string;
  /**
   * KBUILD_MODPOST_WARN and KBUILD_EXTRA_SYMBOLS as Makefile.modpost sees them: it includes
   * the M directory's Kbuild or Makefile too, so a value set there counts (26-modversions),
   * below the command line's.
   */
  private modpostVars = { warn: '', extra: '' };
  private readonly sub: string;
  constructor(
    private readonly io: Io,
    private readonly sys: System,
    private readonly inv: MakeInvocation,
    private readonly m: string,
    /** M as the kernel's Makefile names it in its error cascade (a relative M stays relative). */
    private readonly extmod: string = m,
  ) {
    this.me = makeName(inv.level);
    this.sub = makeName(inv.level + 1);
  }

  /** kbuild's short lines (`  CC [M]  …`); `make -s` sets quiet=silent_ and they go. */
  private say(text: string): void {
    if (!this.inv.silent) this.io.out(text);
  }

  private path(name: string): string {
    return `${this.m}/${name}`;
  }

  private mtime(path: string): number | undefined {
    const st = this.sys.fs.stat(path);
    return typeof st === 'number' ? undefined : st.mtime;
  }

  private write(path: string, content: string): boolean {
    const rc = this.sys.fs.write(path, content, false);
    if (rc === 0) return true;
    this.io.err(`${this.sub}: *** [${BUILD_RULE}: ${path}] Error 1\n`);
    return false;
  }

  /** The cascade after a sub-make failed: the descending make reports it too (TARGET: its rule's). */
  private descendFailed(target = `${DESCEND_RULE}: ${this.extmod}`): number {
    this.io.err(`${this.me}: *** [${target}] Error 2\n`);
    return 2;
  }

  /**
   * The M directory's Kbuild or Makefile as a sub-make includes it (KERNELRELEASE set), from
   * the kernel Makefile line READ_RULE; DESCEND names the rule that ran that sub-make.
   */
  private readMakefile(readRule: string, descend?: string): Makefile | number {
    const kbuildFile = typeof this.sys.fs.stat(this.path('Kbuild')) === 'number' ? 'Makefile' : 'Kbuild';
    const text = this.sys.fs.read(this.path(kbuildFile));
    if (typeof text !== 'string') {
      this.io.err(`${readRule}: ${this.path('Makefile')}: No such file or directory\n${this.sub}: *** No rule to make target '${this.path('Makefile')}'.  Stop.\n`);
      return this.descendFailed(descend);
    }
    const mk = new Makefile(() => RELEASE + '\n');
    mk.define('KERNELRELEASE', RELEASE, 'file');
    mk.define('src', this.m, 'file');
    mk.define('obj', this.m, 'file');
    mk.define('srctree', HEADERS_COMMON_DIR, 'file');
    mk.define('CURDIR', HEADERS_DIR, 'automatic');
    mk.define('MAKE', 'make', 'default');
    for (const [k, v] of Object.entries(this.sys.env)) if (!mk.has(k)) mk.define(k, v, 'environment');
    for (const [k, v] of this.inv.overrides) mk.define(k, v, 'command line');
    try {
      mk.read(text, this.path(kbuildFile));
    } catch (e) {
      if (e instanceof MakeError) {
        this.io.err(e.text);
        return this.descendFailed(descend);
      }
      throw e;
    }
    return mk;
  }

  /** obj-m and <mod>-objs/<mod>-y as the M directory's Kbuild or Makefile sets them (with KERNELRELEASE set). */
  private readModules(): ModuleSpec[] | number {
    const mk = this.readMakefile(BUILD_READ);
    if (typeof mk === 'number') return mk;
    // Makefile.modpost includes the M directory's Kbuild or Makefile too: a
    // KBUILD_MODPOST_WARN set there turns undefined symbols into warnings (26-modversions)
    this.modpostVars = { warn: mk.get('KBUILD_MODPOST_WARN'), extra: mk.get('KBUILD_EXTRA_SYMBOLS') };
    const specs: ModuleSpec[] = [];
    for (const obj of words(mk.get('obj-m'))) {
      if (!obj.endsWith('.o')) continue;
      const name = obj.slice(0, -2);
      const parts = [...words(mk.get(`${name}-objs`)), ...words(mk.get(`${name}-y`))];
      const objects = parts.length > 0 ? parts : [obj];
      const common = words(mk.get('ccflags-y'));
      const defines = new Map(objects.map((o) => [o, macroOptions([...common, ...words(mk.get(`CFLAGS_${o}`))])] as [string, Array<[string, string?]>]));
      specs.push({ name, parts: objects, composite: parts.length > 0, defines });
    }
    return specs;
  }

  modules(): number {
    const specs = this.readModules();
    if (typeof specs === 'number') return specs;
    let rebuilt = false;
    /** Modules whose object this run rebuilt: their .ko is relinked even within one clock tick. */
    const relink = new Set<string>();
    let budget = MAX_SOURCE_BYTES;
    const units = new Map<string, { sources: SourceFile[]; unit: TranslationUnit[] }>();
    for (const spec of specs) {
      for (const part of spec.parts) {
        const objPath = this.path(part);
        if (spec.composite && part === `${spec.name}.o`) {
          // samename-objs := samename.o …: make drops the loop, then ld refuses (00b err_objs_samename).
          this.io.err(`${this.sub}: Circular ${objPath} <- ${objPath} dependency dropped.\n`);
          continue;
        }
        const cPath = objPath.replace(/\.o$/, '.c');
        const cTime = this.mtime(cPath);
        const oTime = this.mtime(objPath);
        if (cTime === undefined && oTime === undefined) {
          this.io.err(`${this.sub}: *** No rule to make target '${objPath}', needed by '${spec.composite ? this.path(`${spec.name}.o`) : this.m + '/'}'.  Stop.\n`);
          return this.descendFailed();
        }
        const text = cTime !== undefined ? this.sys.fs.read(cPath) : undefined;
        const stored = oTime !== undefined ? objectSources(String(this.sys.fs.read(objPath)))?.[0] : undefined;
        const commandLine = spec.defines.get(part) ?? [];
        // Newer than its object — or, within one clock tick, not what the object was built
        // from (its text, a header it includes, its -D options).
        const stale =
          oTime === undefined ||
          (cTime !== undefined && oTime < cTime) ||
          (typeof text === 'string' && stored?.text !== text) ||
          headersChanged(stored, (p) => this.sys.fs.read(p)) ||
          (stored?.headers ?? []).some((h) => (this.mtime(normalize(h.path)) ?? -Infinity) > oTime) ||
          JSON.stringify(stored?.commandLine ?? []) !== JSON.stringify(commandLine);
        if (cTime !== undefined && stale) {
          this.say(`  CC [M]  ${objPath}\n`);
          const source: SourceFile = { path: cPath, text: typeof text === 'string' ? text.slice(0, budget) : '' };
          if (commandLine.length > 0) source.commandLine = commandLine;
          budget -= source.text.length;
          const lang = this.inv.overrides.get('LANG') ?? this.sys.env.LANG ?? 'C.UTF-8';
          const readFile = (p: string): string | undefined => {
            const t = this.sys.fs.read(normalize(p));
            return typeof t === 'string' ? t : undefined;
          };
          const result = compile(source, spec.name, { ascii: lang === 'C' || lang === 'POSIX', readFile, commandLine });
          if (result.diagnostics) this.io.err(result.diagnostics);
          if (!result.ok) {
            this.io.err(`${this.sub}: *** [${BUILD_RULE}: ${objPath}] Error ${result.status}\n`);
            return this.descendFailed();
          }
          if (result.headers.length > 0) source.headers = result.headers;
          if (!this.write(objPath, objectContent([source]))) return this.descendFailed();
          this.sys.fs.write(this.path(`.${part}.cmd`), '', false);
          rebuilt = true;
          relink.add(spec.name);
        }
      }
      if (spec.composite) {
        const out = this.path(`${spec.name}.o`);
        const outTime = this.mtime(out);
        const partsNewer = spec.parts.some((p) => p !== `${spec.name}.o` && (this.mtime(this.path(p)) ?? Infinity) > (outTime ?? -Infinity));
        if (outTime === undefined || partsNewer || relink.has(spec.name) || spec.parts.includes(`${spec.name}.o`)) {
          this.say(`  LD [M]  ${out}\n`);
          if (spec.parts.includes(`${spec.name}.o`)) {
            this.io.err(`ld: input file '${out}' is the same as output file\n${this.sub}: *** [${BUILD_LINK_RULE}: ${out}] Error 1\n`);
            return this.descendFailed();
          }
          const sources = spec.parts.flatMap((p) => objectSources(String(this.sys.fs.read(this.path(p)))) ?? []);
          this.write(out, objectContent(sources));
          this.sys.fs.write(this.path(`.${spec.name}.o.cmd`), '', false);
          rebuilt = true;
          relink.add(spec.name);
        }
      }
      const sources = objectSources(String(this.sys.fs.read(this.path(`${spec.name}.o`)))) ?? [];
      const parsed: TranslationUnit[] = [];
      for (const s of sources) {
        try {
          parsed.push(parseSource(s, spec.name));
        } catch {
          /* compiled before, so it parses; a damaged object links as empty */
        }
      }
      units.set(spec.name, { sources, unit: parsed });
      this.write(this.path(`${spec.name}.mod`), spec.parts.map((p) => this.path(p) + '\n').join(''));
      this.sys.fs.write(this.path(`.${spec.name}.mod.cmd`), '', false);
    }
    this.write(this.path('modules.order'), specs.map((s) => this.path(`${s.name}.ko`) + '\n').join(''));
    this.sys.fs.write(this.path('.modules.order.cmd'), '', false);

    // Module.symvers is modpost's target: it runs when that is missing or older than an
    // object; a deleted .ko alone is only linked again (00c-kbuild-paths).
    const symvers = this.mtime(this.path('Module.symvers'));
    // if_changed: another modpost command line (KBUILD_MODPOST_WARN, KBUILD_EXTRA_SYMBOLS) reruns it
    const runModpost =
      rebuilt ||
      symvers === undefined ||
      specs.some((s) => (this.mtime(this.path(`${s.name}.o`)) ?? Infinity) > symvers) ||
      this.sys.fs.read(this.path('.Module.symvers.cmd')) !== this.modpostCmd();
    return this.modpost(specs, units, relink, runModpost);
  }

  /**
   * scripts/mod/modpost when RUN (license, undefined and GPL-only checks; Module.symvers;
   * each NAME.mod.c, rewritten only when its text changes), then Makefile.modfinal: NAME.mod.o
   * from a newer NAME.mod.c, NAME.ko from a newer NAME.o or NAME.mod.o.
   */
  /** .Module.symvers.cmd as kbuild saves modpost's command (Makefile.modpost's cmd_modpost, 00c-kbuild-paths). */
  private modpostCmd(): string {
    const symvers = this.path('Module.symvers');
    const inputs = ['Module.symvers', ...words(this.modpostVars.extra)].map((f) => ` -i ${f}`).join('');
    const warn = this.modpostVars.warn !== '' ? ' -w' : '';
    return `cmd_${symvers} :=  sed 's/ko$$/o/'  ${this.path('modules.order')} | scripts/mod/modpost -m      -o ${symvers} -e${inputs}${warn} -T - \n`;
  }

  private modpost(specs: ModuleSpec[], units: Map<string, { sources: SourceFile[]; unit: TranslationUnit[] }>, relink: ReadonlySet<string>, run: boolean): number {
    if (run) this.say(`  MODPOST ${this.path('Module.symvers')}\n`);
    const warnOnly = this.modpostVars.warn !== '';
    /** Known exports: symbol → where, GPL-only. */
    const exports = new Map<string, { module: string; path: string; gpl: boolean; crc?: number }>();
    for (const file of words(this.modpostVars.extra)) {
      const text = this.sys.fs.read(file.startsWith('/') ? file : normalize(`${this.m}/${file}`));
      if (typeof text !== 'string') continue;
      for (const line of text.split('\n')) {
        const [crc, symbol, path, kind] = line.split('\t');
        if (symbol && path && kind) exports.set(symbol, { module: path.slice(path.lastIndexOf('/') + 1), path, gpl: kind === 'EXPORT_SYMBOL_GPL', crc: /^0x[0-9a-f]{1,8}$/i.test(crc) ? Number(crc) : undefined });
      }
    }
    const images = new Map<string, ModuleImage>();
    for (const spec of specs) {
      const u = units.get(spec.name);
      const text = (u?.sources ?? []).map((s) => s.text).join('\n');
      const image = linkModule(spec.name, u?.unit ?? [], text, { vermagic: VERMAGIC, sources: u?.sources ?? [] });
      // genksyms: each export's CRC from its declaration (a stand-in where none is found)
      image.exportCrcs = image.exports.map((e): [number, string] => [symbolCrcIn(text, e.symbol) ?? Number.parseInt(srcversionOf(e.symbol).slice(0, 8), 16), e.symbol]);
      images.set(spec.name, image);
      for (const [crc, symbol] of image.exportCrcs) {
        const gpl = image.exports.find((e) => e.symbol === symbol)?.gpl ?? false;
        exports.set(symbol, { module: spec.name, path: this.path(spec.name), gpl, crc });
      }
    }
    let failed = false;
    // what modpost prints: only when it runs (it passed when it last ran, or there would be no Module.symvers)
    const report = (text: string): void => {
      if (run) this.io.err(text);
    };
    for (const spec of specs) {
      if ((images.get(spec.name) as ModuleImage).license === undefined) {
        report(`ERROR: modpost: missing MODULE_LICENSE() in ${this.path(`${spec.name}.o`)}\n`);
        failed = true;
      }
    }
    for (const spec of specs) {
      const image = images.get(spec.name) as ModuleImage;
      const depends: string[] = [];
      for (const symbol of image.imports) {
        const found = exports.get(symbol);
        if (!found) {
          if (KERNEL_FUNCTIONS.has(symbol)) continue;
          report(`${warnOnly ? 'WARNING' : 'ERROR'}: modpost: "${symbol}" [${this.path(`${spec.name}.ko`)}] undefined!\n`);
          if (!warnOnly) failed = true;
          continue;
        }
        if (found.gpl && !licenseIsGplCompatible(image.license ?? '')) {
          report(`ERROR: modpost: GPL-incompatible module ${spec.name}.ko uses GPL-only symbol '${symbol}'\n`);
          failed = true;
        }
        if (found.module !== spec.name && !depends.includes(found.module)) depends.push(found.module);
      }
      const at = image.modinfo.findIndex(([k]) => k === 'depends');
      if (at >= 0) image.modinfo[at] = ['depends', depends.join(',')];
    }
    if (failed && run) {
      this.io.err(`${this.sub}: *** [${MODPOST_RULE}: ${this.path('Module.symvers')}] Error 1\n${this.me}: *** [${MODPOST_DESCEND}: modpost] Error 2\n`);
      return 2;
    }
    const crcs = new Map([...exports].flatMap(([symbol, e]): Array<[string, number]> => (e.crc === undefined ? [] : [[symbol, e.crc]])));
    for (const spec of specs) {
      const image = images.get(spec.name) as ModuleImage;
      image.modversions = builtModversions(units.get(spec.name)?.unit ?? [], crcs);
    }
    const symvers = specs.flatMap((spec) =>
      (images.get(spec.name) as ModuleImage).exports.map((e) => {
        const own = (images.get(spec.name) as ModuleImage).exportCrcs?.find(([, sym]) => sym === e.symbol)?.[0] ?? 0;
        return `0x${own.toString(16).padStart(8, '0')}\t${e.symbol}\t${this.path(spec.name)}\t${e.gpl ? 'EXPORT_SYMBOL_GPL' : 'EXPORT_SYMBOL'}\t\n`;
      }),
    );
    if (run) {
      this.write(this.path('Module.symvers'), symvers.join(''));
      this.sys.fs.write(this.path('.Module.symvers.cmd'), this.modpostCmd(), false);
    }
    for (const spec of [...specs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const image = images.get(spec.name) as ModuleImage;
      const modC = this.path(`${spec.name}.mod.c`);
      const modO = this.path(`${spec.name}.mod.o`);
      const text = modSource(image);
      const modCWritten = (run || this.mtime(modO) === undefined) && this.sys.fs.read(modC) !== text && this.write(modC, text);
      const modCTime = this.mtime(modC);
      const modOTime = this.mtime(modO);
      const newModO = modCWritten || modOTime === undefined || (modCTime !== undefined && modCTime > modOTime);
      if (newModO) {
        this.say(`  CC [M]  ${modO}\n`);
        this.write(modO, OBJECT_MAGIC);
        this.sys.fs.write(this.path(`.${spec.name}.mod.o.cmd`), '', false);
      }
      const ko = this.path(`${spec.name}.ko`);
      const koTime = this.mtime(ko);
      const newer = (p: string): boolean => (this.mtime(p) ?? Infinity) > (koTime ?? -Infinity);
      if (koTime !== undefined && !newModO && !relink.has(spec.name) && !newer(this.path(`${spec.name}.o`)) && !newer(modO)) continue;
      this.say(`  LD [M]  ${ko}\n`);
      const loaded = new Set(this.sys.kernel.state.modules.map((mod) => mod.image));
      const rc = this.sys.fs.writeModule ? this.sys.fs.writeModule(ko, images.get(spec.name) as ModuleImage, loaded) : -1;
      if (rc !== 0) this.sys.fs.write(ko, OBJECT_MAGIC, false);
      this.sys.fs.write(this.path(`.${spec.name}.ko.cmd`), '', false);
      this.say(`  BTF [M] ${ko}\n`);
      // Makefile.modfinal prints this itself (to stderr), whatever the verbosity.
      this.io.err(`Skipping BTF generation for ${ko} due to unavailability of vmlinux\n`);
    }
    return 0;
  }

  /** kbuild-clean.ts: Makefile.clean's clean-files, the rm-files, then find's names. */
  clean(): number {
    const mk = this.readMakefile(CLEAN_READ, `${CLEAN_DESCEND}: _clean_${this.extmod}`);
    if (typeof mk === 'number') return mk;
    const listed = ['clean-files', 'targets', 'extra-y', 'extra-m', 'extra-', 'always-y', 'always-m', 'always-'].flatMap((v) => words(mk.get(v)));
    const kept = new Set(words(mk.get('no-clean-files')));
    const own = [...new Set(listed.filter((f) => !kept.has(f)).map((f) => normalize(this.path(f))))].filter((p) => typeof this.sys.fs.stat(p) !== 'number');
    if (own.length > 0) {
      this.say(`  CLEAN   ${this.m}\n`);
      for (const p of own) this.removeTree(p);
    }
    const rmFiles = RM_FILES.map((f) => this.path(f)).filter((p) => typeof this.sys.fs.stat(p) !== 'number');
    if (rmFiles.length > 0) {
      this.say(`  CLEAN   ${rmFiles.join(' ')}\n`);
      for (const p of rmFiles) this.removeTree(p);
    }
    for (const p of foundForClean(this.sys, this.m)) this.sys.fs.unlink?.(p);
    return 0;
  }

  /** rm -rf PATH (a link itself, not what it points to). */
  private removeTree(path: string): void {
    const st = this.sys.fs.stat(path);
    if (typeof st === 'number') return;
    if (st.type === 'dir') {
      const names = this.sys.fs.list(path);
      if (typeof names !== 'number') for (const n of names) this.removeTree(`${path}/${n}`);
      this.sys.fs.rmdir?.(path);
    } else this.sys.fs.unlink?.(path);
  }

  modulesInstall(): number {
    const order = this.sys.fs.read(this.path('modules.order'));
    // Makefile.modinst reads the list with $(shell cat …): cat's complaint, and nothing to install
    if (typeof order !== 'string') this.io.err(`cat: ${this.path('modules.order')}: No such file or directory\n`);
    const root = this.inv.overrides.get('INSTALL_MOD_PATH') ?? '';
    const dirName = this.inv.overrides.get('INSTALL_MOD_DIR') ?? 'extra';
    const base = `${root}/lib/modules/${RELEASE}`;
    for (const ko of typeof order === 'string' ? order.split('\n').filter((l) => l !== '') : []) {
      const dest = `${base}/${dirName}/${ko.slice(ko.lastIndexOf('/') + 1)}`;
      // Makefile.modinst's pattern rule needs the .ko: without it there is no rule for the copy
      if (typeof this.sys.fs.stat(ko) === 'number') {
        this.io.err(`${this.sub}: *** No rule to make target '${dest}', needed by '__modinst'.  Stop.\n${this.me}: *** [${MODINST_DESCEND}: modules_install] Error 2\n`);
        return 2;
      }
      this.say(`  INSTALL ${dest}\n`);
      // mkdir -p $(dir $@); cp: where make runs, in the kernel tree (a relative INSTALL_MOD_PATH lands there)
      const target = normalize(dest.startsWith('/') ? dest : `${HEADERS_DIR}/${dest}`);
      let p = '';
      for (const part of target.split('/').slice(1, -1)) {
        p += '/' + part;
        this.sys.fs.mkdir?.(p);
      }
      this.sys.fs.copy?.(ko, target);
      this.say(`  SIGN    ${dest}\n`);
      this.io.err(SIGN_FAILURE);
    }
    this.say(`  DEPMOD  ${base}\n`);
    this.io.err(`Warning: modules_install: missing 'System.map' file. Skipping depmod.\n`);
    return 0;
  }
}

/** make -C HEADERS_DIR [M=dir] [targets]: kbuild for an external module. */
export function runKbuild(goals: string[], io: Io, sys: System, inv: MakeInvocation): number {
  const m = inv.overrides.get('M') ?? inv.overrides.get('KBUILD_EXTMOD');
  const me = makeName(inv.level);
  if (m === undefined || m === '') {
    // Building the kernel itself from the headers package: not something this machine can do.
    io.err(`${me}: *** No rule to make target 'vmlinux'.  Stop.\n`);
    return 2;
  }
  // a relative M is the kernel source tree's subdirectory ($(srctree)/$(src)): -common's, in Debian's split
  const dir = normalize(m.startsWith('/') ? m : `${HEADERS_COMMON_DIR}/${m}`);
  const kbuild = new Kbuild(io, sys, inv, dir, m.startsWith('/') ? dir : m);
  for (const goal of goals.length > 0 ? goals : ['modules']) {
    let status: number;
    if (goal === 'modules' || goal === 'all') status = kbuild.modules();
    else if (goal === 'clean') status = kbuild.clean();
    else if (goal === 'modules_install') status = kbuild.modulesInstall();
    else {
      io.err(`${me}: *** No rule to make target '${goal}'.  Stop.\n`);
      status = 2;
    }
    if (status !== 0) return status;
  }
  return 0;
}
