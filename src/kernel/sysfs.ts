/**
 * /sys/module (kernel/module/sysfs.c, kernel/params.c of 6.1). A loaded module's directory
 * holds coresize, holders/, initsize, initstate, notes/, parameters/ (only when a parameter
 * has a non-zero perm), refcnt, sections/, srcversion and version (only when the module
 * has them: modpost adds srcversion with MODULE_VERSION), taint and uevent (write-only).
 * Attributes show size 4096, directories 0; the mtime is the module's load time.
 * Built-in modules appear only with parameters or a version (param_sysfs_builtin,
 * version_sysfs_builtin): parameters/, uevent and version. Entries come in kernfs order.
 */
import type { FileTree } from './filetree';
import type { ParamDef } from './image';
import type { Linux } from './linux';
import type { LoadedModule } from './state';
import type { VNode } from './vtree';
import type { KernelMessage } from './params';
import { vtree } from './vtree';
import { kernfsOrder } from './kernfs';
import { paramGet, paramSet, defaultParams } from './params';
import { cmdlineParam } from './cmdline';
import { modAddress } from './procfs';
import { sigEnforced } from './module-load';
import { EINVAL, EPERM } from './errno';
import { callModule, type CallContext } from './module-exec';
import { classFiles, netdevs } from './netdev';

const ATTR_SIZE = 4096;

/** The "module" entry of the core kernel (kernel/module/signing.c: module.sig_enforce, 0444). */
const CORE_MODULE_PARAMS: ParamDef[] = [{ name: 'sig_enforce', type: 'bool', perm: 0o444, default: 'N' }];

/** Default sections of an image that does not list its own (in-tree modules). */
const DEFAULT_SECTIONS = ['.bss', '.data', '.exit.text', '.gnu.linkonce.this_module', '.init.text', '.note.Linux', '.note.gnu.build-id',
  '.orc_unwind', '.orc_unwind_ip', '.rodata', '.rodata.str1.1', '.strtab', '.symtab', '.text', '__mcount_loc'];

interface BuiltinEntry {
  name: string;
  params: ParamDef[];
  version?: string;
}

