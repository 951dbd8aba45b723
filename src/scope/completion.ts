/** Autocomplete suggestions from a scope's own machine. */
import type { Completion } from '../contracts/command';
import type { System } from '../userland/tool';

function moduleFiles(sys: System): string[] {
  const listing = sys.fs.list('/root');
  return typeof listing === 'number' ? [] : listing.filter((name) => name.endsWith('.ko'));
}

function loadedModules(sys: System): string[] {
  return sys.kernel.modules().map((m) => m.name);
}

/** Module names the index knows (modules.dep), as modprobe accepts them. */
function indexedModules(sys: System): string[] {
  const dep = sys.fs.read(`/lib/modules/${sys.kernel.config.release}/modules.dep`);
  if (typeof dep === 'number') return [];
  const names = dep
    .split('\n')
    .map((line) => line.split(':')[0] ?? '')
    .filter((path) => path.endsWith('.ko'))
    .map((path) => (path.split('/').pop() ?? '').replace(/\.ko$/, ''));
  return [...new Set(names)].sort();
}

export function completions(sys: System, source: Completion, prefix: string, limit: number): string[] {
  let all: string[];
  switch (source) {
    case 'module-files': all = moduleFiles(sys); break;
    case 'loaded-modules': all = loadedModules(sys); break;
    case 'catalog-modules': all = indexedModules(sys); break;
    default: all = [];
  }
  const wanted = prefix.toLowerCase();
  const starts = all.filter((name) => name.toLowerCase().startsWith(wanted));
  const contains = all.filter((name) => !name.toLowerCase().startsWith(wanted) && name.toLowerCase().includes(wanted));
  return [...starts, ...contains].slice(0, limit);
}
