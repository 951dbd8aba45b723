/**
 * The built-in exercises, one JSON file each (the same format instructors write, see
 * README-teaching.md). Listed explicitly so the compiler bundles them and a missing file
 * fails the build.
 */
import whatsLoaded from './01-whats-loaded.json';
import insmodOrder from './02-insmod-order.json';
import modprobeDeps from './03-modprobe-deps.json';
import modinfo from './04-modinfo.json';
import dmesgTaint from './05-dmesg-taint.json';
import rmmodInUse from './06-rmmod-in-use.json';
import initExit from './07-init-exit.json';
import initReturns1 from './08-init-returns-1.json';
import errors from './09-insmod-vs-modprobe-errors.json';
import holders from './10-holders-refcnt.json';
import gplOnly from './11-gpl-only.json';
import params from './12-params-sysfs.json';
import blacklist from './13-blacklist-aliases.json';
import modprobeR from './14-modprobe-r.json';
import noExit from './15-no-exit.json';
import fixTheLicense from './16-fix-the-license.json';
import paramInSysfs from './17-param-in-sysfs.json';
import exporterAndUser from './18-exporter-and-user.json';
import nullDereference from './19-null-dereference.json';

export interface ExerciseFile {
  file: string;
  doc: unknown;
}

export const builtinExerciseFiles: readonly ExerciseFile[] = [
  { file: '01-whats-loaded.json', doc: whatsLoaded },
  { file: '02-insmod-order.json', doc: insmodOrder },
  { file: '03-modprobe-deps.json', doc: modprobeDeps },
  { file: '04-modinfo.json', doc: modinfo },
  { file: '05-dmesg-taint.json', doc: dmesgTaint },
  { file: '06-rmmod-in-use.json', doc: rmmodInUse },
  { file: '07-init-exit.json', doc: initExit },
  { file: '08-init-returns-1.json', doc: initReturns1 },
  { file: '09-insmod-vs-modprobe-errors.json', doc: errors },
  { file: '10-holders-refcnt.json', doc: holders },
  { file: '11-gpl-only.json', doc: gplOnly },
  { file: '12-params-sysfs.json', doc: params },
  { file: '13-blacklist-aliases.json', doc: blacklist },
  { file: '14-modprobe-r.json', doc: modprobeR },
  { file: '15-no-exit.json', doc: noExit },
  { file: '16-fix-the-license.json', doc: fixTheLicense },
  { file: '17-param-in-sysfs.json', doc: paramInSysfs },
  { file: '18-exporter-and-user.json', doc: exporterAndUser },
  { file: '19-null-dereference.json', doc: nullDereference },
];
