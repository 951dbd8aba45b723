/** /modlab status: the scope's machine at a glance, and who ran what lately. */
import type { ScopeState } from '../src/scope/state';
import { type StoreHealth, healthLine } from '../src/store/health';
import type { MachineOptions } from '../src/machine/machine';
import { openSystem } from '../src/machine/machine';

const RECENT = 10;

export function statusText(state: ScopeState, options: MachineOptions, store?: StoreHealth): string {
  const sys = openSystem(state.machine, options, state.history);
  const modules = sys.kernel.modules().map((m) => m.name);
  const uptime = Math.floor(sys.kernel.uptimeUsec() / 1_000_000);
  const lines = [
    `Machine: Debian 12, Linux ${sys.kernel.config.release}, up ${formatUptime(uptime)}`,
    `Kernel command line: ${state.machine.kernel.cmdline}`,
    `Loaded modules (${modules.length}): ${modules.length ? modules.join(', ') : 'none'}`,
    `Tainted: ${state.machine.kernel.tainted}`,
    `Commands run: ${state.history.length}`,
  ];
  if (store) lines.push(healthLine(store));
  const recent = state.history.slice(-RECENT);
  if (recent.length) {
    lines.push('Recent:');
    for (const entry of recent) lines.push(`  ${entry.user}: ${entry.line}${entry.status ? `  [exit ${entry.status}]` : ''}`);
  }
  return lines.join('\n');
}

function formatUptime(seconds: number): string {
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  if (d) return `${d} day${d > 1 ? 's' : ''}, ${h}:${String(m).padStart(2, '0')}`;
  if (h) return `${h}:${String(m).padStart(2, '0')}`;
  return `${m} min`;
}
