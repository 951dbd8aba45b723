/** A scope's state the first time anyone uses it: a freshly booted machine, no history. */
import type { ScopeState } from './state';
import { CURRENT_SCHEMA } from './state';
import { bootMachine, type MachineOptions } from '../machine/machine';

export function freshScopeState(options: MachineOptions): ScopeState {
  const now = options.clock();
  return { schema: CURRENT_SCHEMA, machine: bootMachine(options), history: [], createdAt: now, updatedAt: now };
}
