/**
 * The level and facility tables of util-linux 2.38.1 sys-utils/dmesg.c (level_names[],
 * facility_names[]): they drive parsing of -l/-f/-n, the -x prefix and usage().
 */

export interface DmesgName {
  name: string;
  help: string;
}

/** Indexed by syslog priority (LOG_EMERG = 0 … LOG_DEBUG = 7). */
export const levelNames: readonly DmesgName[] = [
  { name: 'emerg', help: 'system is unusable' },
  { name: 'alert', help: 'action must be taken immediately' },
  { name: 'crit', help: 'critical conditions' },
  { name: 'err', help: 'error conditions' },
  { name: 'warn', help: 'warning conditions' },
  { name: 'notice', help: 'normal but significant condition' },
  { name: 'info', help: 'informational' },
  { name: 'debug', help: 'debug-level messages' },
];

/** Indexed by FAC_BASE(facility) (LOG_KERN = 0, LOG_USER = 1, …); 2.38.1 names twelve (up to ftp). */
export const facilityNames: readonly DmesgName[] = [
  { name: 'kern', help: 'kernel messages' },
  { name: 'user', help: 'random user-level messages' },
  { name: 'mail', help: 'mail system' },
  { name: 'daemon', help: 'system daemons' },
  { name: 'auth', help: 'security/authorization messages' },
  { name: 'syslog', help: 'messages generated internally by syslogd' },
  { name: 'lpr', help: 'line printer subsystem' },
  { name: 'news', help: 'network news subsystem' },
  { name: 'uucp', help: 'UUCP subsystem' },
  { name: 'cron', help: 'clock daemon' },
  { name: 'authpriv', help: 'security/authorization messages (private)' },
  { name: 'ftp', help: 'FTP daemon' },
];

/** 2.38.1's usage() lists only the first eight facilities (its table stops at "news"). */
export const USAGE_FACILITIES = 8;
