// cityops demo — being built (issue 2).
import type { Command } from 'commander';
export function registerDemoCommand(_program: Command): void {}
