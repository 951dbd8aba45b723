/**
 * Modules built into vmlinux (the package's modules.builtin and modules.builtin.modinfo,
 * data/builtin.json). `modinfo unix` prints a builtin's modules.builtin.modinfo records;
 * modprobe says "Module unix is builtin."; /sys/module/NAME exists for those with
 * parameters or a version (KernelConfig.builtins).
 */
import type { BuiltinModule } from '../kernel/kernel';
import type { ParamDef, ParamType } from '../kernel/image';
import data from './data/builtin.json';

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

/**
 * /sys/module entries of builtins: every name of modules.builtin.modinfo with a parmtype or a
 * version (kernel/params.c param_sysfs_builtin / version_sysfs_builtin). The file gives no
 * permissions or values: parameters are taken as 0644 with the type's zero value.
 */
export function builtinSysfsModules(): BuiltinModule[] {
  const byName = new Map<string, BuiltinModule>();
  const get = (name: string) => {
    let m = byName.get(name);
    if (!m) {
      m = { name, params: [] };
      byName.set(name, m);
    }
    return m;
  };
  const descriptions = new Map<string, string>();
  for (const rec of builtinModinfoRecords) {
    const m = /^([^.]+)\.(parm|parmtype|version)=(.*)$/.exec(rec);
    if (!m) continue;
    const [, name, key, value] = m;
    if (key === 'version') {
      get(name).version = value;
    } else {
      const colon = value.indexOf(':');
      const param = value.slice(0, colon);
      const rest = value.slice(colon + 1);
      if (key === 'parm') {
        descriptions.set(`${name}.${param}`, rest);
        continue;
      }
      const array = rest.startsWith('array of ');
      const raw = array ? rest.slice('array of '.length) : rest;
      const type = (stockTypes.has(raw) ? raw : 'int') as ParamType;
      const def: ParamDef = { name: param, type, perm: 0o644, default: type === 'bool' || type === 'invbool' ? 'N' : type === 'charp' ? '(null)' : type === 'string' ? '' : '0' };
      if (array) def.arrayMax = 8;
      get(name).params.push(def);
    }
  }
  for (const m of byName.values()) {
    for (const p of m.params) {
      const d = descriptions.get(`${m.name}.${p.name}`);
      if (d !== undefined) p.description = d;
    }
  }
  return [...byName.values()];
}
