// cityops import | export — being built (issue 2).
import type { Command } from 'commander';
export function registerBaseCommands(_program: Command): void {}
