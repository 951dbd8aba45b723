/**
 * The parts of libkmod's struct kmod_module that insmod, rmmod and lsmod read (kmod 30
 * libkmod-module.c): names from paths and from arguments, and the state of a loaded module
 * as sysfs shows it (/sys/module/NAME/{initstate,refcnt,coresize,holders}).
 */
import type { System } from './tool';
import { MODULE_DIR, builtinNames } from './kmod-ctx';
import { parsedOnce } from './kmod-parsed';

/** modname_normalize(): up to the first '.', '-' → '_'. */
export function modnameNormalize(name: string): string {
  const dot = name.indexOf('.');
  return (dot >= 0 ? name.slice(0, dot) : name).replace(/-/g, '_');
}

/** path_to_modname(): undefined when the basename is empty ("dir/"). */
export function pathToModname(path: string): string | undefined {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return base === '' ? undefined : modnameNormalize(base);
}

export const KMOD_MODULE_BUILTIN = 0;
export const KMOD_MODULE_LIVE = 1;
export const KMOD_MODULE_COMING = 2;
export const KMOD_MODULE_GOING = 3;

/** kmod_lookup_alias_is_builtin(): the name is in modules.builtin of the running kernel. */
export function isBuiltin(sys: System, name: string): boolean {
  const text = sys.fs.read(`${MODULE_DIR}/${sys.kernel.config.release}/modules.builtin`);
  if (typeof text !== 'string') return false;
  // The same set KmodCtx.isBuiltin keeps (kmod-parsed.ts): rmmod and insmod ask on every call.
  return parsedOnce('modules.builtin', text, builtinNames).has(name);
}

/**
 * kmod_module_get_initstate(): BUILTIN, LIVE, COMING, GOING or a negative errno; a
 * /sys/module/NAME directory without initstate (a built-in with parameters) counts as COMING.
 */
export function initstate(sys: System, name: string, maybeBuiltin: boolean): number {
  if (maybeBuiltin && isBuiltin(sys, name)) return KMOD_MODULE_BUILTIN;
  const text = sys.fs.read(`/sys/module/${name}/initstate`);
  if (typeof text === 'number') {
    const st = sys.fs.stat(`/sys/module/${name}`);
    if (typeof st !== 'number' && st.type === 'dir') return KMOD_MODULE_COMING;
    return text;
  }
  if (text === 'live\n') return KMOD_MODULE_LIVE;
  if (text === 'coming\n') return KMOD_MODULE_COMING;
  if (text === 'going\n') return KMOD_MODULE_GOING;
  return -22;
}

/** read_str_long() of a sysfs attribute: the number, or a negative errno. */
function readLong(sys: System, path: string): number {
  const text = sys.fs.read(path);
  if (typeof text === 'number') return text;
  const n = Number.parseInt(text, 10);
  return Number.isNaN(n) ? -22 : n;
}

/** kmod_module_get_refcnt() */
export function refcnt(sys: System, name: string): number {
  return readLong(sys, `/sys/module/${name}/refcnt`);
}

/** kmod_module_get_size(): coresize, -ENOENT when the module has no /sys/module entry. */
export function coresize(sys: System, name: string): number {
  const st = sys.fs.stat(`/sys/module/${name}`);
  if (typeof st === 'number') return st;
  return readLong(sys, `/sys/module/${name}/coresize`);
}

/** kmod_module_get_holders(): the holders directory in readdir order, or an errno. */
export function holders(sys: System, name: string): string[] | number {
  const list = sys.fs.list(`/sys/module/${name}/holders`);
  if (typeof list === 'number') return list;
  return list.filter((n) => n !== '.' && n !== '..');
}
