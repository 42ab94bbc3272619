import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { WindowEvent } from '../../shared/api/app.js';
import { seedArchive } from '../../test/crash/seed.js';
import { tempDir } from '../../test/support/temp.js';
import { openCore } from '../core/api/core.js';
import { CORE_RESTARTED } from './core-client.js';
import { browserShell, Session } from './session.js';

const sessions: Session[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) await s.dispose();
});

function until(events: WindowEvent[], found: (e: WindowEvent) => boolean, ms = 120_000): Promise<WindowEvent> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      const hit = events.find(found);
      if (hit || Date.now() - started > ms) {
        clearInterval(poll);
        if (hit) resolve(hit);
        else reject(new Error(`no such event in ${JSON.stringify(events)}`));
      }
    }, 20);
  });
}

describe('the archive service off the window thread', () => {
  it('survives the service dying mid-export: the call fails in Chinese, the service restarts, reopens and checks the archive', async () => {
    const dir = path.join(tempDir(), 'archive');
    const session = new Session({ configDir: tempDir('taizhang-config-'), shell: browserShell });
    sessions.push(session);
    await session.invoke('app.create', { dir, unit: { name: '和平社区居委会' } });
    // A second connection fills the archive, as the CLI would while the app is open.
    const seeder = await openCore(dir);
    await seeder.api['archive.setYear']({ year: 2024 });
    await seedArchive(seeder, tempDir(), 12);
    seeder.close();

    const events: WindowEvent[] = [];
    session.onEvent((e) => events.push(e));
    const service = session.service.current;
    expect(service).not.toBeNull();
    const out = path.join(tempDir(), 'binder');
    let killed = false;
    const exporting = session.invoke('binder.export', { year: 2024, out }, {
      taskId: 'binder-crash',
      onProgress: () => {
        if (killed) return;
        killed = true;
        // What an out-of-memory end looks like from here: the service is gone at once, mid-task.
        service?.kill();
      },
    });
    await expect(exporting).rejects.toMatchObject({ code: 'core_restarted', zh: CORE_RESTARTED.zh });
    expect(killed).toBe(true);
    expect(CORE_RESTARTED.zh).toBe('档案服务意外退出，已重新启动，正在检查档案…');

    // The window hears it at once, then that the archive was reopened and checked.
    expect(await until(events, (e) => e.type === 'notice' && e.level === 'error')).toEqual({ type: 'notice', level: 'error', message: CORE_RESTARTED.zh });
    expect(await until(events, (e) => e.type === 'notice' && e.level === 'info')).toEqual({ type: 'notice', level: 'info', message: '档案服务已恢复，档案检查完好。' });
    expect(events.some((e) => e.type === 'changed' && e.topics.includes('records'))).toBe(true);
    expect(session.service.current).not.toBe(service);

    // The same session goes on with the same archive: nothing was lost and the export now completes.
    expect(await session.invoke('records.list', { year: 2024 })).toHaveLength(12);
    const state = (await session.invoke('app.state', {})) as { archive: { path: string } | null };
    expect(state.archive?.path).toBe(dir);
    // Cancelling crosses to the service too: the export stops at its next step and says so.
    const cancelled = session.invoke('binder.export', { year: 2024, out: path.join(tempDir(), 'cancelled') }, {
      taskId: 'binder-cancel',
      onProgress: () => session.cancel('binder-cancel'),
    });
    await expect(cancelled).rejects.toMatchObject({ code: 'cancelled' });
    const report = (await session.invoke('binder.export', { year: 2024, out })) as { volumes: unknown[] };
    expect(report.volumes.length).toBeGreaterThan(0);
    expect((await fs.readdir(out, { recursive: true })).some((f) => String(f).endsWith('.pdf'))).toBe(true);
  });

  it('announces what a call wrote, so that windows refetch only the views that read it', async () => {
    const dir = path.join(tempDir(), 'archive');
    const session = new Session({ configDir: tempDir('taizhang-config-'), shell: browserShell });
    sessions.push(session);
    await session.invoke('app.create', { dir });
    const events: WindowEvent[] = [];
    session.onEvent((e) => events.push(e));
    await session.invoke('records.list', {});
    await session.invoke('ledger.add', { year: 2024, problem: '宣传栏破损' });
    await until(events, (e) => e.type === 'changed');
    expect(events).toEqual([{ type: 'changed', topics: ['ledger'] }]);
    await session.invoke('backup.setSchedule', { keep: 3 });
    await until(events, (e) => e.type === 'changed' && e.topics.includes('backup'));
    expect(events.filter((e) => e.type === 'changed')).toHaveLength(2);
  });
});
