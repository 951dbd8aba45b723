/**
 * Modules built into vmlinux (the package's modules.builtin and modules.builtin.modinfo,
 * data/builtin.json). `modinfo unix` prints a builtin's modules.builtin.modinfo records;
 * modprobe says "Module unix is builtin."; /sys/module/NAME as the real boot shows it
 * (KernelConfig.builtins, builtinSysfsModules below).
 */
import type { BuiltinModule } from '../kernel/kernel';
import type { ParamDef, ParamType } from '../kernel/image';
import data from './data/builtin.json';
import sysfsData from './data/sysfs-builtin.json';

const builtin = data as { list: string[]; modinfo: string[] };

/** modules.builtin: kernel/…/NAME.ko paths. */
export const builtinList: readonly string[] = builtin.list;

/** modules.builtin.modinfo records "name.key=value", in file order. */
export const builtinModinfoRecords: readonly string[] = builtin.modinfo;

/** kmod's modname from a path: basename without .ko, '-' → '_'. */
export function modnameOfPath(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1).replace(/\.ko(\.xz|\.zst|\.gz)?$/, '');
  return base.replace(/-/g, '_');
}

/** The modinfo of a builtin module as kmod_builtin_get_modinfo() returns it: key/value pairs in file order. */
export function builtinModinfo(name: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const prefix = name + '.';
  for (const rec of builtinModinfoRecords) {
    if (!rec.startsWith(prefix)) continue;
    const eq = rec.indexOf('=', prefix.length);
    if (eq < 0) continue;
    out.push([rec.slice(prefix.length, eq), rec.slice(eq + 1)]);
  }
  return out;
}

const stockTypes = new Set(['byte', 'short', 'ushort', 'int', 'uint', 'long', 'ulong', 'ullong', 'hexint', 'charp', 'bool', 'invbool', 'string']);

interface SysfsBuiltin { name: string; params: Array<{ name: string; perm: number; value?: string }>; version?: string }

/**
 * /sys/module entries of the built-ins as a fresh boot of the real kernel shows them
 * (data/sysfs-builtin.json, from the oracle's sysfs-builtins transcript by
 * scripts/build-sysfs-builtins.ts): 64 names, which are KBUILD_MODNAME or a
 * MODULE_PARAM_PREFIX ("kernel", "rcutree", "pcie_aspm"), with each parameter's real
 * permission and value. The type comes from modules.builtin.modinfo's parmtype where that
 * file names the same parameter, else from the value (Y/N bool, a number int, text charp).
 */
export function builtinSysfsModules(): BuiltinModule[] {
  const types = new Map<string, { type: ParamType; description?: string }>();
  for (const rec of builtinModinfoRecords) {
    const m = /^([^.]+)\.(parm|parmtype)=([^:]*):(.*)$/.exec(rec);
    if (!m) continue;
    const [, name, key, param, rest] = m;
    const t = types.get(`${name}.${param}`) ?? { type: 'charp' as ParamType };
    if (key === 'parm') t.description = rest;
    else if (stockTypes.has(rest)) t.type = rest as ParamType;
    types.set(`${name}.${param}`, t);
  }
  return (sysfsData as SysfsBuiltin[]).map((b) => {
    const params = b.params.map((p) => {
      const value = p.value ?? '';
      const known = types.get(`${b.name}.${p.name}`);
      const type: ParamType = known && stockTypes.has(known.type) && known.type !== 'charp' ? known.type
        : value === 'Y' || value === 'N' ? 'bool' : /^-?\d+$/.test(value) ? 'int' : 'charp';
      const def: ParamDef = { name: p.name, type, perm: p.perm, default: value };
      if (known?.description !== undefined) def.description = known.description;
      return def;
    });
    const m: BuiltinModule = { name: b.name, params };
    if (b.version !== undefined) m.version = b.version;
    return m;
  });
}
