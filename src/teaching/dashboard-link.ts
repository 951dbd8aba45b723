/**
 * Sign-in to the instructors' dashboard without passwords: `/modlab dashboard` answers an
 * instructor privately with a link carrying a token: the workspace it opens, when it
 * expires, a random nonce (the link works once), HMAC-SHA256 with MODLAB_SECRET. The web
 * server checks it and turns it into a session cookie signed the same way.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Platform } from '../contracts/invocation';

/** How long a sign-in link works. */
export const LINK_TTL_MS = 10 * 60 * 1000;
/** How long a dashboard session lasts (a teaching day). */
export const SESSION_TTL_MS = 8 * 3600 * 1000;
/** A secret shorter than this is refused: a guessable key signs anything. */
export const MIN_SECRET_LENGTH = 16;

export interface DashboardGrant {
  /** 'link' for a sign-in link, 'session' for the cookie it becomes. */
  kind: 'link' | 'session';
  platform: Platform;
  workspace: string;
  /** Who asked for it (display name), for the page header. */
  by: string;
  /** ms since the epoch */
  exp: number;
  nonce: string;
}

function mac(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

export function signGrant(secret: string, grant: Omit<DashboardGrant, 'nonce'> & { nonce?: string }): string {
  const payload = Buffer.from(JSON.stringify({ ...grant, nonce: grant.nonce ?? randomBytes(12).toString('base64url') })).toString('base64url');
  return `${payload}.${mac(secret, payload)}`;
}

/** The grant TOKEN carries when it is signed with SECRET, of KIND and not expired at NOW; else why not. */
export function verifyGrant(secret: string, token: string, kind: DashboardGrant['kind'], now: number): DashboardGrant | 'forged' | 'expired' {
  const [payload = '', signature = '', extra] = token.split('.');
  if (extra !== undefined || payload === '' || signature === '') return 'forged';
  const want = Buffer.from(mac(secret, payload));
  const got = Buffer.from(signature);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return 'forged';
  let grant: Partial<DashboardGrant>;
  try {
    grant = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<DashboardGrant>;
  } catch {
    return 'forged';
  }
  if (grant.kind !== kind || typeof grant.workspace !== 'string' || typeof grant.platform !== 'string' || typeof grant.exp !== 'number' || typeof grant.nonce !== 'string') return 'forged';
  if (grant.exp <= now) return 'expired';
  return { kind, platform: grant.platform as Platform, workspace: grant.workspace, by: String(grant.by ?? ''), exp: grant.exp, nonce: grant.nonce };
}
