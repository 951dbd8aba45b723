/**
 * The module graph as text, where no picture can be posted: each module that nothing holds
 * at the top, the modules it uses indented under it (what it holds), with lsmod's columns'
 * facts beside each name.
 */
import type { GraphModule, ModuleGraph } from './model';

/** Deepest nesting printed (module chains in Debian 6.1 are at most ~6 deep). */
const MAX_DEPTH = 12;

function facts(m: GraphModule): string {
  const parts = [m.state, `refcnt ${m.refcnt}`];
  if (m.taint) parts.push(`(${m.taint})`);
  if (m.origin === 'own') parts.push('built here');
  return parts.join(', ');
}

export function toTree(graph: ModuleGraph): string {
  if (graph.modules.length === 0) return `No modules loaded. Kernel: ${graph.taintText}.\n`;
  const byName = new Map(graph.modules.map((m) => [m.name, m]));
  const uses = new Map<string, string[]>();
  for (const h of graph.holds) uses.set(h.holder, [...(uses.get(h.holder) ?? []), h.held]);
  const held = new Set(graph.holds.map((h) => h.held));
  const lines: string[] = [];
  const printed = new Set<string>();
  const walk = (name: string, depth: number, path: readonly string[]): void => {
    const m = byName.get(name);
    if (!m) return;
    const prefix = depth === 0 ? '' : `${'    '.repeat(depth - 1)}└── uses `;
    lines.push(`${prefix}${name}  [${facts(m)}]`);
    printed.add(name);
    if (depth >= MAX_DEPTH) return;
    for (const next of (uses.get(name) ?? []).sort()) {
      if (!path.includes(next)) walk(next, depth + 1, [...path, next]);
    }
  };
  // Tops: modules nothing holds (a cycle cannot happen in the kernel; if the data had one, its members would be missed, so add them).
  const tops = graph.modules.map((m) => m.name).filter((n) => !held.has(n)).sort();
  for (const top of tops) walk(top, 0, [top]);
  for (const m of graph.modules) if (!printed.has(m.name)) walk(m.name, 0, [m.name]);
  const missing = graph.notLoaded.length ? `\nmodules.dep also names, not loaded: ${graph.notLoaded.join(', ')}` : '';
  return `${lines.join('\n')}\nKernel: ${graph.taintText}.${missing}\n`;
}
