/**
 * Who a Slack user is to Modlab: a display name for prompts, and whether they are an
 * instructor (listed in SLACK_INSTRUCTORS, or a workspace admin or owner per users.info).
 * users.info answers are kept briefly, so a busy class costs one lookup per person a minute.
 */
import type { WebClient } from '@slack/web-api';
import type { Clock } from '../../src/contracts/clock';
import type { Logger } from '../../src/contracts/logger';
import type { Role, User } from '../../src/contracts/invocation';

export const PEOPLE_MEMORY_MS = 60 * 1000;
export const PEOPLE_MEMORY_SIZE = 2000;

interface Person {
  name?: string;
  admin: boolean;
  at: number;
}

/** The part of users.info's answer we read. */
interface UsersInfo {
  user?: {
    name?: string;
    real_name?: string;
    is_admin?: boolean;
    is_owner?: boolean;
    is_primary_owner?: boolean;
    profile?: { display_name?: string; real_name?: string };
  };
}

export class People {
  private readonly known = new Map<string, Person>();
  private readonly instructors: ReadonlySet<string>;

  constructor(
    private readonly client: WebClient,
    instructors: readonly string[],
    private readonly logger: Logger,
    private readonly clock: Clock = Date.now,
  ) {
    this.instructors = new Set(instructors);
  }

  /** The Modlab user for a Slack user id; `hint` is a name the payload already carried. */
  async user(teamId: string, userId: string, hint?: string): Promise<User> {
    const person = await this.lookup(teamId, userId);
    const roles: Role[] = this.instructors.has(userId) || person?.admin ? ['instructor'] : ['student'];
    return { id: userId, name: person?.name || hint || userId, roles };
  }

  private async lookup(teamId: string, userId: string): Promise<Person | undefined> {
    const key = `${teamId}:${userId}`;
    const now = this.clock();
    const cached = this.known.get(key);
    if (cached && now - cached.at < PEOPLE_MEMORY_MS) return cached;
    try {
      const info = (await this.client.users.info({ user: userId })) as UsersInfo;
      const u = info.user ?? {};
      const person: Person = {
        name: u.profile?.display_name || u.profile?.real_name || u.real_name || u.name,
        admin: Boolean(u.is_admin || u.is_owner || u.is_primary_owner),
        at: now,
      };
      this.known.delete(key);
      this.known.set(key, person);
      if (this.known.size > PEOPLE_MEMORY_SIZE) this.known.delete(this.known.keys().next().value as string);
      return person;
    } catch (error) {
      // Without users.info (missing users:read scope, Slack down), people are students unless listed.
      this.logger.warn('slack users.info failed', { user: userId, team: teamId, error: errorText(error) });
      return cached;
    }
  }
}

export function errorText(error: unknown): string {
  if (error instanceof Error) {
    const data = (error as { data?: { error?: string } }).data;
    return data?.error ? `${error.message} (${data.error})` : error.message;
  }
  return String(error);
}
