/**
 * Converts the oracle's plain-text catalog (../shared/oracle/catalog, see its README.md) into
 * the committed data files under src/modules/data/, so that the runtime never reads ../shared.
 *
 *   npx tsc -p . && node dist/scripts/build-catalog.js [ORACLE_DIR]
 *
 * Writes:
 *   catalog.json  the 157 in-tree modules: path, modinfo (as `modinfo` prints it), coresize,
 *                 params (type/perm/default from modinfo + /sys/module/M/parameters in
 *                 loaded.txt), exports (modules.symbols), imports (one symbol of each module
 *                 in modinfo `depends:`), the printk lines their init made in loaded.txt;
 *                 `order` = modules.dep.txt order (= the package's modules.order for this set)
 *   builtin.json  modules.builtin lines and modules.builtin.modinfo records
 *   boot.json     the boot log (boot-dmesg.txt) with printk levels (see bootLevel below)
 */
import * as fs from 'fs';
import * as path from 'path';

const oracle = process.argv[2] ?? path.resolve(__dirname, '../../../shared/oracle');
const catalogDir = path.join(oracle, 'catalog');
const outDir = path.resolve(__dirname, '../../src/modules/data');

function read(name: string): string[] {
  return fs.readFileSync(path.join(catalogDir, name), 'utf8').split('\n');
}

// ---- modinfo.txt: `$ modinfo NAME` blocks -------------------------------------------------

interface Info { name: string; file: string; fields: Array<[string, string]> }

function parseModinfo(): Info[] {
  const out: Info[] = [];
  let cur: Info | undefined;
  for (const line of read('modinfo.txt')) {
    if (line.startsWith('$ modinfo ')) {
      cur = { name: line.slice('$ modinfo '.length), file: '', fields: [] };
      out.push(cur);
      continue;
    }
    if (!cur || line.startsWith('[exit') || line === '' || line.startsWith('#')) continue;
    if (line.startsWith('\t\t')) {
      // continuation of a multi-line value (signature)
      const last = cur.fields[cur.fields.length - 1];
      last[1] += '\n' + line;
      continue;
    }
    const m = /^([^:]+):(\s*)(.*)$/.exec(line);
    if (!m) throw new Error(`bad modinfo line: ${line}`);
    const [, key, , value] = m;
    if (key === 'filename') cur.file = value;
    else cur.fields.push([key, value]);
  }
  return out;
}

// ---- loaded.txt: lsmod sizes, sysfs parameters, init messages ------------------------------

interface Block { cmd: string; out: string[]; dmesg: string[] }

function parseTranscript(lines: string[]): Block[] {
  const blocks: Block[] = [];
  let cur: Block | undefined;
  for (const line of lines) {
    if (line.startsWith('$ ')) {
      cur = { cmd: line.slice(2), out: [], dmesg: [] };
      blocks.push(cur);
    } else if (!cur) continue;
    else if (line.startsWith('[dmesg] ')) cur.dmesg.push(line.replace(/^\[dmesg\] \[\s*\d+\.\d+\] /, ''));
    else if (!line.startsWith('[exit ')) cur.out.push(line);
  }
  return blocks;
}

const permBits: Record<string, number> = {
  '-rw-r--r--': 0o644, '-r--r--r--': 0o444, '-rw-------': 0o600, '-r--------': 0o400, '--w-------': 0o200,
};

/**
 * Who printed each line a `modprobe` in loaded.txt caused. A modprobe loads its dependencies
 * too, so a line belongs to the module whose init printed it (raid6_pq, xor … for btrfs).
 * "input: ImExPS/2 …" appeared during `modprobe cryptd` but comes from psmouse's asynchronous
 * probe of the i8042 mouse; it is given to psmouse.
 */