export function createSysfs(k: Linux): FileTree {
  const dir = (list: () => string[], mtime: number): VNode => ({ kind: 'dir', mode: 0o755, mtime, list: () => kernfsOrder(list()) });
  const attr = (mtime: number, read: () => string, mode = 0o444): VNode => ({ kind: 'file', mode, size: ATTR_SIZE, mtime, read });

  const builtins = (): BuiltinEntry[] => {
    const out: BuiltinEntry[] = k.config.builtins.filter((b) => b.params.some((p) => p.perm !== 0) || b.version !== undefined);
    if (!out.some((b) => b.name === 'module')) out.push({ name: 'module', params: CORE_MODULE_PARAMS });
    return out;
  };

  /** A built-in's parameter value: written through sysfs, else from the command line, else its default. */
  const builtinValue = (b: BuiltinEntry, p: ParamDef): string => {
    const written = k.state.sysctl[`param:${b.name}.${p.name}`];
    if (written !== undefined) return written;
    if (b.name === 'module' && p.name === 'sig_enforce') return sigEnforced(k.state.cmdline) ? 'Y' : 'N';
    const given = cmdlineParam(k.state.cmdline, `${b.name}.${p.name}`);
    if (given !== undefined) {
      const v = paramSet(p, given, p.default, []);
      if (typeof v !== 'number') return v.value;
    }
    return defaultParams([p]).values[p.name];
  };

  const paramNode = (def: ParamDef, mtime: number, get: () => string, set: (data: string) => number): VNode => ({
    kind: 'file',
    mode: def.perm & 0o777,
    size: ATTR_SIZE,
    mtime,
    read: get,
    write: set,
  });

  /** param_attr_store(): the written bytes, newline included, go to ops->set. */
  const storeModuleParam = (mod: LoadedModule, def: ParamDef, data: string): number => {
    const messages: KernelMessage[] = [];
    const img = k.image(mod);
    if (def.setter !== undefined && img?.code) {
      // module_param_cb: the module's own set function decides (11h level_set)
      const memory = { data: mod.data };
      const ctx: CallContext = { task: { pid: k.state.nextPid++, comm: 'bash' }, fromInit: false, params: { values: mod.params, counts: mod.paramCounts, messages } };
      const outcome = callModule(k, { image: img, module: mod, memory }, def.setter, [data, def.name], ctx);
      if (memory.data !== undefined) mod.data = memory.data;
      for (const m of messages) k.printk(m.level, m.text);
      return outcome.kind === 'return' ? outcome.value : -EINVAL;
    }
    const keep = (stored: { value: string; count?: number }): void => {
      mod.params[def.name] = stored.value;
      if (stored.count !== undefined) mod.paramCounts[def.name] = stored.count;
    };
    const v = paramSet(def, data, mod.params[def.name] ?? def.default, messages, keep);
    for (const m of messages) k.printk(m.level, m.text);
    if (typeof v === 'number') return v;
    mod.params[def.name] = v.value;
    if (v.count !== undefined) mod.paramCounts[def.name] = v.count;
    return 0;
  };

  const loadedNode = (mod: LoadedModule, rest: string[]): VNode | undefined => {
    const img = k.image(mod);
    const mtime = mod.loadedAt ?? k.state.bootedAt;
    // Computed when asked: a path walk looks this directory up for every file under it.
    const visible = (): ParamDef[] => (img?.params ?? []).filter((p) => p.perm !== 0);
    const sections = img?.sections ?? DEFAULT_SECTIONS;
    const notes = (): string[] => sections.filter((s) => s.startsWith('.note'));
    if (rest.length === 0) {
      return dir(() => {
        const names = ['coresize', 'holders', 'initsize', 'initstate', 'notes', 'refcnt', 'sections', 'taint', 'uevent'];
        if (visible().length > 0) names.push('parameters');
        if (img?.srcversion !== undefined) names.push('srcversion');
        if (img?.version !== undefined) names.push('version');
        return names;
      }, mtime);
    }
    const [entry, sub, ...more] = rest;
    if (more.length > 0) return undefined;
    if (sub === undefined) {
      switch (entry) {
        case 'coresize': return attr(mtime, () => `${img?.coresize ?? 0}\n`);
        case 'initsize': return attr(mtime, () => `${mod.state === 'coming' ? img?.initsize ?? 0 : 0}\n`);
        case 'initstate': return attr(mtime, () => `${mod.state}\n`);
        case 'refcnt': return attr(mtime, () => `${k.refcnt(mod.name)}\n`);
        case 'taint': return attr(mtime, () => `${mod.taint}\n`);
        case 'uevent': return { kind: 'file', mode: 0o200, size: ATTR_SIZE, mtime, write: () => 0 };
        case 'srcversion': return img?.srcversion === undefined ? undefined : attr(mtime, () => `${img.srcversion}\n`);
        case 'version': return img?.version === undefined ? undefined : attr(mtime, () => `${img.version}\n`);
        case 'holders': return dir(() => k.holders(mod.name), mtime);
        case 'notes': return dir(notes, mtime);
        case 'sections': return dir(() => sections, mtime);
        case 'parameters': return visible().length > 0 ? dir(() => visible().map((p) => p.name), mtime) : undefined;
        default: return undefined;
      }
    }
    switch (entry) {
      case 'holders':
        return k.holders(mod.name).includes(sub) ? { kind: 'symlink', mtime, target: `../../${sub}` } : undefined;
      case 'notes':
        // binary ELF notes: the build id note is 36 bytes, Linux's own 24
        return notes().includes(sub) ? { kind: 'file', mode: 0o444, size: sub === '.note.gnu.build-id' ? 36 : 24, mtime, read: () => '' } : undefined;
      case 'sections':
        return sections.includes(sub) ? { kind: 'file', mode: 0o400, size: 19, mtime, read: () => `0x${modAddress(mod.address)}\n` } : undefined;
      case 'parameters': {
        const def = visible().find((p) => p.name === sub);
        if (!def) return undefined;
        return paramNode(def, mtime, () => paramGet(def, mod.params[def.name] ?? def.default, counted(img?.init?.printk.map((p) => p.text) ?? [], def) ? mod.paramCounts[def.name] ?? 0 : undefined), (data) => storeModuleParam(mod, def, data));
      }
      default:
        return undefined;
    }
  };

  const builtinNode = (b: BuiltinEntry, rest: string[]): VNode | undefined => {
    const mtime = k.state.bootedAt;
    const visible = b.params.filter((p) => p.perm !== 0);
    if (rest.length === 0) {
      return dir(() => [...(visible.length > 0 ? ['parameters'] : []), 'uevent', ...(b.version !== undefined ? ['version'] : [])], mtime);
    }
    const [entry, sub, ...more] = rest;
    if (more.length > 0) return undefined;
    if (entry === 'uevent' && sub === undefined) return { kind: 'file', mode: 0o200, size: ATTR_SIZE, mtime, write: () => 0 };
    if (entry === 'version' && sub === undefined && b.version !== undefined) return attr(mtime, () => `${b.version}\n`);
    if (entry !== 'parameters' || visible.length === 0) return undefined;
    if (sub === undefined) return dir(() => visible.map((p) => p.name), mtime);
    const def = visible.find((p) => p.name === sub);
    if (!def) return undefined;
    return paramNode(def, mtime, () => paramGet(def, builtinValue(b, def), undefined), (data) => {
      if (b.name === 'module') return -EPERM;
      const messages: KernelMessage[] = [];
      const v = paramSet(def, data, builtinValue(b, def), messages);
      for (const m of messages) k.printk(m.level, m.text);
      if (typeof v === 'number') return v;
      k.state.sysctl[`param:${b.name}.${def.name}`] = v.value;
      return 0;
    });
  };

  /** /sys/class/net: one directory per registered device (real sysfs links them into devices/). */
  const classNode = (rest: string[], viaDevices = false): VNode | undefined => {
    const mtime = k.state.bootedAt;
    if (rest.length === 0) return dir(() => ['net'], mtime);
    if (rest[0] !== 'net') return undefined;
    if (rest.length === 1) return dir(() => [...classFiles(k), ...netdevs(k).map((d) => d.name)].sort(), mtime);
    const [, name, file, ...more] = rest;
    if (more.length > 0) return undefined;
    if (name !== undefined && classFiles(k).includes(name)) {
      if (file !== undefined) return undefined;
      const bonds = netdevs(k).filter((d) => d.name.startsWith('bond')).map((d) => d.name);
      return { kind: 'file', mode: 0o644, size: ATTR_SIZE, mtime, read: () => `${bonds.join(' ')}\n`, write: () => -EPERM };
    }
    const dev = netdevs(k).find((d) => d.name === name);
    if (!dev) return undefined;
    // class entries are links to the device (13-sysfs-corners: "lo -> ../../devices/virtual/net/lo")
    if (file === undefined && !viaDevices) return { kind: 'symlink', mtime, target: `../../devices/virtual/net/${dev.name}`, size: 0 };
    const files: Record<string, () => string> = {
      address: () => `${dev.address}\n`,
      ifindex: () => `${dev.ifindex}\n`,
      mtu: () => `${dev.name === 'lo' ? 65536 : 1500}\n`,
      operstate: () => (dev.name === 'lo' ? 'unknown\n' : 'down\n'),
      type: () => (dev.name === 'lo' ? '772\n' : '1\n'),
    };
    if (file === undefined) return dir(() => Object.keys(files), mtime);
    const read = files[file];
    return read ? attr(mtime, read) : undefined;
  };

  return vtree((path) => {
    const parts = path.split('/').filter((p) => p !== '');
    if (parts[0] !== 'sys') return undefined;
    if (parts.length === 1) return dir(() => ['class', 'devices', 'module'], k.state.bootedAt);
    if (parts[1] === 'class') return classNode(parts.slice(2));
    // /sys/devices/virtual/net/NAME: the virtual net devices the class links point to
    if (parts[1] === 'devices') {
      const chain = ['devices', 'virtual', 'net'];
      const depth = Math.min(parts.length - 1, 3);
      if (parts.slice(1, 1 + depth).some((p, i) => p !== chain[i])) return undefined;
      if (parts.length - 1 < 3) return dir(() => [chain[parts.length - 1]], k.state.bootedAt);
      if (parts.length === 4) return dir(() => netdevs(k).map((d) => d.name).sort(), k.state.bootedAt);
      return classNode(['net', ...parts.slice(4)], true);
    }
    if (parts[1] !== 'module') return undefined;
    if (parts.length === 2) {
      return dir(() => [...new Set([...k.state.modules.map((m) => m.name), ...builtins().map((b) => b.name)])], k.state.bootedAt);
    }
    const name = parts[2];
    const mod = k.find(name);
    if (mod) return loadedNode(mod, parts.slice(3));
    const b = builtins().find((x) => x.name === name);
    return b ? builtinNode(b, parts.slice(3)) : undefined;
  });
}

/**
 * Whether module_param_array() was given a count variable: then sysfs shows only the
 * elements set at load time (hello_param's myintarray reads empty by default). Taken
 * from the image (ParamDef has no field for it): the module prints the count ({#name}).
 */
export function counted(texts: readonly string[], def: ParamDef): boolean {
  if (def.counted !== undefined) return def.counted;
  return texts.some((t) => t.includes(`{#${def.name}}`));
}
