/**
 * finit_module(2): load_module() and do_init_module() of kernel/module/main.c (6.1), in
 * their order, because the order is what dmesg shows:
 *   may_init_module (CAP_SYS_MODULE) → module_sig_check → elf_validity_check → blacklist →
 *   check_modstruct_version → check_modinfo (vermagic, intree → O, license → P) →
 *   add_unformed_module (already loaded) → sig_ok → E → simplify_symbols (one "Unknown
 *   symbol" per missing import) → verify_exported_symbols → parse_args → do_init_module.
 * Debian 6.1 is built with CONFIG_MODULE_SIG (not forced) and CONFIG_MODULE_FORCE_LOAD=y, so
 * forcing (insmod -f: ignoring modversions and vermagic) loads with taint F (12-kmod-corners:
 * "hello: module_layout: kernel tainted.", then "Disabling lock debugging due to kernel taint").
 */
import { registerNetdevs } from './netdev';
import type { ModuleImage, ParamDef } from './image';
import type { Json } from './module-code';
import { callModule, type CallContext } from './module-exec';
import type { ModuleFile, Task } from './kernel';
import type { LoadedModule } from './state';
import type { Linux } from './linux';
import type { KernelMessage } from './params';
import { MODULE_INIT_IGNORE_MODVERSIONS, MODULE_INIT_IGNORE_VERMAGIC } from './kernel';
import { EBUSY, EEXIST, EINTR, EINVAL, EKEYREJECTED, ENOENT, ENOEXEC, EPERM } from './errno';
import { defaultParams, parseModuleArgs, printkValue } from './params';
import { licenseIsGplCompatible } from './license';
import { moduleTaintLetters, moduleTaintMask, testTaint, TAINT_FORCED_MODULE, TAINT_OOT_MODULE, TAINT_PROPRIETARY_MODULE, TAINT_UNSIGNED_MODULE } from './taint';
import { initModuleDump } from './dump-stack';
import { cmdlineParam } from './cmdline';
import { kstrtobool } from './kstrtox';

/** sizeof(Elf64_Ehdr) */
const ELF_HEADER_LEN = 64;
const ELFMAG = '\x7fELF';
const ET_REL = 1;
const EM_X86_64 = 62;
/** sizeof(Elf64_Shdr) */
const SHDR_SIZE = 64;

/** The module.sig_enforce kernel parameter (false unless given on the command line). */
export function sigEnforced(cmdline: string): boolean {
  const v = cmdlineParam(cmdline, 'module.sig_enforce');
  if (v === undefined) return false;
  const b = kstrtobool(v ?? '1');
  return b === true;
}

/** The kernel's own vermagic (include/linux/vermagic.h for this config). */
export function kernelVermagic(release: string): string {
  return `${release} SMP preempt mod_unload modversions `;
}

/** same_magic(): with modversions, the release (first word) is left out of the comparison. */
function sameMagic(a: string, b: string, hasCrcs: boolean): boolean {
  if (hasCrcs) return a.slice(a.indexOf(' ') < 0 ? a.length : a.indexOf(' ')) === b.slice(b.indexOf(' ') < 0 ? b.length : b.indexOf(' '));
  return a === b;
}

/** module_sig_check(): 0 or -EKEYREJECTED; sig_ok tells whether the signature was good. */
function sigCheck(k: Linux, signed: boolean, flags: number): { err: number; sigOk: boolean } {
  // A module whose vermagic or versions are to be stripped is no longer the one signed.
  const mangled = (flags & (MODULE_INIT_IGNORE_MODVERSIONS | MODULE_INIT_IGNORE_VERMAGIC)) !== 0;
  if (signed && !mangled) return { err: 0, sigOk: true };
  if (sigEnforced(k.state.cmdline)) {
    k.printk(5, 'Loading of unsigned module is rejected');
    return { err: -EKEYREJECTED, sigOk: false };
  }
  return { err: 0, sigOk: false };
}

