/**
 * The C part of `npm run bench` (bench/run.ts imports this file): `make` of a 60-line module,
 * `insmod` of a built module (its init run by the interpreter), and an insmod whose init
 * loops 10 million times and is stopped by the step budget (src/cc/limits.ts MAX_STEPS) —
 * each on the simulated machine, p50/p99 over its runs, and the peak V8 heap while it ran.
 * Prints its own table, synchronously, when imported.
 */
import { performance } from 'node:perf_hooks';
import { bootMachine, execLine, openSystem, type MachineOptions, type MachineState } from '../src/machine/machine';
import { MAX_STEPS } from '../src/cc/limits';

const SIXTY_LINES = `/* bench.c - a 60-line module: parameters, a struct, a list, a loop, init and exit */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/moduleparam.h>
#include <linux/slab.h>

static int count = 8;
module_param(count, int, 0644);
MODULE_PARM_DESC(count, "How many items");

static char *name = "bench";
module_param(name, charp, 0444);

struct item {
	int id;
	long square;
	struct list_head node;
};

static struct list_head items;

static long square(int x)
{
	return (long)x * x;
}

static int __init bench_init(void)
{
	int i;
	long sum = 0;
	struct item *it;

	INIT_LIST_HEAD(&items);
	for (i = 0; i < count; i++) {
		it = kzalloc(sizeof(*it), GFP_KERNEL);
		if (!it)
			return -ENOMEM;
		it->id = i;
		it->square = square(i);
		sum += it->square;
		list_add_tail(&it->node, &items);
	}
	pr_info("%s: %d items, sum of squares %ld\\n", name, count, sum);
	return 0;
}

static void __exit bench_exit(void)
{
	pr_info("%s: bye\\n", name);
}

module_init(bench_init);
module_exit(bench_exit);
MODULE_LICENSE("GPL");
MODULE_AUTHOR("Modlab");
MODULE_DESCRIPTION("A 60-line module for the bench");
`;

const LOOP = `#include <linux/module.h>
static int __init loop_init(void)
{
	unsigned long i, sum = 0;
	for (i = 0; i < 10000000; i++)
		sum += i;
	pr_info("loop: %lu\\n", sum);
	return 0;
}
module_init(loop_init);
MODULE_LICENSE("GPL");
`;

const MAKEFILE = 'obj-m += NAME.o\n\nall:\n\tmake -C /lib/modules/$(shell uname -r)/build M=$(PWD) modules\n';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function machineWith(name: string, source: string): { machine: MachineState; options: MachineOptions } {
  const options: MachineOptions = { clock: () => Date.now() };
  const machine = bootMachine(options);
  const sys = openSystem(machine, options);
  sys.fs.mkdir?.(`/root/${name}`);
  sys.fs.write(`/root/${name}/${name}.c`, source, false);
  sys.fs.write(`/root/${name}/Makefile`, MAKEFILE.replace('NAME', name), false);
  return { machine, options };
}

/** Time FN over RUNS (SETUP before each, not timed); the heap's high-water mark over all. */
function measure(runs: number, setup: () => () => void): { p50: number; p99: number; peakMB: number } {
  const samples: number[] = [];
  let peak = 0;
  for (let i = 0; i < runs; i++) {
    const fn = setup();
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), peakMB: peak / 2 ** 20 };
}

function row(label: string, m: { p50: number; p99: number; peakMB: number }): string {
  return `${label.padEnd(58)} p50 ${m.p50.toFixed(1).padStart(7)} ms   p99 ${m.p99.toFixed(1).padStart(7)} ms   peak heap ${m.peakMB.toFixed(0).padStart(4)} MB`;
}

function run(): void {
  const lines: string[] = ['', 'C modules (src/cc): on a freshly booted machine each run'];
  lines.push(
    row('make of a 60-line module (CC, MODPOST, LD, BTF)', measure(30, () => {
      const { machine, options } = machineWith('bench', SIXTY_LINES);
      return () => {
        const r = execLine(machine, 'cd bench && make', options);
        if (r.exitCode !== 0) throw new Error(r.output);
      };
    })),
  );
  lines.push(
    row('insmod of the built module (init: 8 kzallocs, a list)', measure(30, () => {
      const { machine, options } = machineWith('bench', SIXTY_LINES);
      execLine(machine, 'cd bench && make', options);
      return () => {
        const r = execLine(machine, 'insmod bench/bench.ko', options);
        if (r.exitCode !== 0) throw new Error(r.output);
      };
    })),
  );
  lines.push(
    row(`insmod, init loops 10M times: stopped at ${MAX_STEPS} steps (soft lockup)`, measure(10, () => {
      const { machine, options } = machineWith('loop', LOOP);
      execLine(machine, 'cd loop && make', options);
      return () => void execLine(machine, 'insmod loop/loop.ko', options);
    })),
  );
  process.stdout.write(lines.join('\n') + '\n');
}

run();
