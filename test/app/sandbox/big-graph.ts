import { MAX_PICTURE_MODULES } from '../../../src/graph/dot';
import type { ModuleGraph } from '../../../src/graph/model';

/** The biggest picture /modlab graph draws: MAX_PICTURE_MODULES modules, each holding and depending on up to three others (~2 s of Graphviz and resvg). */
export function biggestGraph(): ModuleGraph {
  const modules: ModuleGraph['modules'] = [];
  const holds: ModuleGraph['holds'] = [];
  const depends: ModuleGraph['depends'] = [];
  for (let i = 0; i < MAX_PICTURE_MODULES; i++) {
    modules.push({ name: `mod_${i}`, state: 'Live', refcnt: i % 4, taint: i % 3 ? '' : 'OE', origin: i % 2 ? 'in-tree' : 'lab' });
    for (const j of new Set([Math.floor(i / 2), Math.floor(i / 3), (i * 7) % Math.max(1, i)])) {
      if (j === i) continue;
      holds.push({ holder: `mod_${i}`, held: `mod_${j}` });
      depends.push({ module: `mod_${i}`, on: `mod_${j}` });
    }
  }
  return { modules, holds, depends, notLoaded: [], tainted: 12288, taintText: 'Tainted: G           OE' };
}
