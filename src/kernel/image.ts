/**
 * What the kernel reads from a .ko file: the parts of an ELF module image that
 * load_module() and do_init_module() act on. Plain JSON data, so that images can be
 * stored in a scope's state (modules students build later) as well as in the catalog.
 * src/modules builds these from ../shared/oracle (catalog + test modules).
 */

/** printk levels, as in include/linux/kern_levels.h (KERN_EMERG=0 … KERN_DEBUG=7). */
export type LogLevel = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** A kernel parameter type as module_param() names it (kernel/params.c param_ops_*). */
export type ParamType =
  | 'byte' | 'short' | 'ushort' | 'int' | 'uint' | 'long' | 'ulong' | 'ullong' | 'hexint'
  | 'charp' | 'bool' | 'invbool' | 'string';

export interface ParamDef {
  name: string;
  type: ParamType;
  /** module_param_array: maximum number of elements; absent for scalars. */
  arrayMax?: number;
  /** sysfs permission bits (0 = not in /sys/module/NAME/parameters). */
  perm: number;
  /** Default value as sysfs shows it (arrays: comma separated, e.g. "1,2,3,4"). */
  default: string;
  description?: string;
  /** Inclusive numeric bounds enforced by a module_param_cb setter, if any. */
  min?: number;
  max?: number;
  /** module_param_cb: the module's own set function (its C code runs on every set). */
  setter?: string;
  /** module_param_array with a count variable: sysfs shows only the elements given. */
  counted?: boolean;
}

export interface ExportedSymbol {
  symbol: string;
  /** EXPORT_SYMBOL_GPL */
  gpl: boolean;
}

/**
 * One printk a module's init or exit function makes. `text` may hold placeholders
 * filled from the module's parameter values at the time it runs:
 *   {myint}          the value of scalar parameter myint (as sysfs prints it, bools as 0/1
 *                    for %d in the source — see `format`)
 *   {myintarray[2]}  one element of an array parameter (its default when not given)
 *   {#myintarray}    how many elements were given on the command line (the arr_argc)
 * The text excludes the trailing newline.
 */
export interface Printk {
  level: LogLevel;
  text: string;
}

/** What a module's init function does when the kernel calls it. */
export interface InitBehaviour {
  printk: Printk[];
  /** 0, a negative errno, or a positive number (the "suspiciously returned" case). */
  returns: number;
}

export interface ExitBehaviour {
  printk: Printk[];
}

export interface ModuleImage {
  /** Stable id of this image, e.g. "oracle:hello", "catalog:vfat". */
  id: string;
  /** The module name (from .gnu.linkonce.this_module / modinfo name:). */
  name: string;
  /**
   * The module's modinfo fields in the exact order `modinfo FILE` prints them, without
   * `filename:` (which the tool adds). Signature fields included (sig_id, signer, …),
   * multi-line values (signature) as one value with embedded "\n\t\t" as modinfo prints.
   */
  modinfo: Array<[string, string]>;
  /** MODULE_LICENSE; undefined when the module has none ("unspecified" to the kernel). */
  license?: string;
  vermagic: string;
  /** intree: Y in modinfo. */
  intree: boolean;
  /** Carries a valid module signature. */
  signed: boolean;
  /** /sys/module/NAME/coresize and lsmod's Size. */
  coresize: number;
  /** /sys/module/NAME/initsize. */
  initsize: number;
  /** Size of the .ko file in bytes (ls -l). */
  fileSize: number;
  /** The .note.gnu.build-id as file(1) shows it (BuildID[sha1]=…); derived from the id when absent. */
  buildId?: string;
  srcversion?: string;
  version?: string;
  exports: ExportedSymbol[];
  /** Undefined symbols the module needs, in the order load_module resolves them. */
  imports: string[];
  params: ParamDef[];
  /** null: the module has no init function. */
  init: InitBehaviour | null;
  /** null: no exit function — the module can never be unloaded (`[permanent]`). */
  exit: ExitBehaviour | null;
  /** ELF section names under /sys/module/NAME/sections (ls -a order, without . and ..). */
  sections?: string[];
  /**
   * The __versions section modpost wrote: [CRC, symbol] of every symbol the module imports,
   * in section order (`modprobe --dump-modversions FILE`). Absent: the file has no such section.
   */
  modversions?: Array<[number, string]>;
  /**
   * The __crc_SYMBOL entries of .symtab: [CRC, exported symbol] in symtab order (`modprobe
   * --show-exports FILE`; genksyms' CRC of the symbol's declaration). Absent: none.
   */
  exportCrcs?: Array<[number, string]>;
  /**
   * The core symbols /proc/kallsyms lists while the module is live, in .symtab order, as
   * "TYPE NAME OFFSET" (elf_type()'s lowercase letter, hex offset in the symbol's section).
   * Absent: kallsyms.ts lays out the notes, exports and __this_module.
   */
  symtab?: string[];
  /** Network devices the init function registers (dummy, bonding), named PREFIX0… */
  netdevs?: NetdevSpec;
  /**
   * A module built from C on this machine: its code runs when the kernel calls it (init at
   * load, exit at unload, a parameter's setter), through KernelConfig.runCode. `init` and
   * `exit` then only say whether the functions exist (their printk lists stay empty).
   */
  code?: ModuleCode;
}

/** The C a built module was linked from: what the kernel's code runner interprets. */
export interface ModuleCode {
  /** Each object's source, as gcc named the file (BUG() and WARN() print this path). */
  units: Array<{ path: string; text: string; headers?: Array<{ path: string; text: string }>; commandLine?: Array<[string, string?]> }>;
  init: string | null;
  exit: string | null;
}

/** How many network devices a driver registers at init, and what they look like. */
export interface NetdevSpec {
  /** "dummy" → dummy0, dummy1 … */
  prefix: string;
  /** The parameter that says how many (numdummies, max_bonds). */
  countParam: string;
  /** ip link's flags for them, e.g. "BROADCAST,NOARP". */
  flags: string;
  /** A file the driver adds beside the devices in /sys/class/net (bonding_masters). */
  classFile?: string;
}
