/**
 * The declarations in commands/ are the single source for Discord registration and the Slack
 * manifest, so their limits are checked here rather than at deploy time
 * (@discordjs/builders Assertions.ts: names 1–32 of [-_a-z0-9], descriptions 1–100;
 * Discord: at most 25 options, required options before optional ones).
 */
import { strict as assert } from 'node:assert';
import { commands } from '../../commands';
import type { OptionData } from '../../src/contracts/command';

const NAME = /^[-_a-z0-9]{1,32}$/;

function checkOptions(where: string, options: readonly OptionData[]): void {
  assert.ok(options.length <= 25, `${where}: more than 25 options`);
  let optionalSeen = false;
  for (const option of options) {
    assert.match(option.name, NAME, `${where}: option name ${option.name}`);
    assert.ok(option.description.length >= 1 && option.description.length <= 100, `${where}.${option.name}: description length ${option.description.length}`);
    if (!option.required) optionalSeen = true;
    else assert.ok(!optionalSeen, `${where}.${option.name}: a required option after an optional one`);
  }
}

describe('command declarations', () => {
  it('has unique names', () => {
    const names = commands.map((c) => c.data.name);
    assert.equal(new Set(names).size, names.length);
  });

  for (const command of commands) {
    it(`/${command.data.name} fits Discord's and Slack's limits`, () => {
      assert.match(command.data.name, NAME);
      assert.ok(command.data.description.length >= 1 && command.data.description.length <= 100);
      assert.ok(command.data.usage.length >= 1 && command.data.usage.length <= 1000, 'Slack usage_hint');
      checkOptions(command.data.name, command.data.options);
      if (command.data.subcommands) {
        assert.equal(command.data.options.length, 0, 'a command with subcommands has no options of its own');
        for (const sub of command.data.subcommands) {
          assert.match(sub.name, NAME);
          assert.ok(sub.description.length >= 1 && sub.description.length <= 100);
          checkOptions(`${command.data.name} ${sub.name}`, sub.options);
        }
      }
    });
  }

  it('declares every kmod tool, dmesg, sh and modlab', () => {
    const names = new Set(commands.map((c) => c.data.name));
    for (const name of ['insmod', 'rmmod', 'modprobe', 'lsmod', 'modinfo', 'depmod', 'dmesg', 'sh', 'modlab']) assert.ok(names.has(name), name);
  });
});
