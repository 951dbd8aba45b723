/**
 * The node name of uname(2) and /proc/sys/kernel/hostname: the scope's name until
 * sethostname(2) sets another, which lasts until the machine boots again.
 */
import type { Kernel } from './kernel';
import { EINVAL, EPERM } from './errno';

/** __NEW_UTS_LEN: the longest node name. */
export const UTS_LEN = 64;

export function nodename(k: Kernel): string {
  return k.state.nodename ?? k.config.hostname;
}

/** sethostname(2): 0, -EPERM without CAP_SYS_ADMIN (uid 0 here), -EINVAL for more than 64 bytes. */
export function sethostname(k: Kernel, name: string, uid: number): number {
  if (uid !== 0) return -EPERM;
  if (Buffer.byteLength(name, 'utf8') > UTS_LEN) return -EINVAL;
  k.state.nodename = name;
  return 0;
}
