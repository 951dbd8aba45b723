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

/** Indexed by FAC_BASE(facility) (LOG_KERN = 0, LOG_USER = 1, …). */
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
  { name: 'res0', help: 'reserved 0' },
  { name: 'res1', help: 'reserved 1' },
  { name: 'res2', help: 'reserved 2' },
  { name: 'res3', help: 'reserved 3' },
  { name: 'local0', help: 'local use 0' },
  { name: 'local1', help: 'local use 1' },
  { name: 'local2', help: 'local use 2' },
  { name: 'local3', help: 'local use 3' },
  { name: 'local4', help: 'local use 4' },
  { name: 'local5', help: 'local use 5' },
  { name: 'local6', help: 'local use 6' },
  { name: 'local7', help: 'local use 7' },
];

/** 2.38.1's usage() lists only the first eight facilities (its table stops at "news"). */
export const USAGE_FACILITIES = 8;