/** elf_validity_check() for bytes that are no module image. */
function elfValidity(k: Linux, content: string): number {
  const bytes = Buffer.from(content, 'latin1');
  if (bytes.length < ELF_HEADER_LEN) {
    k.printk(3, `Invalid ELF header len ${bytes.length}`);
    return -ENOEXEC;
  }
  if (bytes.subarray(0, 4).toString('latin1') !== ELFMAG) {
    k.printk(3, `Invalid ELF header magic: != ${ELFMAG}`);
    return -ENOEXEC;
  }
  const type = bytes.readUInt16LE(16);
  if (type !== ET_REL) {
    k.printk(3, `Invalid ELF header type: ${type} != ${ET_REL}`);
    return -ENOEXEC;
  }
  const machine = bytes.readUInt16LE(18);
  if (machine !== EM_X86_64) {
    k.printk(3, `Invalid architecture in ELF header: ${machine}`);
    return -ENOEXEC;
  }
  if (bytes.readUInt16LE(58) !== SHDR_SIZE) {
    k.printk(3, 'Invalid ELF section header size');
    return -ENOEXEC;
  }
  // a module file cut short (head -c N a.ko > b.ko): its section table lay at the end
  const shoff = bytes.readBigUInt64LE(40);
  const shnum = bytes.readUInt16LE(60);
  if (shoff >= BigInt(bytes.length) || BigInt(shnum * SHDR_SIZE) > BigInt(bytes.length) - shoff) {
    k.printk(3, 'Invalid ELF section header overflow');
    return -ENOEXEC;
  }
  return -ENOEXEC;
}

/** module_blacklist= on the command line. */
function blacklisted(cmdline: string, name: string): boolean {
  const v = cmdlineParam(cmdline, 'module_blacklist');
  return typeof v === 'string' && v.split(',').includes(name);
}

