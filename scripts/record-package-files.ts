/**
 * Records the size and build id of each catalog module's .ko in linux-image-6.1.0-56-amd64
 * (6.1.192-2), for ls -l, stat and file(1) (22-lab-time-procs: `file …/vfat.ko` shows the
 * package's BuildID). Run on an extracted package:
 *
 *   apt-get download linux-image-6.1.0-56-amd64 && dpkg-deb -x linux-image-*.deb /tmp/img
 *   npx tsc -p . && node dist/scripts/record-package-files.js /tmp/img
 *
 * writes src/modules/data/package-files.json: { "kernel/fs/fat/vfat.ko": [size, "buildid"], … }.
 */
import * as fs from 'fs';
import * as path from 'path';
import { spawnSync } from 'child_process';
import data from '../src/modules/data/catalog.json';

function main(): void {
  const root = process.argv[2];
  if (!root) throw new Error('usage: record-package-files.js EXTRACTED_PACKAGE_DIR');
  const moddir = path.join(root, 'lib/modules/6.1.0-56-amd64');
  const out: Record<string, [number, string]> = {};
  for (const m of (data as { modules: Array<{ path: string }> }).modules) {
    const file = path.join(moddir, m.path);
    const described = spawnSync('file', ['-b', file], { encoding: 'utf8' }).stdout;
    const id = /BuildID\[sha1\]=([0-9a-f]{40})/.exec(described)?.[1];
    if (!id) throw new Error(`${m.path}: no build id in "${described.trim()}"`);
    out[m.path] = [fs.statSync(file).size, id];
  }
  const target = path.resolve(__dirname, '../../src/modules/data/package-files.json');
  fs.writeFileSync(target, JSON.stringify(out, null, 0).replace(/\],/g, '],\n') + '\n');
}

if (require.main === module) main();
