/**
 * The module graph: read from the machine (holders, modules.dep, state, taint), drawn as a
 * PNG with Graphviz-in-WebAssembly and resvg, and as an indented tree where no picture fits.
 */
import { strict as assert } from 'node:assert';
import { bootMachine, execLine, openSystem } from '../../src/machine/machine';
import { moduleGraph, modname, parseModulesDep, type ModuleGraph } from '../../src/graph/model';
import { toDot, MAX_PICTURE_MODULES } from '../../src/graph/dot';
import { toTree } from '../../src/graph/tree';
import { dotToPng, dotToSvg, MAX_PNG_WIDTH } from '../../src/graph/png';

function machineAfter(lines: string[]): ModuleGraph {
  let t = Date.UTC(2026, 0, 1);
  const options = { clock: () => (t += 50), hostname: 'modlab' };
  const state = bootMachine(options);
  for (const line of lines) execLine(state, line, options);
  return moduleGraph(openSystem(state, options));
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe('module graph', function () {
  this.timeout(30_000);

  it('names a module as kmod does from its modules.dep path', () => {
    assert.equal(modname('kernel/fs/fat/fat.ko'), 'fat');
    assert.equal(modname('kernel/drivers/net/wireguard/wireguard.ko.xz'), 'wireguard');
    assert.equal(modname('extra/mod-with-dash.ko'), 'mod_with_dash');
    assert.deepEqual([...parseModulesDep('kernel/fs/vfat.ko: kernel/fs/fat/fat.ko\nkernel/fs/fat/fat.ko:\n\nnonsense\n')], [['vfat', ['fat']], ['fat', []]]);
  });

  it('reads holders, refcnt, state, taint and origin from the machine', () => {
    const g = machineAfter(['modprobe vfat', 'modprobe msdos', 'modprobe mod_a', 'insmod mod_d_prop.ko']);
    assert.deepEqual(g.modules, [
      { name: 'mod_d_prop', state: 'Live', refcnt: 0, taint: 'POE', origin: 'lab' },
      { name: 'mod_a', state: 'Live', refcnt: 0, taint: 'OE', origin: 'lab' },
      { name: 'mod_b', state: 'Live', refcnt: 2, taint: 'OE', origin: 'lab' },
      { name: 'msdos', state: 'Live', refcnt: 0, taint: '', origin: 'in-tree' },
      { name: 'vfat', state: 'Live', refcnt: 0, taint: '', origin: 'in-tree' },
      { name: 'fat', state: 'Live', refcnt: 2, taint: '', origin: 'in-tree' },
    ]);
    assert.deepEqual(g.holds, [
      { holder: 'mod_d_prop', held: 'mod_b' },
      { holder: 'mod_a', held: 'mod_b' },
      { holder: 'msdos', held: 'fat' },
      { holder: 'vfat', held: 'fat' },
    ]);
    assert.deepEqual(g.depends, [
      { module: 'mod_d_prop', on: 'mod_b' },
      { module: 'mod_a', on: 'mod_b' },
      { module: 'msdos', on: 'fat' },
      { module: 'vfat', on: 'fat' },
    ]);
    assert.deepEqual(g.notLoaded, []);
    assert.equal(g.tainted, 12289);
    assert.equal(g.taintText, 'Tainted: P           OE');
  });

  it('draws a dependency modules.dep names but the kernel has not loaded as a dashed box', () => {
    const g: ModuleGraph = {
      modules: [{ name: 'vfat', state: 'Live', refcnt: 0, taint: '', origin: 'in-tree' }],
      holds: [],
      depends: [{ module: 'vfat', on: 'fat' }],
      notLoaded: ['fat'],
      tainted: 0,
      taintText: 'Not tainted',
    };
    const dot = toDot(g, 'lab');
    assert.ok(dot.includes('"fat" [label="fat\\nnot loaded", style="rounded,dashed"'), dot);
    assert.ok(dot.includes('"vfat" -> "fat" [label="depends", style=dashed'), dot);
    assert.match(toTree(g), /\nmodules\.dep also names, not loaded: fat\n$/);
  });

  it('prints the tree fallback: tops first, the modules they use indented, the kernel taint', () => {
    const g = machineAfter(['modprobe vfat', 'modprobe msdos', 'modprobe mod_a', 'insmod mod_d_prop.ko', 'insmod hello.ko']);
    assert.equal(
      toTree(g),
      [
        'hello  [Live, refcnt 0, (OE)]',
        'mod_a  [Live, refcnt 0, (OE)]',
        '└── uses mod_b  [Live, refcnt 2, (OE)]',
        'mod_d_prop  [Live, refcnt 0, (POE)]',
        '└── uses mod_b  [Live, refcnt 2, (OE)]',
        'msdos  [Live, refcnt 0]',
        '└── uses fat  [Live, refcnt 2]',
        'vfat  [Live, refcnt 0]',
        '└── uses fat  [Live, refcnt 2]',
        'Kernel: Tainted: P           OE.',
        '',
      ].join('\n'),
    );
    assert.equal(toTree(machineAfter([])), 'No modules loaded. Kernel: Not tainted.\n');
  });

  it('marks state, refcount and taint in each box, holds as arrows, and the class\'s own modules apart', () => {
    const g: ModuleGraph = {
      modules: [
        { name: 'mine', state: 'Loading', refcnt: 0, taint: 'OE', origin: 'own' },
        { name: 'fat', state: 'Unloading', refcnt: 1, taint: '', origin: 'in-tree' },
      ],
      holds: [{ holder: 'mine', held: 'fat' }],
      depends: [{ module: 'mine', on: 'fat' }],
      notLoaded: [],
      tainted: 12288,
      taintText: 'Tainted: G           OE',
    };
    const dot = toDot(g, 'lab');
    assert.ok(dot.includes('"mine" [label=<<b>mine</b><br/><font point-size="10" color="#b35c00">Loading</font><font point-size="10">  refcnt 0  (OE)</font>>, fillcolor="#ffe08a", color="#b07d00", penwidth=2.5, style="rounded,filled,dashed"];'), dot);
    assert.ok(dot.includes('color="#a31515">Unloading</font>'), dot);
    assert.ok(dot.includes('"mine" -> "fat" [label="holds"'), dot);
    // The dependency is the hold already: one arrow, not two.
    assert.ok(!dot.includes('label="depends"'), dot);
  });

  it('quotes what it does not trust in DOT, and caps the number of boxes', async () => {
    const hostile = 'x" -> evil [label="<b>';
    const g: ModuleGraph = {
      modules: Array.from({ length: MAX_PICTURE_MODULES + 1 }, (_, i) => ({ name: i === 0 ? hostile : `m${i}`, state: 'Live' as const, refcnt: 0, taint: '', origin: 'in-tree' as const })),
      holds: [],
      depends: [],
      notLoaded: [],
      tainted: 0,
      taintText: 'Not tainted',
    };
    const dot = toDot(g, 'a "title"');
    assert.ok(dot.includes('"x\\" -> evil [label=\\"<b>" [label=<<b>x&quot; -&gt; evil [label=&quot;&lt;b&gt;</b>'), dot);
    assert.ok(dot.includes('1 more modules not drawn'));
    assert.ok(!dot.includes(`"m${MAX_PICTURE_MODULES}"`));
    const svg = await dotToSvg(dot);
    assert.ok(svg.includes('<svg'));
  });

  it('draws a PNG that a chat can show: signature, a sensible size, not wider than the cap', async () => {
    const g = machineAfter(['modprobe vfat', 'modprobe msdos', 'modprobe mod_a']);
    const png = await dotToPng(toDot(g, 'lab'));
    assert.deepEqual([...png.subarray(0, 8)], PNG_SIGNATURE);
    const { width, height } = pngSize(png);
    assert.ok(width >= 400 && width <= MAX_PNG_WIDTH, `width ${width}`);
    assert.ok(height >= 150 && height <= 2000, `height ${height}`);
  });
});
