/**
 * DOT → SVG → PNG with no system package and no browser: Graphviz compiled to WebAssembly
 * (@hpcc-js/wasm-graphviz) lays the graph out, resvg (@resvg/resvg-js) draws it with the
 * DejaVu fonts shipped in node_modules (dejavu-fonts-ttf), so a server without fonts
 * draws the same picture.
 */
import { Graphviz } from '@hpcc-js/wasm-graphviz';
import { Resvg } from '@resvg/resvg-js';
import { dirname, join } from 'node:path';

/** Widest picture, pixels (Discord previews up to ~4000; wider only gets unreadable). */
export const MAX_PNG_WIDTH = 2400;
/** Pixels per SVG point: 1.5 keeps 12 pt text sharp in a chat preview. */
const SCALE = 1.5;

let graphviz: Promise<Graphviz> | undefined;

function fontFiles(): string[] {
  const dir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  return ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSansMono.ttf'].map((f) => join(dir, f));
}

export async function dotToSvg(dot: string): Promise<string> {
  graphviz ??= Graphviz.load();
  return (await graphviz).dot(dot, 'svg');
}

export function svgToPng(svg: string): Uint8Array {
  const natural = new Resvg(svg, { font: { loadSystemFonts: false, fontFiles: fontFiles(), defaultFontFamily: 'DejaVu Sans' } });
  const width = Math.min(MAX_PNG_WIDTH, Math.max(1, Math.round(natural.width * SCALE)));
  const resvg = new Resvg(svg, {
    background: 'white',
    fitTo: { mode: 'width', value: width },
    font: { loadSystemFonts: false, fontFiles: fontFiles(), defaultFontFamily: 'DejaVu Sans' },
  });
  return new Uint8Array(resvg.render().asPng());
}

export async function dotToPng(dot: string): Promise<Uint8Array> {
  return svgToPng(await dotToSvg(dot));
}
