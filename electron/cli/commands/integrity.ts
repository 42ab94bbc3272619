import type { CommandGroups } from '../program.js';
import type { CliIO } from '../io.js';

export function registerIntegrityCommands(_groups: CommandGroups, _io: CliIO): void {}
