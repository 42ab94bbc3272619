import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/temp.js';
import { BACKUPS_DIR } from '../core/backup/schedule.js';
import { browserShell, Session } from './session.js';

describe('closing an archive in the app', () => {
  it('makes the automatic backup once, and not again within the day', async () => {
    const dir = path.join(tempDir(), 'archive');
    const session = new Session({ configDir: tempDir('taizhang-config-'), shell: browserShell });
    await session.invoke('app.create', { dir, unit: { name: '和平社区居委会' } });
    await session.invoke('app.close', {});
    const backups = path.join(dir, BACKUPS_DIR);
    expect(existsSync(backups)).toBe(true);
    expect(readdirSync(backups).filter((n) => n.endsWith('.zip'))).toHaveLength(1);

    await session.invoke('app.open', { dir });
    await session.dispose();
    expect(readdirSync(backups).filter((n) => n.endsWith('.zip'))).toHaveLength(1);
  });
});
