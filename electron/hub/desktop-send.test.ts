import { promises as fs } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HubMatrix } from '../../shared/api/hub.js';
import { tempCore, tempDir } from '../../test/support/temp.js';
import { fileSampleRecords } from '../core/package/testing/sample-package.js';
import { addUploadToken, WHOLE_HUB } from './accounts.js';
import { hubMatrix } from './matrix.js';
import { openHub } from './db.js';
import { startHubServer } from './hub-server.js';

const YEAR = 2025;

describe('the desktop 上报 to a linked hub', () => {
  it('keeps the hub address and token in the archive, never shows the token, and sends the written package', async () => {
    const dir = tempDir();
    const hub = await openHub(path.join(dir, 'hub'), { create: true });
    const server = await startHubServer(hub, { port: 0 });
    try {
      const { token } = await addUploadToken(hub.db, '和平社区居委会', '和平街道');
      const core = await tempCore({ name: '和平社区居委会', fonds: 'Z001', filer: '张敏', checker: '李强' });
      await fileSampleRecords(core, path.join(dir, 'in'), YEAR, [
        ['学雷锋志愿服务活动方案.pdf', '1.1.1'],
        ['义诊现场.jpg', '1.1.1'],
      ]);
      const written = await core.api['package.create']({ year: YEAR, out: path.join(dir, '上报包.zip') });
      // Into a folder (made when missing), a second 上报 of the year is numbered instead of refused.
      const folder = path.join(dir, '导出', '上报包');
      const first = await core.api['package.create']({ year: YEAR, out: folder });
      const second = await core.api['package.create']({ year: YEAR, out: folder });
      expect([path.basename(first.path), path.basename(second.path)]).toEqual([`上报包-和平社区居委会-${YEAR}.zip`, `上报包-和平社区居委会-${YEAR}-2.zip`]);
      await expect(core.api['package.create']({ year: YEAR, out: written.path })).rejects.toThrow(/文件已存在，不会覆盖/);

      await expect(core.api['package.send']({ file: written.path })).rejects.toThrow(/还没有设置汇总平台/);
      expect(await core.api['package.hub']({})).toEqual({ url: null, hasToken: false });
      const linked = await core.api['package.setHub']({ url: `${server.url}/matrix`, token });
      expect(linked).toEqual({ url: server.url, hasToken: true });
      expect(JSON.stringify(linked)).not.toContain(token);

      const sent = await core.api['package.send']({ file: written.path });
      expect(sent).toEqual({ ok: true, problems: [], duplicate: false });
      const matrix: HubMatrix = await hubMatrix(hub.db, YEAR, WHOLE_HUB);
      expect(matrix.communities.map((c) => c.unit)).toEqual(['和平社区居委会']);
      // The same package again is stored once.
      expect(await core.api['package.send']({ file: written.path })).toMatchObject({ ok: true, duplicate: true });

      // A changed address keeps the token; a wrong token is told in words.
      await core.api['package.setHub']({ url: server.url, token: 'not-the-right-token' });
      expect(await core.api['package.send']({ file: written.path })).toEqual({ ok: false, problems: [expect.stringContaining('上传令牌无效')] });
      await core.api['package.setHub']({ url: null });
      expect(await core.api['package.hub']({})).toEqual({ url: null, hasToken: false });
    } finally {
      await server.close();
      await hub.close();
    }
  });

  it('refuses a plain-http hub on another machine, and says so when the hub cannot be reached', async () => {
    const core = await tempCore();
    await expect(core.api['package.setHub']({ url: 'http://192.168.1.20:8080', token: 'abcdefgh-token' })).rejects.toThrow(/必须用 https/);
    await expect(core.api['package.setHub']({ url: '不是地址', token: 'abcdefgh-token' })).rejects.toThrow(/汇总平台地址不对/);
    expect(await core.api['package.hub']({})).toEqual({ url: null, hasToken: false });

    // A port nobody listens on: the package stays on this PC and the clerk is told.
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));
    await core.api['package.setHub']({ url: `http://127.0.0.1:${port}`, token: 'abcdefgh-token' });
    const missing = path.join(tempDir(), '上报包.zip');
    await expect(core.api['package.send']({ file: missing })).rejects.toThrow(/找不到要发送的上报包/);
    await fs.writeFile(missing, 'PK');
    await expect(core.api['package.send']({ file: missing })).rejects.toThrow(/连不上汇总平台.*上报包已保存在本机/);
  });
});
