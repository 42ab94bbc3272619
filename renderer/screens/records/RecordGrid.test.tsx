import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { RecordSummary } from '../../../shared/api/records.js';
import { RecordGrid, TILE_MAX, TILE_MIN, isTileSize } from './RecordGrid.js';
import { useRecordItems } from './record-items.js';

function record(id: number, title: string, extra: Partial<RecordSummary>): RecordSummary {
  return {
    id, year: 2024, title, titleSupplied: false, docNo: '', author: '', date: null, type: '其他', retention: '定期10年',
    activityId: null, activity: null, items: [], files: 1, pages: 1, thumb: null, archivalCode: null, piece: null, secrecy: '', inbox: false,
    attachmentOnly: false, attachmentConfirmed: false, ...extra,
  };
}

const filed = { items: [{ editionId: 1, code: '1.2', title: '志愿服务', path: '1.2' }] };

function Grid({ records, selected, fresh = [] }: { records: RecordSummary[]; selected: number[]; fresh?: number[] }) {
  const items = useRecordItems({ shown: records, selected, onSelect: () => undefined });
  return <RecordGrid records={records} fresh={new Set(fresh)} size={200} previewUrl={(sha, v) => `/preview/${sha}/${v}`} items={items} />;
}

describe('RecordGrid', () => {
  const records = [
    record(1, '学雷锋志愿服务活动照片（1）', { date: '2024-03-05', type: '照片', thumb: 'a'.repeat(64), ...filed }),
    record(2, '学雷锋志愿服务活动方案', { date: '2024-03-01', type: '方案', pages: 3, titleSupplied: true, ...filed, archivalCode: 'Z001-WS·2024-D10-01-0002' }),
    record(3, '志愿者名册', { type: '其他', pages: 0 }),
  ];

  it("draws a photo's thumbnail from the core's preview route, and a document's type and page count", () => {
    const html = renderToStaticMarkup(<Grid records={records} selected={[]} />);
    expect(html).toContain(`src="/preview/${'a'.repeat(64)}/thumb"`);
    expect(html.match(/<img/g)).toHaveLength(1);
    expect(html).toMatch(/class="tile-doc type-方案"[^]*?方案<\/span><span class="tile-doc-pages">3 页/);
    expect(html).toContain('页数未知');
  });

  it('marks the tile of a record of attachments only, confirmed or not', () => {
    const html = renderToStaticMarkup(
      <Grid records={[record(1, '活动记录', { attachmentOnly: true }), record(2, '签到名单', { attachmentOnly: true, attachmentConfirmed: true }), records[0]!]} selected={[]} />,
    );
    const tiles = html.split('<li').slice(1);
    expect(tiles.map((t) => t.match(/<span class="attachment-mark[^"]*"[^>]*>([^<]+)</)?.[1] ?? null)).toEqual(['仅附件·未计入', '附件·已计入', null]);
  });

  it('shows each title (supplied ones in brackets), its date and its state', () => {
    const html = renderToStaticMarkup(<Grid records={records} selected={[2]} fresh={[3]} />);
    expect(html).toContain('<div class="tile-title">学雷锋志愿服务活动照片（1）</div>');
    expect(html).toContain('[学雷锋志愿服务活动方案]');
    expect(html).toMatch(/2024-03-05<\/span><span class="text-partial"[^>]*>已归入/);
    expect(html).toMatch(/<li[^>]*class="tile selected"[^>]*data-record="2"/);
    expect(html).toMatch(/已归档<\/span>/);
    expect(html).toMatch(/未注明日期<\/span><span class="text-missing">待归类/);
    expect(html).toMatch(/<li[^>]*class="tile fresh"[^>]*data-record="3"/);
    expect(html).toContain('--tile:200px');
  });

  it('keeps the tile size to 160–240 px in whole pixels', () => {
    expect([TILE_MIN, 200, TILE_MAX].every(isTileSize)).toBe(true);
    expect([159, 241, 200.5, '200', null].some(isTileSize)).toBe(false);
  });
});
