import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { RecordSummary } from '../../../shared/api/records.js';
import { RECORD_PAGE, RecordTable } from './RecordTable.js';

function record(id: number, title: string, extra: Partial<RecordSummary>): RecordSummary {
  return {
    id, year: 2024, title, titleSupplied: false, docNo: '', author: '', date: null, type: '其他', retention: '定期10年',
    activityId: null, activity: null, items: [], files: 1, pages: 1, thumb: null, archivalCode: null, piece: null, secrecy: '', inbox: false,
    attachmentOnly: false, attachmentConfirmed: false, ...extra,
  };
}

describe('RecordTable', () => {
  it('lists records by date with thumbnails, supplied titles in brackets and the filing state', () => {
    const html = renderToStaticMarkup(
      <RecordTable
        records={[
          record(1, '学雷锋照片', { date: '2024-03-05', type: '照片', thumb: 'a'.repeat(64) }),
          record(2, '活动方案', { date: '2024-03-01', type: '方案', titleSupplied: true, items: [{ editionId: 1, code: '1.2', title: '志愿服务', path: '1.2' }] }),
          record(3, '志愿者名册', { date: '2024-03-02', items: [{ editionId: 1, code: '1.2', title: '志愿服务', path: '1.2' }], archivalCode: 'Z001-WS·2024-D10-01-0003', piece: 3 }),
        ]}
        selected={[2]}
        onSelect={() => undefined}
        previewUrl={(sha, variant) => `/preview/${sha}/${variant}`}
        loading={false}
      />,
    );
    expect(html.indexOf('[活动方案]')).toBeGreaterThan(0);
    expect(html.indexOf('[活动方案]')).toBeLessThan(html.indexOf('学雷锋照片'));
    expect(html).toContain(`src="/preview/${'a'.repeat(64)}/thumb"`);
    expect(html).toContain('待归类');
    expect(html).toContain('已归入');
    expect(html).toMatch(/已归档<span class="sub code">Z001-WS·2024-D10-01-0003<\/span>/);
    expect(html).toMatch(/<tr class="selected"[^>]*data-record="2"/);
    expect(html).toContain('共 3 件');
  });

  it('marks the records of attachments only in their row, confirmed or not', () => {
    const html = renderToStaticMarkup(
      <RecordTable
        records={[
          record(1, '活动记录', { date: '2024-03-05', attachmentOnly: true }),
          record(2, '签到名单', { date: '2024-03-06', attachmentOnly: true, attachmentConfirmed: true }),
          record(3, '活动方案', { date: '2024-03-07' }),
        ]}
        selected={[]}
        onSelect={() => undefined}
        previewUrl={() => ''}
        loading={false}
      />,
    );
    const rows = html.split('<tr').slice(2);
    expect(rows.map((r) => r.match(/<span class="attachment-mark[^"]*"[^>]*>([^<]+)</)?.[1] ?? null)).toEqual(['仅附件·未计入', '附件·已计入', null]);
  });

  it('draws a page of rows at a time and offers the rest', () => {
    const many = Array.from({ length: RECORD_PAGE + 5 }, (_, i) => record(i + 1, `照片${i + 1}`, { date: '2024-03-05', type: '照片' }));
    const html = renderToStaticMarkup(<RecordTable records={many} selected={[]} onSelect={() => undefined} previewUrl={() => ''} loading={false} />);
    expect(html.match(/data-record=/g)).toHaveLength(RECORD_PAGE);
    expect(html).toContain('显示更多（还有 5 件）');
  });

  it('tells the clerk how to file when an item is empty', () => {
    const html = renderToStaticMarkup(<RecordTable records={[]} selected={[]} onSelect={() => undefined} previewUrl={() => ''} loading={false} />);
    expect(html).toContain('这里还没有资料');
    expect(html).toContain('拖到');
  });
});
