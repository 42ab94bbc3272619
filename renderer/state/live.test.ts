import { describe, expect, it } from 'vitest';
import { readsOf, touches, WRITES } from '../../shared/api/live.js';
import { LiveData } from './live.js';

describe('live data', () => {
  it('records what a loader calls and refetches only when a change touches it', async () => {
    const live = new LiveData();
    const call = (name: 'records.list' | 'ledger.list' | 'backup.schedule') => {
      live.noteCall(name);
      return Promise.resolve(name);
    };
    const records = live.track(() => call('records.list'));
    const ledger = live.track(() => call('ledger.list'));
    const schedule = live.track(() => call('backup.schedule'));
    expect([...records.reads]).toEqual(['records.list']);
    expect(await ledger.promise).toBe('ledger.list');

    const refetched: string[] = [];
    live.watch(() => records.reads, () => refetched.push('records'));
    live.watch(() => ledger.reads, () => refetched.push('ledger'));
    live.watch(() => schedule.reads, () => refetched.push('schedule'));
    live.watch(() => null, () => refetched.push('nothing loaded'));
    live.watch(() => new Set(), () => refetched.push('unknown reads'));

    live.publish(WRITES['ledger.add']);
    expect(refetched).toEqual(['ledger', 'unknown reads']);
    refetched.length = 0;
    // A filed record shows in record lists and in the ledger's evidence, never in the backup schedule.
    live.publish(WRITES['records.add']);
    expect(refetched).toEqual(['records', 'ledger', 'unknown reads']);
    refetched.length = 0;
    live.publish(WRITES['backup.setSchedule']);
    expect(refetched).toEqual(['schedule', 'unknown reads']);
  });

  it('derives reads from the domain: completeness follows records and the index', () => {
    expect(touches(['status.get'], WRITES['records.delete'])).toBe(true);
    expect(touches(['status.get'], WRITES['index.updateItem'])).toBe(true);
    expect(touches(['index.list'], WRITES['records.add'])).toBe(false);
    expect(touches(['app.state'], WRITES['archive.setYear'])).toBe(true);
    expect(readsOf('binder.preflight')).toContain('ledger');
    // Read-only methods write nothing.
    expect(WRITES['records.list']).toEqual([]);
    expect(WRITES['search.query']).toEqual([]);
  });
});
