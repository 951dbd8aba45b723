import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinExerciseFiles } from '../../exercises';
import { readExerciseFolder } from '../../exercises/folder';
import { checkExercise, formatProblem, parseExerciseFile } from '../../src/teaching/exercise-file';
import { buildExerciseSet, findExercise } from '../../src/teaching/exercise-set';

const good = {
  id: 'my-lab',
  title: 'My lab',
  task: 'Load hello.',
  hints: ['insmod hello.ko'],
  goal: { all: [{ loaded: 'hello' }, { notRan: '\\bmodprobe\\b' }] },
  solution: ['insmod hello.ko'],
};

function problems(doc: unknown): string[] {
  const parsed = checkExercise('lab.json', doc);
  return parsed.ok ? [] : parsed.problems.map(formatProblem);
}

describe('exercise files', () => {
  it('loads all 19 built-in exercises without a problem, with distinct ids', () => {
    const set = buildExerciseSet({ builtin: builtinExerciseFiles });
    assert.deepEqual(set.problems, []);
    assert.equal(set.exercises.length, 19);
    assert.equal(new Set(set.exercises.map((e) => e.id)).size, 19);
    for (const e of set.exercises) {
      assert.ok(e.hints.length > 0, `${e.id} has hints`);
      assert.ok(e.solution && e.solution.length > 0, `${e.id} has a scripted solution`);
    }
  });

  it('reads a well-formed instructor file', () => {
    const parsed = parseExerciseFile('/labs/my-lab.json', JSON.stringify(good));
    assert.equal(parsed.ok, true);
    if (parsed.ok) assert.equal(parsed.exercise.source, '/labs/my-lab.json');
  });

  it('reads a snapshot to start from and setup lines as a plain list', () => {
    const parsed = checkExercise('lab.json', { ...good, snapshot: 'Week3-start', setup: ['insmod /root/hello.ko'] });
    assert.ok(parsed.ok);
    assert.equal(parsed.exercise.snapshot, 'week3-start');
    assert.deepEqual(parsed.exercise.setup, { commands: ['insmod /root/hello.ko'] });
  });

  it('names the file, the field and the problem for each mistake', () => {
    assert.deepEqual(problems({ ...good, goal: { all: [{ loaded: 'hello' }, { loded: 'x' }] } }), [
      'lab.json: goal.all[1]: has no goal kind ("loded" is not one); use one of all, any, not, loaded, notLoaded, file, tainted, notTainted, ran, notRan, output, klog',
    ]);
    assert.deepEqual(problems({ ...good, goal: { ran: '(' } }), [
      'lab.json: goal.ran: is not a valid regular expression: Invalid regular expression: /(/: Unterminated group',
    ]);
    assert.deepEqual(problems({ ...good, goal: { tainted: 'Q' } }), ['lab.json: goal.tainted: must be taint letters from PFSRMBUDAWCIOELKXT (e.g. "OE"), not "Q"']);
    assert.deepEqual(problems({ ...good, goal: { file: '/proc/modules' } }), ['lab.json: goal: a "file" goal needs one of equals, contains, matches or missing']);
    assert.deepEqual(problems({ ...good, goal: { loaded: 'a', notLoaded: 'b' } }), ['lab.json: goal: has several goal kinds (loaded, notLoaded); use one per object and combine them with "all"']);
    assert.deepEqual(problems({ ...good, goal: { ran: 'x', exit: 300 } }), ['lab.json: goal.exit: must be an exit status, 0 to 255']);
    assert.deepEqual(problems({ ...good, id: 'My Lab' }), ['lab.json: id: "My Lab" must be lowercase letters, digits and "-" (at most 40), starting with a letter or digit']);
    assert.deepEqual(problems({ ...good, hints: 'one' }), ['lab.json: hints: must be a list of texts, not a string']);
    assert.deepEqual(problems({ ...good, setup: { commands: ['lsmod', 3] } }), ['lab.json: setup.commands[1]: must be a text, not a number']);
    assert.deepEqual(problems({ ...good, extra: 1 }), ['lab.json: extra: is not a field of an exercise (fields: id, title, topic, task, hints, snapshot, setup, goal, success, solution)']);
    assert.deepEqual(problems({ ...good, snapshot: 'week 3' }), ['lab.json: snapshot: "week 3": A snapshot name is 1 to 32 letters, digits, - or _, e.g. week3-start.']);
    assert.deepEqual(problems({ ...good, snapshot: 3 }), ['lab.json: snapshot: must be a text, not a number']);
    assert.deepEqual(problems({ ...good, snapshot: 'w3', setup: { cmdline: 'module.sig_enforce=1' } }), [
      'lab.json: setup.cmdline: cannot go with "snapshot": the snapshot\'s machine was booted with its own command line',
    ]);
    assert.deepEqual(problems({ ...good, setup: ['insmod hello.ko', ' ', 7] }), ['lab.json: setup[2]: must be a text, not a number', 'lab.json: setup[1]: is empty']);
    assert.deepEqual(problems({ ...good, setup: { commands: ['insmod (', 'echo "x'] } }), [
      "lab.json: setup.commands[0]: bash cannot run it: bash: -c: line 1: syntax error near unexpected token `newline'",
      'lab.json: setup.commands[1]: bash cannot run it: bash: -c: line 1: unexpected EOF while looking for matching `"\'',
    ]);
    assert.deepEqual(problems({ ...good, setup: Array.from({ length: 51 }, () => 'true') }), ['lab.json: setup: has 51 lines; at most 50']);
    assert.deepEqual(problems({ ...good, setup: 'insmod hello.ko' }), ['lab.json: setup: must be a list of shell lines, or an object with "cmdline" and/or "commands", not a string']);
    const { task: _task, ...noTask } = good;
    assert.deepEqual(problems(noTask), ['lab.json: task: is missing (a text is required)']);
    assert.deepEqual(problems([good]), ['lab.json: (file): must hold one exercise, a JSON object, not a list']);
  });

  it('reports a file that is not JSON', () => {
    const parsed = parseExerciseFile('broken.json', '{ "id": "x", ');
    assert.equal(parsed.ok, false);
    if (!parsed.ok) {
      assert.equal(parsed.problems.length, 1);
      assert.match(formatProblem(parsed.problems[0]!), /^broken\.json: \(file\): is not valid JSON: /);
    }
  });

  it('loads the good files of a folder and reports the bad one, naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'modlab-ex-'));
    writeFileSync(join(dir, 'a-good.json'), JSON.stringify(good));
    writeFileSync(join(dir, 'b-bad.json'), JSON.stringify({ ...good, id: 'bad-one', goal: { notLoaded: 7 } }));
    writeFileSync(join(dir, 'c-clash.json'), JSON.stringify({ ...good, id: 'rmmod-in-use' }));
    writeFileSync(join(dir, 'notes.txt'), 'not an exercise');
    const folder = readExerciseFolder(dir);
    assert.equal(folder.files.length, 3);
    const set = buildExerciseSet({ builtin: builtinExerciseFiles, custom: folder.files });
    assert.ok(findExercise(set, 'my-lab'));
    assert.equal(findExercise(set, 'bad-one'), undefined);
    assert.deepEqual(set.problems.map(formatProblem), [
      `${join(dir, 'b-bad.json')}: goal.notLoaded: must be a module name such as "mod_b", not a number`,
      `${join(dir, 'c-clash.json')}: id: "rmmod-in-use" is already the id of a built-in exercise; choose another`,
    ]);
    assert.equal(set.exercises.length, 20);
  });

  it('reports a folder that cannot be read', () => {
    const folder = readExerciseFolder('/nonexistent/modlab-exercises');
    assert.equal(folder.files.length, 0);
    assert.match(folder.unreadable[0] ?? '', /^\/nonexistent\/modlab-exercises: ENOENT/);
  });
});
