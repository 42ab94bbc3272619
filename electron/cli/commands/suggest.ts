import type { Command } from 'commander';
import type { SuggestResult } from '../../../shared/api/suggest.js';
import type { CommandGroups } from '../program.js';
import { callCore, parseIntArg, type CliIO } from '../io.js';

function suggestionsText(r: SuggestResult): string {
  if (r.suggestions.length === 0) return '没有可建议的测评项目 / no suggestion';
  return r.suggestions.map((s, i) => `${i + 1}. ${s.code} ${s.title}（${s.reason}）`).join('\n');
}

export function registerSuggestCommands({ program }: CommandGroups, io: CliIO): void {
  program
    .command('suggest <id>')
    .description('为一件材料建议测评项目（前三名及理由） / suggest the items a record belongs under')
    .option('--folder <文件夹>', '材料来自的文件夹 / the folder it came from')
    .action(async (id: string, o: { folder?: string }, cmd: Command) => {
      const args = { recordId: parseIntArg(id), ...(o.folder !== undefined ? { folder: o.folder } : {}) };
      await callCore(io, cmd, 'suggest.record', args, suggestionsText);
    });
}