/** Fill a module's printk text: {param}, {param[i]}, {#param} (see image.ts Printk). */
export function formatModuleText(img: ModuleImage, mod: LoadedModule, text: string): string {
  return text.replace(/\{(#?)([A-Za-z0-9_]+)(?:\[(\d+)\])?\}/g, (whole, hash: string, name: string, index: string | undefined) => {
    const def = img.params.find((p) => p.name === name);
    if (!def) return whole;
    if (hash) return String(mod.paramCounts[name] ?? 0);
    const stored = mod.params[name] ?? def.default;
    if (index !== undefined) return printkValue(def, stored.split(',')[Number(index)] ?? '0');
    return printkValue(def, stored);
  });
}

/** Signals a task dies of in the kernel (oops_end: SIGKILL after a page fault, SIGSEGV after die()). */
const SIGKILL = 9;
const SIGSEGV = 11;

export function loadModule(k: Linux, file: ModuleFile, args: string, flags: number, task: Task & { pid: number }): number {
  // may_init_module()
  if (task.uid !== 0) return -EPERM;
  if (file.kind === 'bytes') {
    // kernel_read_file(): an empty file is refused before anything is looked at
    if (file.content.length === 0) return -EINVAL;
    const sig = sigCheck(k, false, flags);
    if (sig.err) return sig.err;
    return elfValidity(k, file.content);
  }
  const img = file.image;
  const sig = sigCheck(k, img.signed, flags);
  if (sig.err) return sig.err;
  if (blacklisted(k.state.cmdline, img.name)) {
    k.printk(3, `Module ${img.name} is blacklisted`);
    return -EPERM;
  }
  let taints = 0;
  const addTaintModule = (bit: number, nowUnreliable: boolean) => {
    k.addTaint(bit, nowUnreliable);
    taints |= 1 << bit;
  };
  // try_to_force_load() (CONFIG_MODULE_FORCE_LOAD=y): says so only for the boot's first F
  const tryToForceLoad = (reason: string) => {
    if (!testTaint(k.state.tainted, TAINT_FORCED_MODULE)) k.printk(4, `${img.name}: ${reason}: kernel tainted.`);
    addTaintModule(TAINT_FORCED_MODULE, true);
  };
  // check_modstruct_version(): MODULE_INIT_IGNORE_MODVERSIONS pretends there is no __versions
  if (flags & MODULE_INIT_IGNORE_MODVERSIONS) tryToForceLoad('module_layout');
  // check_modinfo(): MODULE_INIT_IGNORE_VERMAGIC drops the vermagic
  if (flags & MODULE_INIT_IGNORE_VERMAGIC) {
    tryToForceLoad('bad vermagic');
  } else {
    const vermagic = kernelVermagic(k.config.release);
    if (!sameMagic(img.vermagic, vermagic, img.vermagic.includes('modversions'))) {
      k.printk(3, `${img.name}: version magic '${img.vermagic}' should be '${vermagic}'`);
      return -ENOEXEC;
    }
  }
  if (!img.intree) {
    if (!testTaint(k.state.tainted, TAINT_OOT_MODULE)) k.printk(4, `${img.name}: loading out-of-tree module taints kernel.`);
    addTaintModule(TAINT_OOT_MODULE, false);
  }
  // set_license()
  const license = img.license ?? 'unspecified';
  if (!licenseIsGplCompatible(license)) {
    if (!testTaint(k.state.tainted, TAINT_PROPRIETARY_MODULE)) k.printk(4, `${img.name}: module license '${license}' taints kernel.`);
    addTaintModule(TAINT_PROPRIETARY_MODULE, true);
  }

  // add_unformed_module()
  const old = k.find(img.name);
  if (old) {
    // A module still in its init would be waited for; nothing here ever stays "coming"
    // (init runs to its end), so the wait can only be interrupted.
    if (old.state === 'coming') {
      k.waitForSignal();
      return -EINTR;
    }
    // "module: Don't wait for GOING modules" (6.1 stable): -EBUSY while it unloads
    return old.state === 'live' ? -EEXIST : -EBUSY;
  }

  if (!sig.sigOk) {
    if (k.once('module_sig_failed')) k.printk(5, `${img.name}: module verification failed: signature and/or required key missing - tainting kernel`);
    addTaintModule(TAINT_UNSIGNED_MODULE, false);
  }

  /**
   * check_version() (kernel/module/version.c) of an import from a loaded module that
   * exported it with a CRC: the importer's __versions entry must carry the same CRC
   * (a module built against an older Module.symvers), and must be there at all (a module
   * built with KBUILD_MODPOST_WARN=1 and no KBUILD_EXTRA_SYMBOLS); 0 or -EINVAL. Without __versions
   * (--force-modversion) the load is forced. An image from before modversions were
   * simulated (a scope's old build) has none recorded and is not checked.
   */
  const checkVersion = (owner: LoadedModule, name: string): number => {
    const crc = k.config.images(owner.image)?.exportCrcs?.find(([, s]) => s === name)?.[0];
    if (crc === undefined) return 0;
    if (flags & MODULE_INIT_IGNORE_MODVERSIONS) {
      tryToForceLoad(name);
      return 0;
    }
    if (!img.modversions) return 0;
    const mine = img.modversions.find(([, s]) => s === name);
    if (!mine) {
      // Debian's module-disable-matching-missing-version-crc.patch: warn every time and
      // fail closed (upstream warns once and lets it go)
      k.printk(4, `${img.name}: no symbol version for ${name}`);
      return -EINVAL;
    }
    if (mine[0] === crc) return 0;
    k.printk(4, `${img.name}: disagrees about version of symbol ${name}`);
    return -EINVAL;
  };

  // simplify_symbols(): resolve every import, one warning per missing one, the last error wins
  const uses: string[] = [];
  let err = 0;
  for (const name of img.imports) {
    const gplok = (taints & (1 << TAINT_PROPRIETARY_MODULE)) === 0;
    const found = k.findSymbol(name, gplok);
    let resolved = found !== undefined || k.isVmlinuxSymbol(name);
    if (found?.owner) {
      // inherit_taint(): symbols of a proprietary module
      const ownerMask = moduleTaintMask(found.owner.taint);
      if (testTaint(ownerMask, TAINT_PROPRIETARY_MODULE)) {
        if (usesGplOnly(k, img, gplok)) {
          k.printk(3, `${img.name}: module using GPL-only symbols uses symbols ${name} from proprietary module ${found.owner.name}.`);
          resolved = false;
        } else if (!testTaint(taints, TAINT_PROPRIETARY_MODULE)) {
          k.printk(4, `${img.name}: module uses symbols ${name} from proprietary module ${found.owner.name}, inheriting taint.`);
          taints |= 1 << TAINT_PROPRIETARY_MODULE;
        }
      }
      const symbolErr = resolved ? checkVersion(found.owner, name) : 0;
      if (symbolErr) {
        k.printk(4, `${img.name}: Unknown symbol ${name} (err ${symbolErr})`);
        err = symbolErr;
        continue;
      }
      if (resolved && !uses.includes(found.owner.name)) uses.push(found.owner.name);
    }
    if (!resolved) {
      k.printk(4, `${img.name}: Unknown symbol ${name} (err ${-ENOENT})`);
      err = -ENOENT;
    }
  }
  if (err) return err;

  // complete_formation() → verify_exported_symbols()
  for (const s of img.exports) {
    const dup = k.findSymbol(s.symbol, true);
    if (dup) {
      k.printk(3, `${img.name}: exports duplicate symbol ${s.symbol} (owned by ${dup.owner?.name ?? 'kernel'})`);
      return -ENOEXEC;
    }
  }

  // parse_args() on the module's own parameters; a module_param_cb's set function is the
  // module's own code, run before the module is listed (11h: "level changed from 5 to 3")
  const messages: KernelMessage[] = [];
  const params = defaultParams(img.params);
  const memory: { data?: Json } = {};
  const mod: LoadedModule = {
    name: img.name,
    image: img.id,
    state: 'coming',
    refs: 0,
    uses,
    taint: moduleTaintLetters(taints),
    params: params.values,
    paramCounts: params.counts,
    address: k.allocateAddress(img.coresize),
    order: k.state.nextOrder++,
    loadedAt: k.clock(),
  };
  if (/(^|\s)dyndbg=\+p(\s|$)/.test(args)) mod.dyndbg = true;
  const customSet = (def: ParamDef, val: string): number => {
    const ctx: CallContext = { task, fromInit: true, params: { values: params.values, counts: params.counts, messages } };
    const outcome = callModule(k, { image: img, module: mod, memory }, def.setter ?? '', [val, def.name], ctx);
    for (const m of messages.splice(0)) k.printk(m.level, m.text);
    return outcome.kind === 'return' ? outcome.value : -EINVAL;
  };
  err = parseModuleArgs(img.name, args, img.params, params, messages, customSet);
  for (const m of messages) k.printk(m.level, m.text);
  if (err) return err;
  if (memory.data !== undefined) mod.data = memory.data;
  k.state.modules.push(mod);
  return doInitModule(k, img, mod, task);
}

/** Whether the module resolved a GPL-only symbol before (mod->using_gplonly_symbols). */
function usesGplOnly(k: Linux, img: ModuleImage, gplok: boolean): boolean {
  if (!gplok) return false;
  return img.imports.some((name) => k.findSymbol(name, true)?.symbol.gpl === true);
}

/**
 * A built module's init, run now: its return value, or what became of the task (an Oops
 * kills it with SIGKILL, BUG() with SIGSEGV, an endless loop never returns) — the module
 * then stays "coming" for good, its initial reference held (11a, 11b, 11c).
 */
function runInit(k: Linux, img: ModuleImage, mod: LoadedModule, task: Task & { pid: number }): number | undefined {
  const code = img.code;
  if (!code?.init) return 0;
  const memory = { data: mod.data };
  const ctx: CallContext = { task, fromInit: true, params: { values: mod.params, counts: mod.paramCounts } };
  const outcome = callModule(k, { image: img, module: mod, memory }, code.init, [], ctx);
  if (memory.data !== undefined) mod.data = memory.data;
  switch (outcome.kind) {
    case 'return':
      return outcome.value;
    case 'oops':
      task.killedBy = SIGKILL;
      return undefined;
    case 'bug':
      task.killedBy = SIGSEGV;
      return undefined;
    case 'lockup':
      (k.state.stuck ??= []).push({ pid: task.pid, comm: task.comm, module: mod.name, at: outcome.at, rax: ctx.rax ?? 0, since: k.uptimeUsec(), reports: 0 });
      task.stuck = true;
      return undefined;
  }
}

/** do_init_module(): run init; a negative return frees the module without its exit. */
function doInitModule(k: Linux, img: ModuleImage, mod: LoadedModule, task: Task & { pid: number }): number {
  const init = img.init;
  let ret = init ? init.returns : 0;
  for (const p of init?.printk ?? []) k.modulePrintk(mod.name, p.level, formatModuleText(img, mod, p.text));
  if (img.code) {
    const r = runInit(k, img, mod, task);
    // The task is gone or stuck: finit_module() never returns to it.
    if (r === undefined) return 0;
    ret = r;
  }
  if (ret < 0) {
    k.state.leaked = (k.state.leaked ?? 0) + (mod.allocated ?? 0);
    k.state.modules = k.state.modules.filter((m) => m !== mod);
    return ret;
  }
  if (ret > 0) {
    k.printk(4, `do_init_module: '${mod.name}'->init suspiciously returned ${ret}, it should follow 0/-E convention\ndo_init_module: loading module anyway...`);
    const dump = initModuleDump({
      cpu: task.pid & 1,
      pid: task.pid,
      comm: task.comm,
      tainted: k.state.tainted,
      release: k.config.release,
      version: k.config.version,
    });
    for (const line of dump.header) k.printk(4, line);
    const at = k.nextStamp();
    for (const line of dump.trace) k.printkAt(at, 4, line);
  }
  registerNetdevs(k, mod);
  mod.state = 'live';
  return 0;
}

