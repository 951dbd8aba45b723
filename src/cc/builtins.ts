/**
 * The kernel functions and function-like macros a beginner's module calls, as the
 * interpreter runs them: printk, BUG/WARN, sleeping, kmalloc and friends, the string
 * functions, kstrto*, param_set_*, list_head helpers. Undefined for a name that is none of
 * these (the interpreter then looks for another module's export).
 */
import type { Value } from './memory';
import { big, isPtr, norm, truthy } from './memory';
import type { Interpreter } from './interp';
import { Fault } from './fault';
import { formatCounted } from './format';
import { kstrtobool, kstrtoSigned, kstrtoUnsigned } from '../kernel/kstrtox';
import { EINVAL } from '../kernel/errno';
import { MAX_ARRAY, MAX_PRINTK_CHARS } from './limits';

const KSTRTO: Record<string, { bits: number; signed: boolean; size: string }> = {
  kstrtoint: { bits: 32, signed: true, size: 'int' },
  kstrtouint: { bits: 32, signed: false, size: 'unsigned int' },
  kstrtol: { bits: 64, signed: true, size: 'long' },
  kstrtoul: { bits: 64, signed: false, size: 'unsigned long' },
  kstrtoll: { bits: 64, signed: true, size: 'long long' },
  kstrtoull: { bits: 64, signed: false, size: 'unsigned long long' },
  kstrtou8: { bits: 8, signed: false, size: 'u8' },
  kstrtos8: { bits: 8, signed: true, size: 's8' },
  kstrtou16: { bits: 16, signed: false, size: 'u16' },
  kstrtos16: { bits: 16, signed: true, size: 's16' },
};

const num = (v: Value | undefined): number => Number(big(v ?? 0));

