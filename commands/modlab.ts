/**
 * Modlab itself: status of this channel's machine, a picture of its module graph, the
 * command reference, and (for instructors) a reboot into a fresh machine, optionally with
 * kernel command-line parameters such as module.sig_enforce=1 or from a saved snapshot,
 * snapshots, and a sign-in link to the class dashboard.
 */
import type { Command, CommandContext } from './context';
import type { Reply } from '../src/contracts/reply';
import { noticeReply, textReply } from '../src/contracts/reply';
import { isModlabError } from '../src/contracts/errors';
import type { StepResult } from '../src/scope/step';
import { RELEASE } from '../src/modules';
import { helpText } from './help';
import { statusText } from './modlab-status';
import { graph } from './graph';
import { resumeSnapshot, snapshotList } from '../src/scope/snapshots';
import { conversationName } from '../src/scope/conversations';
import { LINK_TTL_MS, signGrant } from '../src/teaching/dashboard-link';

/**
 * A freshly booted machine for the conversation, recorded in its history, or the workspace's
 * snapshot when CMDLINE is one word naming a saved one (a kernel parameter has an '=');
 * every login ends. It is a machine step under the message's budget (src/scope/step.ts).
 * A damaged document is replaced: a reboot is how an instructor recovers one (the step boots
 * over a document it cannot read; one the store itself cannot read is reset first).
 */
async function reboot(ctx: CommandContext, cmdline: string): Promise<Reply> {
  const user = ctx.invocation.user;
  const snapshot = /^\S+$/.test(cmdline) && !cmdline.includes('=') ? await ctx.snapshots.load(cmdline) : undefined;
  const job = { kind: 'reboot', cmdline, user, ...(snapshot ? { machine: resumeSnapshot(snapshot, ctx.clock()) } : {}) } as const;
  let result: StepResult;
  try {
    result = await ctx.step(job);
  } catch (error) {
    if (!isModlabError(error, 'state-damaged')) throw error;
    await ctx.scope.reset();
    result = await ctx.step(job);
  }
  if (result.stopped) return { blocks: result.blocks, visibility: 'channel' };
  if (snapshot) {
    return noticeReply('success', `${user.name} started this machine from the snapshot ${snapshot.name} (saved by ${snapshot.savedBy} from ${snapshot.from}).`, 'channel');
  }
  const extra = cmdline ? ` with ${cmdline}` : '';
  return noticeReply('success', `${user.name} rebooted this machine${extra}: a fresh Linux ${RELEASE} with nothing loaded.`, 'channel');
}

/** A one-time sign-in link to the workspace's dashboard, shown to the invoking instructor alone. */
function dashboardLink(ctx: CommandContext): Reply {
  const web = ctx.dashboard;
  if (!web) return noticeReply('info', 'The dashboard is not configured here: set MODLAB_HTTP_PORT and MODLAB_SECRET (see README, "The dashboard").');
  const { scope, user } = ctx.invocation;
  const token = signGrant(web.secret, { kind: 'link', platform: scope.platform, workspace: scope.workspace, by: user.name, exp: ctx.clock() + LINK_TTL_MS });
  return textReply(`Your dashboard sign-in link (works once, for ${LINK_TTL_MS / 60000} minutes; do not share it):\n${web.url.replace(/\/$/, '')}/dashboard/login?token=${token}`, 'user');
}

/** Save this conversation's machine as the workspace's snapshot NAME, or list the snapshots. */
async function snapshot(ctx: CommandContext, action: 'save' | 'list', name: string | undefined): Promise<Reply> {
  if (action === 'list') return textReply(snapshotList(await ctx.snapshots.list()), 'user');
  if (!name) return noticeReply('error', 'Which name? /modlab snapshot save NAME');
  const { scope, user } = ctx.invocation;
  const state = await ctx.scope.read();
  const why = await ctx.snapshots.save({ name, machine: state.machine, savedBy: user.name, savedAt: ctx.clock(), from: conversationName(scope) });
  if (why) return noticeReply('error', why);
  return noticeReply('success', `${user.name} saved this machine as the snapshot ${name.toLowerCase()}: /modlab reboot ${name.toLowerCase()} starts any conversation of this workspace from it.`, 'channel');
}

export const modlab: Command = {
  data: {
    name: 'modlab',
    description: 'Modlab: machine status, module graph picture, help, reboot',
    usage: 'modlab status | graph | help [COMMAND] | reboot [KERNEL-PARAMS | SNAPSHOT] | snapshot save NAME | snapshot list | dashboard',
    access: 'everyone',
    options: [],
    subcommands: [
      { name: 'status', description: 'What is loaded on this channel\'s machine and who ran what', options: [], access: 'everyone' },
      { name: 'graph', description: 'A picture of the loaded modules: who holds whom, taint, state', options: [], access: 'everyone' },
      {
        name: 'help',
        description: 'The command reference',
        options: [{ name: 'command', description: 'One command to explain', type: 'string' }],
        access: 'everyone',
      },
      {
        name: 'reboot',
        description: 'Give this channel a freshly booted machine (instructors)',
        options: [{ name: 'cmdline', description: 'Extra kernel command line (module.sig_enforce=1), or a snapshot name', type: 'string' }],
        access: 'instructor',
      },
      { name: 'dashboard', description: 'A private sign-in link to the class dashboard (instructors)', options: [], access: 'instructor' },
      {
        name: 'snapshot',
        description: 'Save this machine as a named starting point for the workspace, or list them',
        options: [
          { name: 'action', description: 'save or list', type: 'string', choices: [{ name: 'save', value: 'save' }, { name: 'list', value: 'list' }] },
          { name: 'name', description: 'The snapshot\'s name, e.g. week3-start', type: 'string' },
        ],
        access: 'instructor',
      },
    ],
  },
  async run(invocation, ctx) {
    const text = invocation.input.kind === 'command' ? invocation.input.text.trim() : '';
    const [sub = 'help', ...rest] = text.split(/\s+/).filter((w) => w !== '');
    switch (sub) {
      case 'status':
        const [state, store] = await Promise.all([ctx.scope.read(), ctx.scope.health()]);
        return textReply(statusText(state, ctx.machine, store), 'user');
      case 'graph':
        return graph(ctx);
      case 'help':
        return textReply(helpText(ctx.commands, rest[0]), 'user');
      case 'reboot':
        return reboot(ctx, rest.join(' '));
      case 'dashboard':
        return dashboardLink(ctx);
      case 'snapshot': {
        const [action = 'list', name] = rest;
        if (action !== 'save' && action !== 'list') return noticeReply('error', 'modlab snapshot: save NAME or list.');
        return snapshot(ctx, action, name);
      }
      default:
        return noticeReply('error', `modlab: unknown subcommand '${sub}'. Try: /modlab status, /modlab graph, /modlab help, /modlab reboot, /modlab snapshot`);
    }
  },
};
