/**
 * hostname(1) of Debian's hostname 3.23: the kernel's node name (uname(2)), -s cut at the
 * first dot, -y the NIS domain name. The names that need the resolver (-f, -d, -a, -i, -A, -I)
 * are what the oracle guest's libc answers for its name with no /etc/hosts and no network
 * (28-lab-system). hostname exits 255 (exit(-1)) after its usage text, which goes to stdout for
 * -h and a bad option and to stderr for a surplus operand; -V prints "hostname 3.23".
 * hostname NAME sets the machine's node name (sethostname(2), until the machine boots again)
 * after hostname's check of the name (labels of letters, digits and inner '-', separated by
 * single dots); -F FILE is not simulated.
 */
import type { Io, System, Tool } from './tool';
import { getopt, type LongOption } from './getopt';
import { nodename, sethostname } from '../kernel/utsname';
import { EINVAL, EPERM } from '../kernel/errno';

const LONG: LongOption[] = [
  { name: 'domain', has: 'none', key: 'd' },
  { name: 'boot', has: 'none', key: 'b' },
  { name: 'file', has: 'required', key: 'F' },
  { name: 'fqdn', has: 'none', key: 'f' },
  { name: 'all-fqdns', has: 'none', key: 'A' },
  { name: 'help', has: 'none', key: 'h' },
  { name: 'long', has: 'none', key: 'f' },
  { name: 'short', has: 'none', key: 's' },
  { name: 'version', has: 'none', key: 'V' },
  { name: 'alias', has: 'none', key: 'a' },
  { name: 'ip-address', has: 'none', key: 'i' },
  { name: 'all-ip-addresses', has: 'none', key: 'I' },
  { name: 'nis', has: 'none', key: 'y' },
  { name: 'yp', has: 'none', key: 'y' },
];

const USAGE = `Usage: hostname [-b] {hostname|-F file}         set host name (from file)
       hostname [-a|-A|-d|-f|-i|-I|-s|-y]       display formatted name
       hostname                                 display host name

       {yp,nis,}domainname {nisdomain|-F file}  set NIS domain name (from file)
       {yp,nis,}domainname                      display NIS domain name

       dnsdomainname                            display dns domain name

       hostname -V|--version|-h|--help          print info and exit

Program name:
       {yp,nis,}domainname=hostname -y
       dnsdomainname=hostname -d

Program options:
    -a, --alias            alias names
    -A, --all-fqdns        all long host names (FQDNs)
    -b, --boot             set default hostname if none available
    -d, --domain           DNS domain name
    -f, --fqdn, --long     long host name (FQDN)
    -F, --file             read host name or NIS domain name from given file
    -i, --ip-address       addresses for the host name
    -I, --all-ip-addresses all addresses for the host
    -s, --short            short host name
    -y, --yp, --nis        NIS/YP domain name

Description:
   This command can get or set the host name or the NIS domain name. You can
   also get the DNS domain or the FQDN (fully qualified domain name).
   Unless you are using bind or NIS for host lookups you can change the
   FQDN (Fully Qualified Domain Name) and the DNS domain name (which is
   part of the FQDN) in the /etc/hosts file.
`;

/** exit(-1) after usage(). */
const USAGE_STATUS = 255;

/** What to print: the kernel's name as is, a form the resolver gives, or the NIS domain. */
type What = 'name' | 's' | 'f' | 'd' | 'a' | 'i' | 'A' | 'I' | 'y';

export function main(argv: string[], io: Io, sys: System): number {
  const parsed = getopt(argv, 'aAdfbF:h?iIsVy', LONG);
  if (!parsed.ok) {
    io.err(parsed.message);
    io.out(USAGE);
    return USAGE_STATUS;
  }
  let what: What = 'name';
  for (const { key } of parsed.options) {
    if (key === 'h' || key === '?') return io.out(USAGE), USAGE_STATUS;
    if (key === 'V') return io.out('hostname 3.23\n'), 0;
    if ('aAdfisIy'.includes(key)) what = key as What;
  }
  // a name to set goes with no display option, and only one
  if (parsed.operands.length > 1 || (parsed.operands.length === 1 && what !== 'name')) return io.err(USAGE), USAGE_STATUS;
  if (parsed.operands.length === 1) return setName(parsed.operands[0], io, sys);
  const name = nodename(sys.kernel);
  return display(what, name, io);
}

/** hostname's check of a name to set: dot-separated labels of [A-Za-z0-9-], no label empty or starting or ending with '-'. */
function validName(name: string): boolean {
  return name.split('.').every((label) => /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$/.test(label));
}

function setName(name: string, io: Io, sys: System): number {
  if (!validName(name)) {
    io.err('hostname: the specified hostname is invalid\n');
    return 1;
  }
  const err = sethostname(sys.kernel, name, sys.uid);
  if (err === -EPERM) io.err('hostname: you must be root to change the host name\n');
  else if (err === -EINVAL) io.err('hostname: name too long\n');
  return err === 0 ? 0 : 1;
}

function display(what: What, name: string, io: Io): number {
  switch (what) {
    case 'name':
      io.out(`${name}\n`);
      return 0;
    case 's':
      io.out(`${name.split('.')[0]}\n`);
      return 0;
    case 'y':
      // The kernel's NIS domain name is "(none)" until someone sets it.
      io.err('hostname: Local domain name not set\n');
      return 1;
    default:
      return resolved(what, io);
  }
}

/**
 * The forms that ask the resolver. The guest has no /etc/hosts, no resolv.conf and no network:
 * getaddrinfo(3) fails with EAI_AGAIN for -f, -d, -a and -i; -A and -I walk the interfaces
 * (only lo, which they skip) and print an empty line (28-lab-system).
 */
function resolved(what: What, io: Io): number {
  if (what === 'A' || what === 'I') {
    io.out('\n');
    return 0;
  }
  io.err('hostname: Temporary failure in name resolution\n');
  return 1;
}

export const hostname: Tool = { name: 'hostname', main, summary: 'show the system host name' };
