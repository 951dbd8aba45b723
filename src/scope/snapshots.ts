/**
 * Named starting points for a class: `/modlab snapshot save NAME` keeps a copy of the
 * conversation's machine for the whole workspace, and `/modlab reboot NAME` gives any
 * conversation of the workspace that machine (as freshly started, its kernel log and all).
 * Each snapshot is a side document of its own; one more lists the workspace's names.
 */
import type { MachineState } from '../machine/machine';
import type { Scope } from '../contracts/invocation';
import type { ScopeStore } from './store';

/** Snapshots a workspace keeps (a course prepares a handful; each holds a whole machine). */
export const MAX_SNAPSHOTS = 50;
/** A name as people type it: a word of letters, digits, '-' and '_' (no '=', no '.': never a kernel parameter). */
export const SNAPSHOT_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;

export interface Snapshot {
  name: string;
  machine: MachineState;
  savedBy: string;
  savedAt: number;
  /** The conversation it was taken from, as people name it. */
  from: string;
}

export interface SnapshotEntry {
  name: string;
  savedBy: string;
  savedAt: number;
  from: string;
}

function workspaceKey(scope: Scope): string {
  return `${scope.platform}:${encodeURIComponent(scope.workspace)}`;
}

function snapshotKey(scope: Scope, name: string): string {
  return `*snapshot:${workspaceKey(scope)}:${name.toLowerCase()}`;
}

function listKey(scope: Scope): string {
  return `*snapshots:${workspaceKey(scope)}`;
}

function entries(doc: unknown): SnapshotEntry[] {
  const list = (doc as { snapshots?: unknown } | undefined)?.snapshots;
  if (!Array.isArray(list)) return [];
  return list.filter((e): e is SnapshotEntry => typeof e === 'object' && e !== null && typeof (e as SnapshotEntry).name === 'string' && typeof (e as SnapshotEntry).savedAt === 'number');
}

export function isSnapshotName(word: string): boolean {
  return SNAPSHOT_NAME.test(word);
}

export const BAD_SNAPSHOT_NAME = 'A snapshot name is 1 to 32 letters, digits, - or _, e.g. week3-start.';

/** Save SNAPSHOT for SCOPE's workspace (over one of the same name); why not, when it cannot be. */
export async function saveSnapshot(store: ScopeStore, scope: Scope, snapshot: Snapshot): Promise<string | undefined> {
  if (!isSnapshotName(snapshot.name)) return BAD_SNAPSHOT_NAME;
  const name = snapshot.name.toLowerCase();
  // The machine first: a listed name always has its machine (a crash in between leaves an
  // unlisted document, overwritten by the next save of that name).
  const before = entries(await store.readDocument(listKey(scope)));
  if (before.length >= MAX_SNAPSHOTS && !before.some((e) => e.name === name)) return `This workspace keeps at most ${MAX_SNAPSHOTS} snapshots; save over an old name instead.`;
  await store.updateDocument(snapshotKey(scope, name), () => ({ doc: { ...snapshot, name }, result: undefined }));
  await store.updateDocument(listKey(scope), (doc) => {
    const list = entries(doc).filter((e) => e.name !== name);
    list.push({ name, savedBy: snapshot.savedBy, savedAt: snapshot.savedAt, from: snapshot.from });
    return { doc: { snapshots: list.slice(-MAX_SNAPSHOTS) }, result: undefined };
  });
  return undefined;
}

export async function listSnapshots(store: ScopeStore, scope: Scope): Promise<SnapshotEntry[]> {
  return entries(await store.readDocument(listKey(scope)));
}

/** The snapshot NAME of SCOPE's workspace, undefined when there is none (or it does not read as one). */
export async function loadSnapshot(store: ScopeStore, scope: Scope, name: string): Promise<Snapshot | undefined> {
  if (!isSnapshotName(name)) return undefined;
  const doc = (await store.readDocument(snapshotKey(scope, name))) as Partial<Snapshot> | undefined;
  if (!doc || typeof doc !== 'object' || typeof doc.machine !== 'object' || doc.machine === null) return undefined;
  return doc as Snapshot;
}

/**
 * The machine a snapshot starts: the saved one as it was, resumed as a VM snapshot resumes,
 * its uptime (and so dmesg's timestamps) going on from the moment it was saved.
 */
export function resumeSnapshot(snapshot: Snapshot, now: number): MachineState {
  const machine = structuredClone(snapshot.machine);
  machine.kernel.bootedAt += Math.max(0, now - snapshot.savedAt);
  return machine;
}

export function snapshotList(list: readonly SnapshotEntry[]): string {
  if (list.length === 0) return 'No snapshots in this workspace yet. An instructor saves one with /modlab snapshot save NAME.';
  const lines = [...list]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((e) => `  ${e.name.padEnd(20)} saved by ${e.savedBy} from ${e.from}, ${new Date(e.savedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC`);
  return ['Snapshots (an instructor starts a machine from one with /modlab reboot NAME):', ...lines].join('\n');
}

/** The snapshots of one workspace, as a command uses them (bound to the invocation's scope). */
export interface SnapshotShelf {
  /** Save SNAPSHOT (over one of the same name); why not, when it cannot be. */
  save(snapshot: Snapshot): Promise<string | undefined>;
  list(): Promise<SnapshotEntry[]>;
  /** The snapshot NAME, undefined when there is none. */
  load(name: string): Promise<Snapshot | undefined>;
}

export function snapshotShelf(store: ScopeStore, scope: Scope): SnapshotShelf {
  return {
    save: (snapshot) => saveSnapshot(store, scope, snapshot),
    list: () => listSnapshots(store, scope),
    load: (name) => loadSnapshot(store, scope, name),
  };
}
