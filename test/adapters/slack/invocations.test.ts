import { strict as assert } from 'node:assert';
import { codeBlockLines, commandLines, mentionInput, threadOf, typedText, withoutMention } from '../../../adapters/slack/invocations';
import { Deliveries } from '../../../adapters/slack/dedupe';
import { slackConfigFromEnv } from '../../../adapters/slack/config';

describe('Slack invocations: what a user typed', () => {
  const rows: Array<[string, string, string]> = [
    ['lsmod | grep mod &gt; /tmp/x', 'lsmod | grep mod > /tmp/x', 'entities back to characters'],
    ['echo &amp;lt;', 'echo &lt;', 'an escaped entity stays what was typed'],
    ['cat <http://hello.ko|hello.ko>', 'cat hello.ko', 'an auto-linked file name is its text'],
    ['wget <https://x.example/a>', 'wget https://x.example/a', 'a bare link is its URL'],
    ['insmod hello.ko mystring=\u201chi there\u201d', 'insmod hello.ko mystring="hi there"', 'typographic double quotes'],
    ['echo \u2018a\u2019', "echo 'a'", 'typographic single quotes'],
  ];
  for (const [input, expected, why] of rows) {
    it(`${why}: ${JSON.stringify(input)}`, () => assert.equal(typedText(input), expected));
  }
});

describe('Slack invocations: mentions', () => {
  const rows: Array<[string, object, string]> = [
    ['<@UBOT> insmod hello.ko', { kind: 'command', command: 'sh', text: 'insmod hello.ko' }, 'a shell line'],
    ['<@UBOT> `lsmod`', { kind: 'command', command: 'sh', text: 'lsmod' }, 'inline code'],
    ['<@UBOT> /insmod hello.ko', { kind: 'command', command: 'sh', text: 'insmod hello.ko' }, 'a slash typed out of habit'],
    ['<@UBOT> ```insmod a.ko\nlsmod```', { kind: 'command', command: 'sh', text: 'insmod a.ko\nlsmod' }, 'a code block runs each line'],
    ['<@UBOT> modlab reboot module.sig_enforce=1', { kind: 'command', command: 'modlab', text: 'reboot module.sig_enforce=1' }, '/modlab in a thread'],
    ['<@UBOT>', { kind: 'command', command: 'modlab', text: 'help' }, 'a bare mention asks for help'],
    ['<@UBOT> exercise hint', { kind: 'command', command: 'exercise', text: 'hint' }, '/exercise in a thread'],
    ['<@UBOT> edit lkm/lkm.c', { kind: 'command', command: 'edit', text: 'lkm/lkm.c' }, '/edit in a thread (a chat command, not a program)'],
    ['<@UBOT> /exercise start rmmod-in-use', { kind: 'command', command: 'exercise', text: 'start rmmod-in-use' }, '/exercise with its slash'],
    ['<@UBOT> quiz', { kind: 'command', command: 'quiz', text: '' }, '/quiz in a thread'],
    ['<@UBOT> quiz rmmod 30 seed=7', { kind: 'command', command: 'quiz', text: 'rmmod 30 seed=7' }, '/quiz with its words'],
    ['<@UBOT> quizzes', { kind: 'command', command: 'sh', text: 'quizzes' }, 'only the whole word names a chat command'],
    ['<@UBOT> echo quiz', { kind: 'command', command: 'sh', text: 'echo quiz' }, 'a chat command\'s name later in a shell line'],
    ['hey <@UBOT> lsmod', { kind: 'command', command: 'sh', text: 'lsmod' }, 'what follows a mention mid-sentence'],
    ['lsmod <@UBOT>', { kind: 'command', command: 'sh', text: 'lsmod' }, 'what precedes a trailing mention'],
    ['<@UBOT> dmesg | tail -n 3 &amp;&amp; lsmod', { kind: 'command', command: 'sh', text: 'dmesg | tail -n 3 && lsmod' }, 'escaped operators'],
  ];
  for (const [text, input, why] of rows) {
    it(`${why}: ${JSON.stringify(text)}`, () => assert.deepEqual(mentionInput(text, 'UBOT'), input));
  }

  it('runs as shell lines the words the app has no chat command for', () => {
    assert.deepEqual(mentionInput('<@UBOT> quiz', 'UBOT', ['modlab']), { kind: 'command', command: 'sh', text: 'quiz' });
  });

  it('removes a leading mention even without knowing the bot id', () => {
    assert.equal(withoutMention('<@U0XYZ> lsmod', undefined), 'lsmod');
  });
});

