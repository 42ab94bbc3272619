import { Command, CommanderError } from 'commander';
import { registerArchivalCommands } from './commands/archival.js';
import { registerArchiveCommands } from './commands/archive.js';
import { registerBackupCommands } from './commands/backup.js';
import { registerBinderCommands } from './commands/binder.js';
import { registerChecklistCommands } from './commands/checklist.js';
import { registerDemoCommand } from './commands/demo.js';
import { registerHubCommands } from './commands/hub.js';
import { registerIndexCommands } from './commands/index.js';
import { registerIntegrityCommands } from './commands/integrity.js';
import { registerLedgerCommands } from './commands/ledger.js';
import { registerOcrCommands } from './commands/ocr.js';
import { registerPackageCommands } from './commands/package.js';
import { registerRecordCommands } from './commands/records.js';
import { registerSearchCommands } from './commands/search.js';
import { registerStatusCommands } from './commands/status.js';
import { registerSuggestCommands } from './commands/suggest.js';
import { EXIT_OK, EXIT_USAGE, processIO, reportError, type CliIO } from './io.js';

export interface CommandGroups {
  program: Command;
  /** `export binder`, `export checklist`, `export folder` share one parent. */
  exportCmd: Command;
}

export function buildProgram(io: CliIO): CommandGroups {
  const program = new Command('taizhang')
    .description('台账：创建文明城市软件资料档案管理 / Taizhang archive manager')
    .option('--archive <dir>', '档案文件夹 / archive folder (默认 TAIZHANG_ARCHIVE 或当前目录)')
    .option('--json', '输出 JSON / print one JSON document')
    .showHelpAfterError('（用 --help 查看用法 / see --help）')
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .exitOverride();
  const exportCmd = program.command('export').description('导出案卷、自查表或文件夹 / export binders, checklists, folders');
  const groups = { program, exportCmd };
  for (const register of [
    registerArchiveCommands,
    registerIndexCommands,
    registerRecordCommands,
    registerSearchCommands,
    registerStatusCommands,
    registerArchivalCommands,
    registerBinderCommands,
    registerChecklistCommands,
    registerLedgerCommands,
    registerOcrCommands,
    registerSuggestCommands,
    registerIntegrityCommands,
    registerBackupCommands,
    registerPackageCommands,
    registerHubCommands,
    registerDemoCommand,
  ]) {
    register(groups, io);
  }
  // Subcommands inherit exitOverride and output settings so that usage errors never exit the process directly.
  const harden = (cmd: Command): void => {
    cmd.exitOverride().configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
    cmd.commands.forEach(harden);
  };
  program.commands.forEach(harden);
  return groups;
}

/** Runs the CLI in-process and returns the exit code (tests call this directly). */
export async function runCli(argv: string[], io: CliIO = processIO): Promise<number> {
  const { program } = buildProgram(io);
  const json = argv.includes('--json');
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT_OK;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT_OK;
      return EXIT_USAGE;
    }
    return reportError(io, err, json);
  }
}
