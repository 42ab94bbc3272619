import { describe, expect, it } from 'vitest';
import type { Rectification } from '../../../shared/api/ledger.js';
import { cli, tempCore } from '../../../test/support/temp.js';
import { ensureFixtureYear, insertFixtureRecords } from '../../../test/support/archive-data.js';

describe('taizhang ledger', () => {
  it('adds, lists, updates and closes rows with every field', async () => {
    const core = await tempCore();
    ensureFixtureYear(core.archive.db, 2024);
    const [proof] = insertFixtureRecords(core.archive.db, 2024, [{ title: '整改后照片', type: '照片', items: ['4.2.1'] }]) as [number];
    const a = ['--archive', core.dir];

    const add = await cli('ledger', 'add', ...a, '--json', '--year', '2024', '--problem', '垃圾桶满溢', '--site', '3号楼',
      '--items', '4.2.1,4.2.2', '--unit', '物业公司', '--leader', '李书记', '--deadline', '2024-05-31', '--raised-on', '2024-05-20',
      '--progress', '已通知', '--evidence', String(proof));
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    const row = add.json<Rectification>();
    expect(row).toMatchObject({ problem: '垃圾桶满溢', site: '3号楼', unit: '物业公司', leader: '李书记', deadline: '2024-05-31', raisedOn: '2024-05-20', progress: '已通知' });
    expect(row.items.map((i) => i.code)).toEqual(['4.2.1', '4.2.2']);
    expect(row.evidence.map((e) => e.id)).toEqual([proof]);

    const list = await cli('ledger', 'list', ...a, '--year', '2024');
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(`#${row.id} [待整改]【逾期】 垃圾桶满溢`);
    expect(list.stdout).toContain('共 1 条，未完成 1 条，逾期 1 条');

    const upd = await cli('ledger', 'update', String(row.id), ...a, '--json', '--state', '整改中', '--deadline', '', '--items', '4.2.1');
    expect(upd.code).toBe(0);
    expect(upd.json<Rectification>()).toMatchObject({ state: '整改中', deadline: null, overdue: false });

    const close = await cli('ledger', 'close', String(row.id), ...a, '--json', '--closed-on', '2024-05-30', '--progress', '已清运');
    expect(close.code).toBe(0);
    expect(close.json<Rectification>()).toMatchObject({ state: '已整改', closedOn: '2024-05-30', progress: '已清运' });
    expect((await cli('ledger', 'list', ...a, '--open')).stdout).toContain('整改台账为空');
  });

  it('gives clear errors for unknown codes, evidence, states and ids, and writes nothing', async () => {
    const core = await tempCore();
    const a = ['--archive', core.dir];
    const bad = await cli('ledger', 'add', ...a, '--year', '2024', '--problem', '问题', '--items', '1.1.1,9.9');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/没有这些测评项：9\.9/);
    const ev = await cli('ledger', 'add', ...a, '--year', '2024', '--problem', '问题', '--evidence', '12,abc');
    expect(ev.code).toBe(1);
    expect(ev.stderr).toMatch(/正整数/);
    expect((await cli('ledger', 'add', ...a, '--year', '2024', '--problem', '问题', '--evidence', '12')).stderr).toMatch(/#12/);
    expect((await cli('ledger', 'update', '1', ...a, '--state', '已完成')).stderr).toMatch(/状态应为/);
    expect((await cli('ledger', 'close', '5', ...a)).stderr).toMatch(/没有编号为 5/);
    expect((await cli('ledger', 'add', ...a, '--year', '2024')).code).toBe(2);
    expect(core.archive.db.prepare('SELECT count(*) FROM rectifications').pluck().get()).toBe(0);
  });
});
