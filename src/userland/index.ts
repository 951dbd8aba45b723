/** Every tool on the simulated machine's PATH (cf. kmod's tools/kmod.h list of kmod_cmd_*). */
import type { Tool } from './tool';
import { insmod } from './insmod';
import { rmmod } from './rmmod';
import { lsmod } from './lsmod';
import { modinfo } from './modinfo';
import { modprobe } from './modprobe';
import { depmod } from './depmod';
import { dmesg } from './dmesg';
import { uname } from './uname';
import { cat } from './cat';
import { echo } from './echo';
import { printf } from './printf';
import { ls } from './ls';
import { cp } from './cp';
import { mv } from './mv';
import { rm } from './rm';
import { mkdir } from './mkdir';
import { grep } from './grep';
import { sed } from './sed';
import { head } from './head';
import { tail } from './tail';
import { wc } from './wc';
import { sort } from './sort';
import { od } from './od';
import { history } from './history';
import { clear } from './clear';
import { help } from './help';
import { trueTool } from './true';
import { falseTool } from './false';
import { sudo } from './sudo';
import { setpriv } from './setpriv';
import { busybox } from './busybox';
import { ip } from './ip';
import { who } from './who';
import { make_ as make } from './make/make';
import { cut } from './cut';
import { tr } from './tr';
import { seq } from './seq';
import { yes } from './yes';
import { sleep } from './sleep';
import { basename } from './basename';
import { dirname } from './dirname';
import { rev } from './rev';
import { paste } from './paste';
import { uniq } from './uniq';
import { nl } from './nl';
import { tee } from './tee';
import { whoami } from './whoami';
import { id } from './id';
import { touch } from './touch';
import { rmdir } from './rmdir';
import { ln } from './ln';
import { readlink, realpath } from './readlink';
import { which } from './which';
import { awk, mawk } from './awk/awk';
import { find } from './find';
import { xargs } from './xargs';
import { diff } from './diff/diff';
import { date } from './date';
import { uptime } from './uptime';
import { stat } from './stat';
import { file } from './file';
import { nproc } from './nproc';
import { ps } from './ps';
import { pwd } from './pwd';
import { bash, sh } from './bash';
import { pidof } from './pidof';
import { timeout } from './timeout';
import { env } from './env';
import { expr } from './expr';
import { chmod } from './chmod';
import { cmp } from './cmp';
import { printenv } from './printenv';
import { hostname } from './hostname';
import { whereis } from './whereis';
import { du } from './du';
import { getconf } from './getconf';
import { df } from './df';
import { free } from './free';
import { tac } from './tac';
import { fold_ as fold } from './fold';
import { checksumTools } from './checksum';
import { kmod } from './kmod';

export const tools: readonly Tool[] = [
  make,
  insmod,
  rmmod,
  lsmod,
  modinfo,
  modprobe,
  depmod,
  dmesg,
  uname,
  cat,
  echo,
  printf,
  ls,
  cp,
  mv,
  rm,
  mkdir,
  grep,
  sed,
  head,
  tail,
  wc,
  sort,
  od,
  history,
  clear,
  help,
  trueTool,
  falseTool,
  sudo,
  setpriv,
  busybox,
  ip,
  who,
  cut,
  tr,
  seq,
  yes,
  sleep,
  basename,
  dirname,
  rev,
  paste,
  uniq,
  nl,
  tee,
  whoami,
  id,
  touch,
  rmdir,
  ln,
  readlink,
  realpath,
  which,
  awk,
  mawk,
  find,
  xargs,
  diff,
  date,
  uptime,
  stat,
  file,
  nproc,
  ps,
  pwd,
  bash,
  sh,
  pidof,
  timeout,
  env,
  expr,
  chmod,
  cmp,
  printenv,
  hostname,
  whereis,
  du,
  getconf,
  df,
  free,
  tac,
  fold,
  ...checksumTools,
  kmod,
  // the names Debian installs them under too: /usr/bin/dash (sh's target), /usr/bin/which.debianutils (which's)
  { ...sh, name: 'dash' },
  { ...which, name: 'which.debianutils' },
];

export const toolsByName: ReadonlyMap<string, Tool> = new Map(tools.map((t) => [t.name, t]));