export function callBuiltin(it: Interpreter, name: string, args: Value[]): Value | undefined {
  const m = it.machine;
  switch (name) {
    case 'printk':
      return it.printk(args, false);
    case '__pr_debug':
      return it.printk(args, true);
    case 'no_printk':
      // printk.h: `if (0) printk(…)`, only there for the format's type checks (pr_devel without DEBUG)
      return 0;
    case 'BUG':
      throw new Fault('bug', it.spot());
    case 'BUG_ON':
      if (truthy(args[0] ?? 0)) throw new Fault('bug', it.spot());
      return 0;
    case 'WARN_ON':
    case 'WARN':
    case 'WARN_ON_ONCE':
    case 'WARN_ONCE': {
      const cond = truthy(args[0] ?? 0);
      if (!cond) return 0;
      const spot = it.spot();
      if (name.endsWith('ONCE')) {
        // __warned lives in the module's data: once per call site while it is loaded
        const key = `__warned:${spot.file}:${spot.line}`;
        if (it.memory.globals[key] !== undefined) return 1;
        it.memory.globals[key] = 1;
      }
      if (name === 'WARN' || name === 'WARN_ONCE') m.printk(4, it.spent(formatCounted(it.readString(args[1] ?? '') ?? '', args.slice(2), (v) => it.readString(v), MAX_PRINTK_CHARS).text));
      m.warn(spot);
      return 1;
    }
    case 'likely':
    case 'unlikely':
      return truthy(args[0] ?? 0) ? 1 : 0;
    case 'msleep':
    case 'mdelay':
      m.sleep(num(args[0]));
      return 0;
    case 'ssleep':
      m.sleep(num(args[0]) * 1000);
      return 0;
    case 'udelay':
    case 'ndelay':
      return 0;
    case 'usleep_range':
      m.sleep(num(args[0]) / 1000);
      return 0;
    case 'kmalloc':
    case 'vmalloc':
    case 'kvmalloc':
      return it.allocate(num(args[0]), false);
    case 'kzalloc':
    case 'vzalloc':
    case 'kvzalloc':
      return it.allocate(num(args[0]), true);
    case 'kcalloc':
    case 'kmalloc_array':
      return it.allocate(num(args[0]) * num(args[1]), name === 'kcalloc');
    case 'kfree':
    case 'vfree':
    case 'kvfree':
    case 'kfree_sensitive':
      it.free(args[0] ?? 0);
      return 0;
    case 'kstrdup': {
      const s = it.readString(args[0] ?? 0);
      if (s === undefined) return 0;
      const p = it.allocate(s.length + 1, false);
      if (isPtr(p)) it.writeString(p, s);
      return p;
    }
    case 'strlen':
      return (it.readString(args[0] ?? 0) ?? '').length;
    case 'strnlen':
      return Math.min((it.readString(args[0] ?? 0) ?? '').length, num(args[1]));
    case 'strcmp':
    case 'strncmp': {
      let a = it.readString(args[0] ?? 0) ?? '';
      let b = it.readString(args[1] ?? 0) ?? '';
      if (name === 'strncmp') [a, b] = [a.slice(0, num(args[2])), b.slice(0, num(args[2]))];
      return a === b ? 0 : a < b ? -1 : 1;
    }
    case 'strcpy':
    case 'strcat': {
      const src = it.readString(args[1] ?? 0) ?? '';
      const dst = args[0] ?? 0;
      if (name === 'strcat') it.writeString(it.offset(dst, (it.readString(dst) ?? '').length), src);
      else it.writeString(dst, src);
      return dst;
    }
    case 'strncpy':
    case 'strscpy': {
      const src = it.readString(args[1] ?? 0) ?? '';
      const size = num(args[2]);
      it.writeString(args[0] ?? 0, src, size);
      if (name === 'strncpy') return args[0] ?? 0;
      return src.length >= size ? -7 /* -E2BIG */ : src.length;
    }
    case 'sprintf':
    case 'snprintf':
    case 'scnprintf': {
      const withSize = name !== 'sprintf';
      const fmtAt = withSize ? 2 : 1;
      const size = withSize ? num(args[1]) : Infinity;
      // sprintf has no size: it writes all of it, as far as an array here can hold
      const { text, length } = formatCounted(it.readString(args[fmtAt] ?? 0) ?? '', args.slice(fmtAt + 1), (v) => it.readString(v), Math.min(size, MAX_ARRAY + 1));
      it.spent(text);
      if (size > 0) it.writeString(args[0] ?? 0, text, size);
      return name === 'scnprintf' ? Math.min(length, Math.max(size - 1, 0)) : length;
    }
    case 'memset': {
      const n = Math.min(num(args[2]), MAX_ARRAY);
      it.spendBytes(n);
      for (let i = 0; i < n; i++) it.ref(it.offset(args[0] ?? 0, i)).set(num(args[1]) & 0xff);
      return args[0] ?? 0;
    }
    case 'memcpy':
    case 'memmove': {
      const n = Math.min(num(args[2]), MAX_ARRAY);
      it.spendBytes(2 * n);
      const bytes: Value[] = [];
      for (let i = 0; i < n; i++) bytes.push(it.ref(it.offset(args[1] ?? 0, i)).get());
      bytes.forEach((b, i) => it.ref(it.offset(args[0] ?? 0, i)).set(b));
      return args[0] ?? 0;
    }
    case 'abs':
      return norm(big(args[0] ?? 0) < 0n ? -big(args[0] ?? 0) : big(args[0] ?? 0));
    case 'min':
      return big(args[0] ?? 0) < big(args[1] ?? 0) ? args[0] ?? 0 : args[1] ?? 0;
    case 'max':
      return big(args[0] ?? 0) > big(args[1] ?? 0) ? args[0] ?? 0 : args[1] ?? 0;
    case 'msecs_to_jiffies':
      return Math.ceil(num(args[0]) / 4);
    case 'jiffies_to_msecs':
      return num(args[0]) * 4;
    case 'smp_processor_id':
    case 'raw_smp_processor_id':
      return 0;
    case 'num_online_cpus':
      return 2;
    case 'dump_stack':
    case 'might_sleep':
    case 'schedule':
    case 'cond_resched':
      return 0;
    case 'kstrtobool': {
      const b = kstrtobool(it.readString(args[0] ?? 0) ?? '');
      if (typeof b === 'number') return b;
      it.ref(args[1] ?? 0, { type: 'bool', pointer: false }).set(b ? 1 : 0);
      return 0;
    }
    case 'param_set_int':
    case 'param_set_uint':
    case 'param_set_long':
    case 'param_set_ulong':
    case 'param_set_bool':
    case 'param_set_charp':
    case 'param_set_short':
    case 'param_set_ushort': {
      // kp: the kernel handed the set function the parameter's name (runner.ts)
      const param = typeof args[1] === 'string' ? args[1] : '';
      return m.setParam(param, it.readString(args[0] ?? 0) ?? '');
    }
    case 'INIT_LIST_HEAD': {
      const head = it.ref(args[0] ?? 0, { type: 'struct list_head', pointer: false });
      it.childOf(head, 'next').set(args[0] ?? 0);
      it.childOf(head, 'prev').set(args[0] ?? 0);
      return 0;
    }
    case 'list_add':
    case 'list_add_tail': {
      // __list_add(new, prev, next)
      const entry = args[0] ?? 0;
      const head = args[1] ?? 0;
      const headRef = it.ref(head);
      const prev = name === 'list_add' ? head : it.childOf(headRef, 'prev').get();
      const next = name === 'list_add' ? it.childOf(headRef, 'next').get() : head;
      it.childOf(it.ref(next), 'prev').set(entry);
      it.childOf(it.ref(entry), 'next').set(next);
      it.childOf(it.ref(entry), 'prev').set(prev);
      it.childOf(it.ref(prev), 'next').set(entry);
      return 0;
    }
    case 'list_del':
    case 'list_del_init': {
      const entry = args[0] ?? 0;
      const e = it.ref(entry);
      const prev = it.childOf(e, 'prev').get();
      const next = it.childOf(e, 'next').get();
      it.childOf(it.ref(next), 'prev').set(prev);
      it.childOf(it.ref(prev), 'next').set(next);
      // LIST_POISON1/2: a use after list_del faults at these addresses
      it.childOf(e, 'next').set(name === 'list_del' ? 0xdead000000000100n : entry);
      it.childOf(e, 'prev').set(name === 'list_del' ? 0xdead000000000122n : entry);
      return 0;
    }
    case 'list_empty': {
      const next = it.childOf(it.ref(args[0] ?? 0), 'next').get();
      return it.binary('==', next, args[0] ?? 0) ;
    }
    default: {
      const k = KSTRTO[name];
      if (!k) return undefined;
      const text = it.readString(args[0] ?? 0) ?? '';
      const base = num(args[1]);
      const v = k.signed ? kstrtoSigned(text, base, k.bits) : kstrtoUnsigned(text, base, k.bits);
      if (typeof v === 'number') return v === 0 ? -EINVAL : v;
      it.ref(args[2] ?? 0, { type: k.size, pointer: false }).set(norm(v));
      return 0;
    }
  }
}
