/**
 * Requests as Slack sends them to an HTTP-mode app: signed with the signing secret
 * (v0=HMAC-SHA256 of "v0:<timestamp>:<body>", docs: "Verifying requests from Slack").
 */
import { createHmac } from 'node:crypto';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

export interface SlackRequestOptions {
  secret?: string;
  /** Seconds since the epoch (default now); Bolt refuses more than 5 minutes off. */
  timestamp?: number;
  retryNum?: number;
  signature?: string;
}

export interface SlackAnswer {
  status: number;
  body: string;
  ms: number;
}

export async function post(url: string, body: string, contentType: string, options: SlackRequestOptions = {}): Promise<SlackAnswer> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const hmac = createHmac('sha256', options.secret ?? SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest('hex');
  const headers: Record<string, string> = {
    'content-type': contentType,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': options.signature ?? `v0=${hmac}`,
  };
  if (options.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(options.retryNum);
    headers['x-slack-retry-reason'] = 'http_timeout';
  }
  const started = Date.now();
  const res = await fetch(url, { method: 'POST', headers, body });
  return { status: res.status, body: await res.text(), ms: Date.now() - started };
}

export function postSlashCommand(url: string, fields: Record<string, string>, options?: SlackRequestOptions): Promise<SlackAnswer> {
  return post(url, new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', options);
}

export function postEvent(url: string, envelope: Record<string, unknown>, options?: SlackRequestOptions): Promise<SlackAnswer> {
  return post(url, JSON.stringify(envelope), 'application/json', options);
}

export function postInteraction(url: string, payload: Record<string, unknown>, options?: SlackRequestOptions): Promise<SlackAnswer> {
  return post(url, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded', options);
}