describe('Slack invocations: code blocks and threads', () => {
  it('takes every line of every code block', () => {
    assert.deepEqual(codeBlockLines('a\n```x\ny```\nb ```z```'), ['x', 'y', 'z']);
    assert.deepEqual(codeBlockLines('no code'), []);
  });

  it('runs only the command lines of a terminal transcript', () => {
    assert.deepEqual(commandLines(['root@modlab:~# insmod hello.ko', 'root@modlab:~# lsmod', 'Module  Size  Used by', 'hello 16384 0']), ['insmod hello.ko', 'lsmod']);
    assert.deepEqual(commandLines(['$ dmesg | tail -1', '[ 1.0] x']), ['dmesg | tail -1']);
    assert.deepEqual(commandLines(['', 'insmod a.ko', '', '  lsmod  ', '']), ['insmod a.ko', '', '  lsmod']);
  });

  it('keeps a plain script\'s blank and indented lines: a here-document\'s body is source text', () => {
    const lines = ["cat > Makefile <<'EOF'", 'all:', '\tmake -C /lib/modules/$(shell uname -r)/build M=$(PWD) modules', '', 'EOF'];
    assert.deepEqual(commandLines(lines), lines);
  });

  it('puts a thread\'s parent message in the channel, and its replies in the thread', () => {
    assert.equal(threadOf({ ts: '1.1', thread_ts: '1.1' }), undefined);
    assert.equal(threadOf({ ts: '1.2', thread_ts: '1.1' }), '1.1');
    assert.equal(threadOf({ ts: '1.3' }), undefined);
    assert.equal(threadOf(undefined), undefined);
  });
});

describe('Slack deliveries (retry de-duplication)', () => {
  it('accepts a key once, then refuses it while remembered', () => {
    let now = 0;
    const d = new Deliveries(() => now, 3, 1000);
    assert.equal(d.first('a'), true);
    assert.equal(d.first('a'), false);
    now = 999;
    assert.equal(d.first('a'), false);
    now = 2000;
    assert.equal(d.first('a'), true);
  });

  it('stays bounded, forgetting the oldest keys first', () => {
    const d = new Deliveries(() => 0, 3, 1000);
    for (const k of ['a', 'b', 'c', 'd']) d.first(k);
    assert.equal(d.count, 3);
    assert.equal(d.first('d'), false);
    assert.equal(d.first('a'), true);
  });
});

describe('Slack configuration from the environment', () => {
  it('is off without SLACK_BOT_TOKEN', () => {
    assert.equal(slackConfigFromEnv({}), undefined);
    assert.equal(slackConfigFromEnv({ SLACK_BOT_TOKEN: '  ' }), undefined);
  });

  it('chooses Socket Mode with an app token', () => {
    assert.deepEqual(slackConfigFromEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_INSTRUCTORS: 'U1, U2 U3' }), {
      botToken: 'xoxb-1',
      appToken: 'xapp-1',
      port: 3000,
      instructors: ['U1', 'U2', 'U3'],
    });
  });

  it('chooses HTTP on PORT with a signing secret, and takes SLACK_API_URL', () => {
    assert.deepEqual(slackConfigFromEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', PORT: '8080', SLACK_API_URL: 'http://127.0.0.1:9/api' }), {
      botToken: 'xoxb-1',
      signingSecret: 's',
      port: 8080,
      apiUrl: 'http://127.0.0.1:9/api/',
      instructors: [],
    });
  });

  const bad: Array<[Record<string, string>, RegExp]> = [
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, /^SLACK_SIGNING_SECRET is not set/],
    [{ SLACK_BOT_TOKEN: 'xoxp-user', SLACK_APP_TOKEN: 'xapp-1' }, /^SLACK_BOT_TOKEN must be the bot token/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xoxb-2' }, /^SLACK_APP_TOKEN must be an app-level token/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', PORT: 'eighty' }, /^PORT must be a TCP port number/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', PORT: '70000' }, /^PORT must be a TCP port number/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_API_URL: 'slack.com' }, /^SLACK_API_URL must be/],
  ];
  for (const [env, message] of bad) {
    it(`refuses ${JSON.stringify(env)} with one line`, () => {
      assert.throws(() => slackConfigFromEnv(env), (e: Error) => message.test(e.message) && !e.message.includes('\n') && e.name === 'SlackConfigError');
    });
  }
});
