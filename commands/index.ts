/** Every chat command, in help order. The single source for registration, manifest and help. */
import type { Command } from './context';
import { insmod } from './insmod';
import { rmmod } from './rmmod';
import { modprobe } from './modprobe';
import { lsmod } from './lsmod';
import { modinfo } from './modinfo';
import { depmod } from './depmod';
import { dmesg } from './dmesg';
import { sh } from './sh';
import { edit } from './edit';
import { modlab } from './modlab';
import { exercise } from './exercise';
import { quiz } from './quiz';

export const commands: readonly Command[] = [insmod, rmmod, modprobe, lsmod, modinfo, depmod, dmesg, sh, edit, modlab, exercise, quiz];

export const commandsByName: ReadonlyMap<string, Command> = new Map(commands.map((c) => [c.data.name, c]));