const printedBy: Array<[RegExp, string]> = [
  [/^raid6: /, 'raid6_pq'], [/^xor: /, 'xor'], [/^Btrfs loaded/, 'btrfs'], [/^SGI XFS/, 'xfs'],
  [/^device-mapper: /, 'dm_mod'], [/^SCSI subsystem initialized/, 'scsi_mod'],
  [/^ACPI: bus type USB registered/, 'usbcore'],
  [/^usbcore: registered new (interface|device) driver (usbfs|hub|usb)$/, 'usbcore'],
  [/^usbcore: registered new interface driver usb-storage/, 'usb_storage'],
  [/^usbcore: registered new interface driver uas/, 'uas'],
  [/^usbcore: registered new interface driver usbhid/, 'usbhid'],
  [/^hid: raw HID events driver/, 'hid'], [/^input: PC Speaker/, 'pcspkr'],
  [/^input: ImExPS\/2/, 'psmouse'], [/^(AVX2 version|AES CTR mode)/, 'aesni_intel'],
  [/^kvm: no hardware support/, 'kvm_intel'], [/^(kvm: Nested Virtualization|SVM: )/, 'kvm_amd'],
  [/^piix4_smbus /, 'i2c_piix4'], [/^libata version/, 'libata'],
  [/^(ata_piix |scsi host\d: ata_piix|ata\d: PATA)/, 'ata_piix'],
  [/^input: Power Button|^ACPI: button: /, 'button'],
];

/**
 * printk levels of those lines. The transcript does not show levels; these are the levels
 * the 6.1 sources print them at. Everything else is pr_info/dev_info (6).
 */
const initLevel: Array<[RegExp, number]> = [
  [/^kvm: no hardware support/, 3],                          // pr_err_ratelimited, arch/x86/kvm/x86.c
  [/^device-mapper: core: CONFIG_IMA_DISABLE_HTABLE/, 4],    // DMWARN, drivers/md/dm.c
  [/^SCSI subsystem initialized/, 5],                        // printk(KERN_NOTICE), scsi.c
  [/^libata version/, 7],                                    // printk(KERN_DEBUG), libata-core.c
  [/^ata_piix \S+: version/, 7],                             // ata_print_version: dev_printk(KERN_DEBUG)
];

function levelOf(table: Array<[RegExp, number]>, text: string, dflt: number): number {
  for (const [re, level] of table) if (re.test(text)) return level;
  return dflt;
}

// ---- boot-dmesg.txt -----------------------------------------------------------------------

/**
 * dmesg without -x shows no levels. Lines that `dmesg --level=err,warn` printed in the
 * 09-dmesg transcript are warnings (4); the banner and command line are pr_notice (5,
 * init/main.c); the lines `dmesg -l debug -x` printed in 24-dmesg-options are KERN_DEBUG
 * (e820__range_update/remove, pcpu_dump_alloc_info, pci_cache_line_size, pnp's resource
 * dump, run_init_process's pr_debug of /init's arguments and environment); the rest is
 * taken as info (6).
 */
