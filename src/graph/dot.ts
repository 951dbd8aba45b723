/**
 * The module graph in Graphviz's DOT language: one box per loaded module (name, state,
 * refcount, taint letters), solid "holds" arrows from a holder to the module it holds
 * (lsmod's Used by), dashed "depends" arrows from modules.dep. Colours tell in-tree
 * modules, the lab's test modules and the class's own apart.
 */
import type { GraphModule, ModuleGraph, Origin } from './model';

/** Most modules a picture shows (a busy machine has ~100 loaded; beyond that it is unreadable). */
export const MAX_PICTURE_MODULES = 120;

const FILL: Record<Origin, string> = { 'in-tree': '#eef2f7', lab: '#dcecff', own: '#ffe08a' };
const BORDER: Record<Origin, string> = { 'in-tree': '#7a8699', lab: '#2f6fb3', own: '#b07d00' };
const STATE_COLOUR: Record<GraphModule['state'], string> = { Live: '#1f7a36', Loading: '#b35c00', Unloading: '#a31515' };

/** A DOT string literal. Module names are [A-Za-z0-9_], but nothing is trusted. */
function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** An HTML-like label's text. */
function html(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function label(m: GraphModule): string {
  const taint = m.taint ? `  (${html(m.taint)})` : '';
  return `<<b>${html(m.name)}</b><br/><font point-size="10" color="${STATE_COLOUR[m.state]}">${m.state}</font><font point-size="10">  refcnt ${m.refcnt}${taint}</font>>`;
}

/** The picture's title lines: where, how tainted, how to read it. */
function heading(graph: ModuleGraph, title: string, shown: number): string {
  const taint = graph.tainted === 0 ? 'kernel not tainted' : `kernel ${graph.taintText.replace(/ +/g, ' ')} (/proc/sys/kernel/tainted = ${graph.tainted})`;
  const more = graph.modules.length > shown ? `; ${graph.modules.length - shown} more modules not drawn` : '';
  return `${title}: ${graph.modules.length} modules loaded, ${taint}${more}\nan arrow points from a module to one it uses (lsmod's Used by); grey: Debian's, blue: the lab's, gold: built here`;
}

export function toDot(graph: ModuleGraph, title: string): string {
  const shown = graph.modules.slice(0, MAX_PICTURE_MODULES);
  const names = new Set(shown.map((m) => m.name));
  const lines = [
    'digraph modules {',
    `  graph [rankdir=BT, fontname="DejaVu Sans", fontsize=12, labelloc=t, label=${quote(heading(graph, title, shown.length))}, pad=0.3, nodesep=0.35, ranksep=0.5, bgcolor="white"];`,
    '  node [shape=box, style="rounded,filled", fontname="DejaVu Sans", fontsize=12, margin="0.15,0.06"];',
    '  edge [fontname="DejaVu Sans", fontsize=9];',
  ];
  if (shown.length === 0) lines.push('  empty [shape=plaintext, style="", label="no modules loaded"];');
  for (const m of shown) {
    const width = m.origin === 'own' ? 2.5 : 1.2;
    const dashed = m.state === 'Live' ? '' : ',dashed';
    lines.push(`  ${quote(m.name)} [label=${label(m)}, fillcolor="${FILL[m.origin]}", color="${BORDER[m.origin]}", penwidth=${width}, style="rounded,filled${dashed}"];`);
  }
  for (const name of graph.notLoaded) {
    lines.push(`  ${quote(name)} [label=${quote(`${name}\nnot loaded`)}, style="rounded,dashed", color="#9aa3ad", fontcolor="#6b7480"];`);
  }
  const holds = new Set(graph.holds.map((h) => `${h.holder}\0${h.held}`));
  for (const h of graph.holds) {
    if (!names.has(h.holder) || !names.has(h.held)) continue;
    lines.push(`  ${quote(h.holder)} -> ${quote(h.held)} [label="holds", color="#333333", penwidth=1.4];`);
  }
  for (const d of graph.depends) {
    // A dependency that is loaded is held by the module already: one arrow says both.
    if (holds.has(`${d.module}\0${d.on}`) || !names.has(d.module)) continue;
    lines.push(`  ${quote(d.module)} -> ${quote(d.on)} [label="depends", style=dashed, color="#8a8f98", fontcolor="#6b7480"];`);
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}
