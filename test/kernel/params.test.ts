import { strict as assert } from 'node:assert';
import { boot, insmod } from './fixtures';
import { nextArg, parameq } from '../../src/kernel/params';

describe('kernel: module parameters (parse_args)', () => {
  it('prints the values init sees, bools as 0/1 and the array count', () => {
    const { kernel } = boot();
    const [err, lines] = insmod(kernel, 'hello_param', 'myint=7 mystring=hello myintarray=10,20,30 hidden=1');
    assert.equal(err, 0);
    assert.deepEqual(lines.slice(2), [
      'hello_param: myint=7',
      'hello_param: mystring=hello',
      'hello_param: got 3 arguments for myintarray',
      'hello_param: myintarray[0]=10',
      'hello_param: myintarray[3]=4',
      'hello_param: hidden=1',
    ]);
  });

  it('ignores an unknown parameter with a warning', () => {
    const { kernel } = boot();
    const [err, lines] = insmod(kernel, 'hello', 'foo=1');
    assert.equal(err, 0);
    assert.deepEqual(lines.slice(2), ["hello: unknown parameter 'foo' ignored", 'hello: Hello, world!']);
  });

  it('takes dyndbg and async_probe silently', () => {
    const { kernel } = boot();
    assert.deepEqual(insmod(kernel, 'hello', 'dyndbg=+p async_probe')[1].slice(2), ['hello: Hello, world!']);
  });

  const bad: Array<[string, number, string[]]> = [
    ['myint=abc', -22, ["hello_param: `abc' invalid for parameter `myint'"]],
    ['myint=99999999999', -34, ["hello_param: `99999999999' invalid for parameter `myint'"]],
    ['myint=', -22, ["hello_param: `' invalid for parameter `myint'"]],
    ['myint', -22, ["hello_param: `' invalid for parameter `myint'"]],
    ['myintarray=1,2,3,4,5', -22, ['myintarray: can only take 4 arguments', "hello_param: `1' invalid for parameter `myintarray'"]],
    ['myintarray=1,x', -22, ["hello_param: `1' invalid for parameter `myintarray'"]],
    ['hidden=maybe', -22, ["hello_param: `maybe' invalid for parameter `hidden'"]],
    ['mystring', -22, ["hello_param: `' invalid for parameter `mystring'"]],
    [`mystring=${'x'.repeat(1025)}`, -28, ['mystring: string parameter too long', `hello_param: \`${'x'.repeat(1025)}' too large for parameter \`mystring'`]],
  ];
  for (const [params, err, lines] of bad) {
    it(`refuses ${params.slice(0, 30)} with ${err} and the kernel's message (04-errors-params)`, () => {
      const { kernel } = boot();
      insmod(kernel, 'hello');
      assert.deepEqual(insmod(kernel, 'hello_param', params), [err, lines]);
      assert.equal(kernel.find('hello_param'), undefined);
    });
  }

  it('accepts a bool without a value and hex integers', () => {
    const { kernel } = boot();
    insmod(kernel, 'hello');
    assert.equal(insmod(kernel, 'hello_param', 'hidden myint=0x10')[0], 0);
    assert.equal(kernel.find('hello_param')?.params.hidden, 'Y');
    assert.equal(kernel.find('hello_param')?.params.myint, '16');
  });

  it('matches parameter names with dashes for underscores (parameq)', () => {
    assert.equal(parameq('snd-index', 'snd_index'), true);
    assert.equal(parameq('myint', 'my_int'), false);
  });

  it('splits arguments as next_arg() does, quotes included', () => {
    assert.deepEqual(nextArg('mystring="two words" x=1'), { param: 'mystring', val: 'two words', rest: 'x=1' });
    assert.deepEqual(nextArg('"a=b c"'), { param: 'a', val: 'b c', rest: '' });
    assert.deepEqual(nextArg('flag'), { param: 'flag', val: null, rest: '' });
  });

  it('reports every bad parameter, returning the last error', () => {
    const { kernel } = boot();
    insmod(kernel, 'hello');
    assert.deepEqual(insmod(kernel, 'hello_param', 'myint=x myint=99999999999'), [-34, [
      "hello_param: `x' invalid for parameter `myint'",
      "hello_param: `99999999999' invalid for parameter `myint'",
    ]]);
  });
});
