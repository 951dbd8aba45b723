/**
 * Records what this host's real tools print (Debian 12: coreutils 9.1, util-linux 2.38.1,
 * bash 5.2, findutils, diffutils, mawk) for each line of a list, after the same small files
 * are created in /tmp/t, with LC_ALL=C as the oracle's shell runs. The result is a JSON
 * table the userland tests replay on the simulator (test/userland/host-tables.test.ts).
 *
 *   npx tsc -p . && node dist/scripts/record-host-table.js test/fixtures/host/NAME.lines
 *
 * writes test/fixtures/host/NAME.json: [[line, merged stdout+stderr, exit status], ...].
 * Lines that depend on the host itself (its /etc/passwd, its processes) do not belong here.
 */
import * as fs from 'fs';
import { spawnSync } from 'child_process';

/** The files every line starts with; the tests run the same SETUP on the simulator. */
export const HOST_SETUP =
  "rm -rf /tmp/t; mkdir -p /tmp/t; cd /tmp/t; printf 'alpha\\nbeta\\ngamma\\nalpha beta\\n\\n\\ndelta\\n' > a; printf 'one\\ntwo\\n' > b; " +
  "printf '10 x\\n9 y\\n100 z\\n9 a\\n' > n; printf 'no newline' > c; " +
  "printf 'root:x:0:0:root:/root:/bin/bash\\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\\n' > p; " +
  "printf 'hello 16384 0 - Live 0xffffffffc0a00000 (OE)\\nmod_a 16384 0 - Live 0xffffffffc0a10000 (OE)\\nmod_b 16384 1 mod_a, Live 0xffffffffc0a20000 (OE)\\n' > m";

function main(): void {
  const list = process.argv[2];
  const lines = fs.readFileSync(list, 'utf8').split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
  const rows = lines.map((line) => {
    // Line-buffered as the oracle runs its commands (stdbuf -oL -eL), so stdout and stderr interleave as on a terminal.
    const r = spawnSync('bash', ['-c', `${HOST_SETUP}; cd /tmp/t; stdbuf -oL -eL bash -c "$1" 2>&1`, 'bash', line], {
      env: { LC_ALL: 'C', PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOME: '/root' },
      encoding: 'latin1',
    });
    return [line, r.stdout, r.status ?? 128];
  });
  fs.writeFileSync(list.replace(/\.lines$/, '.json'), '[\n' + rows.map((r) => JSON.stringify(r)).join(',\n') + '\n]\n');
}

if (require.main === module) main();