const bootLevel: Array<[RegExp, number]> = [
  [/^tsc: Unable to calibrate against PIT/, 4],
  [/^mtrr: your CPUs had inconsistent/, 4],
  [/fail to add MMCONFIG information/, 4],
  [/^Unstable clock detected/, 4],
  [/^Linux version /, 5],
  [/^Kernel command line: /, 5],
  [/^e820: (update|remove|reserve RAM buffer) \[mem /, 7],
  [/^pcpu-alloc: /, 7],
  [/^PCI: pci_cache_line_size set to /, 7],
  [/^pnp \S+: \[dma \d+\]$/, 7],
  [/^  with (arguments|environment):$/, 7],
  [/^    (\/init|HOME=\/|TERM=linux)$/, 7],
];

function parseBoot(): Array<[number, number, string]> {
  const out: Array<[number, number, string]> = [];
  for (const line of read('boot-dmesg.txt')) {
    const m = /^\[\s*(\d+)\.(\d{6})\] (.*)$/.exec(line);
    if (m) {
      const usec = Number(m[1]) * 1e6 + Number(m[2]);
      out.push([usec, levelOf(bootLevel, m[3], 6), m[3]]);
    } else if (line.startsWith('               ') && out.length > 0) {
      // continuation line of a multi-line record (dmesg indents it under the timestamp)
      out[out.length - 1][2] += '\n' + line.slice(15);
    }
  }
  return out;
}

// ---- parameters ---------------------------------------------------------------------------

const knownTypes = new Set(['byte', 'short', 'ushort', 'int', 'uint', 'long', 'ulong', 'ullong', 'hexint', 'charp', 'bool', 'invbool', 'string']);
/** Types some drivers name themselves (custom kernel_param_ops) mapped to the closest stock one. */
const customTypes: Record<string, string> = { bint: 'int', xint: 'uint', proto_abbrev: 'charp' };

interface Param { name: string; type: string; arrayMax?: number; perm: number; default: string; description?: string }

function parseParm(value: string): { name: string; description?: string; type?: string } {
  const colon = value.indexOf(':');
  const name = value.slice(0, colon);
  const rest = value.slice(colon + 1);
  const m = /^(.*) \(([^()]*)\)$/.exec(rest);
  if (m) return { name, description: m[1], type: m[2] };
  if (/^[a-z_ ]+$/.test(rest) && (knownTypes.has(rest) || rest.startsWith('array of ') || rest in customTypes)) return { name, type: rest };
  return { name, description: rest };
}

function defaultFor(type: string): string {
  if (type === 'bool' || type === 'invbool') return 'N';
  if (type === 'charp') return '(null)';
  if (type === 'string') return '';
  return '0';
}

// ---- dependency ranks ----------------------------------------------------------------------

/**
 * depmod numbers modules by a topological sort over the WHOLE tree (4023 modules) and sorts
 * each modules.dep line by that number; over our 157 modules alone the sort would come out
 * differently. So recover an order that agrees with every recorded line: a module comes
 * before its dependencies (the sort emits users first) and each line's dependencies are in
 * increasing order. Any linear extension of those constraints reproduces every line.
 */
function rankFromDepLines(lines: string[]): string[] {
  const after = new Map<string, Set<string>>();
  const indegree = new Map<string, number>();
  const nodes: string[] = [];
  const node = (n: string) => {
    if (!after.has(n)) {
      after.set(n, new Set());
      indegree.set(n, 0);
      nodes.push(n);
    }
  };
  const edge = (a: string, b: string) => {
    node(a);
    node(b);
    const set = after.get(a) as Set<string>;
    if (set.has(b)) return;
    set.add(b);
    indegree.set(b, (indegree.get(b) as number) + 1);
  };
  for (const line of lines) {
    const [mod, rest] = line.split(':');
    node(mod);
    const deps = rest.split(' ').filter((d) => d !== '');
    if (deps.length > 0) edge(mod, deps[0]);
    for (let i = 1; i < deps.length; i++) edge(deps[i - 1], deps[i]);
  }
  const out: string[] = [];
  const ready = nodes.filter((n) => indegree.get(n) === 0);
  while (ready.length > 0) {
    ready.sort((a, b) => nodes.indexOf(a) - nodes.indexOf(b));
    const n = ready.shift() as string;
    out.push(n);
    for (const m of after.get(n) as Set<string>) {
      indegree.set(m, (indegree.get(m) as number) - 1);
      if (indegree.get(m) === 0) ready.push(m);
    }
  }
  if (out.length !== nodes.length) throw new Error('modules.dep lines contradict each other');
  return out;
}

// ---- main ---------------------------------------------------------------------------------

function main(): void {
  const infos = parseModinfo();
  const closure = new Map<string, string>();
  for (const line of read('closure.txt')) {
    if (line.startsWith('#') || line === '') continue;
    const [name, p] = line.split('\t');
    closure.set(name, p);
  }
  const depLines = read('modules.dep.txt').filter((l) => l !== '');
  const order = depLines.map((l) => l.slice(0, l.indexOf(':')));
  const depRank = rankFromDepLines(depLines);

  const symbolsOf = new Map<string, string[]>();
  for (const line of read('modules.symbols.txt')) {
    const m = /^alias symbol:(\S+) (\S+)$/.exec(line);
    if (!m) continue;
    const list = symbolsOf.get(m[2]) ?? [];
    list.push(m[1]);
    symbolsOf.set(m[2], list);
  }

  const loaded = parseTranscript(read('loaded.txt'));
  const coresize = new Map<string, number>();
  const sysPerm = new Map<string, Map<string, number>>();
  const sysValue = new Map<string, Map<string, string>>();
  const inits = new Map<string, Array<[number, string]>>();
  const initFails = new Map<string, number>();
  let sawLsmod = false;
  for (const b of loaded) {
    if (b.cmd === 'lsmod') {
      if (b.out.length > 1) sawLsmod = true;
      for (const l of b.out.slice(1)) {
        const m = /^(\S+)\s+(\d+)\s/.exec(l);
        if (m && sawLsmod) coresize.set(m[1], Number(m[2]));
      }
    }
    let m = /^ls -l \/sys\/module\/([^/]+)\/parameters\/$/.exec(b.cmd);
    if (m) {
      const perms = new Map<string, number>();
      for (const l of b.out) {
        const f = l.split(/\s+/);
        if (f.length >= 9 && f[0] in permBits) perms.set(f[8], permBits[f[0]]);
      }
      sysPerm.set(m[1], perms);
    }
    m = /^grep -r \. \/sys\/module\/([^/]+)\/parameters\/$/.exec(b.cmd);
    if (m) {
      const values = new Map<string, string>();
      for (const l of b.out) {
        const v = /^\/sys\/module\/[^/]+\/parameters\/([^:]+):(.*)$/.exec(l);
        if (v) values.set(v[1], v[2]);
      }
      sysValue.set(m[1], values);
    }
    m = /^modprobe (\S+)$/.exec(b.cmd);
    if (m) {
      for (const text of b.dmesg) {
        let owner: string | undefined;
        for (const [re, mod] of printedBy) if (re.test(text)) { owner = mod; break; }
        if (!owner) {
          const prefix = /^([\w-]+): /.exec(text);
          if (prefix && closure.has(prefix[1].replace(/-/g, '_'))) owner = prefix[1].replace(/-/g, '_');
        }
        if (!owner) throw new Error(`who printed "${text}" (modprobe ${m[1]})?`);
        const list = inits.get(owner) ?? [];
        list.push([levelOf(initLevel, text, 6), text]);
        inits.set(owner, list);
      }
      if (b.out.some((l) => l.includes("could not insert 'kvm_intel': Operation not supported"))) initFails.set('kvm_intel', -95);
    }
  }

  const modules = [];
  for (const info of infos) {
    const name = info.name;
    const rel = info.file.replace('/lib/modules/6.1.0-56-amd64/', '');
    if (closure.get(name) !== rel) throw new Error(`${name}: ${rel} is not ${closure.get(name)}`);
    const get = (k: string) => info.fields.find(([key]) => key === k)?.[1];
    const depends = (get('depends') ?? '').split(',').filter((d) => d !== '');
    const imports = depends.map((d) => {
      const syms = symbolsOf.get(d.replace(/-/g, '_'));
      if (!syms) throw new Error(`${name} depends on ${d}, which exports nothing`);
      return syms[0];
    });
    const params: Param[] = [];
    const perms = sysPerm.get(name);
    const values = sysValue.get(name);
    // modinfo prints parm lines in reverse order of their .modinfo records; declare them in source order
    for (const [key, value] of [...info.fields].reverse()) {
      if (key !== 'parm') continue;
      const p = parseParm(value);
      let type = p.type ?? '';
      let arrayMax: number | undefined;
      if (type.startsWith('array of ')) type = type.slice('array of '.length);
      type = customTypes[type] ?? type;
      const value0 = values?.get(p.name);
      if (!knownTypes.has(type)) type = value0 !== undefined && !/^-?\d+$/.test(value0) ? 'charp' : 'int';
      if (p.type?.startsWith('array of ')) arrayMax = Math.max(8, (value0 ?? '').split(',').length);
      const param: Param = { name: p.name, type, perm: perms?.get(p.name) ?? 0, default: value0 ?? defaultFor(type) };
      if (arrayMax !== undefined) param.arrayMax = arrayMax;
      if (p.description !== undefined) param.description = p.description;
      params.push(param);
    }
    if (!coresize.has(name) && name !== 'kvm_intel') throw new Error(`no lsmod size for ${name}`);
    modules.push({
      name,
      path: rel,
      modinfo: info.fields,
      // kvm_intel never loaded in the oracle (no VMX under TCG): size of the Debian 6.1 build, from memory of such hosts
      coresize: coresize.get(name) ?? 380928,
      params,
      exports: symbolsOf.get(name) ?? [],
      imports,
      init: { printk: inits.get(name) ?? [], returns: initFails.get(name) ?? 0 },
    });
  }
  if (modules.length !== closure.size) throw new Error(`${modules.length} modules, closure has ${closure.size}`);

  const builtin = {
    list: read('modules.builtin.txt').filter((l) => l !== ''),
    modinfo: read('modules.builtin.modinfo.txt').filter((l) => l !== ''),
  };

  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'catalog.json'), JSON.stringify({ order, depRank, modules }) + '\n');
  fs.writeFileSync(path.join(outDir, 'builtin.json'), JSON.stringify(builtin) + '\n');
  fs.writeFileSync(path.join(outDir, 'boot.json'), JSON.stringify(parseBoot()) + '\n');
  process.stdout.write(`wrote ${modules.length} modules, ${builtin.list.length} builtins, boot log to ${outDir}\n`);
}

main();
