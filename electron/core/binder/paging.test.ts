import { describe, expect, it } from 'vitest';
import { layoutPiece, NO_FILES_REASON, numberPlan, pageColumn } from './paging.js';
import type { BinderPlan, FileSource, PlanFile, PlanPiece, PlanVolume } from './plan.js';

const file = (sha: string, kind: PlanFile['kind'] = 'image'): PlanFile => ({ name: `${sha}.x`, sha256: sha, kind, ext: '', exifDate: null, binderNote: null, pages: null });

function piece(n: number, type: PlanPiece['type'], files: PlanFile[]): PlanPiece {
  return {
    seq: n, volumeNo: 1, boxLabel: '', pieceNo: n, archivalCode: `Z001-WS·2024-D10-01-${String(n).padStart(4, '0')}`, identityYear: 2024, problem: '01', copyOf: null,
    recordId: n, item: '1.1', title: `件${n}`, docNo: '', author: '', date: null, type, retention: '定期10年', note: '', caption: {},
    activity: null, files, alsoUnder: [], blocks: [], pages: 0, firstPageNo: 0, sharesPageOf: null,
  };
}

const sources = new Map<string, FileSource>([
  ['img1', { kind: 'image', path: '/p/1.jpg' }],
  ['img2', { kind: 'image', path: '/p/2.jpg' }],
  ['img3', { kind: 'image', path: '/p/3.jpg' }],
  ['pdf5', { kind: 'pdf', path: '/p/5.pdf', pages: 5, converted: false }],
  ['bad', { kind: 'placeholder', reason: 'PDF 已加密' }],
]);

describe('layoutPiece', () => {
  it('puts photos of a 照片 record one or two to a page, and other pages in file order', () => {
    const files = [file('img1'), file('img2'), file('pdf5', 'pdf'), file('img3'), file('bad', 'pdf')];
    const two = layoutPiece(piece(1, '照片', files), sources, 2);
    expect(two.map((b) => b.kind)).toEqual(['photos', 'pdf', 'photos', 'placeholder']);
    expect(two[0]).toMatchObject({ files: [{ index: 1 }, { index: 2 }] });
    expect(two[2]).toMatchObject({ files: [{ index: 3 }] });
    expect(layoutPiece(piece(1, '照片', files), sources, 1).map((b) => b.kind)).toEqual(['photos', 'photos', 'pdf', 'photos', 'placeholder']);
  });

  it('prints images of other records as scans, and a record without files as one placeholder page', () => {
    expect(layoutPiece(piece(1, '签到表', [file('img1'), file('img2')]), sources, 2).map((b) => b.kind)).toEqual(['scan', 'scan']);
    expect(layoutPiece(piece(1, '记录', []), sources, 1)).toEqual([{ kind: 'placeholder', file: null, reason: NO_FILES_REASON }]);
  });
});

describe('numberPlan', () => {
  it('numbers the documents of each volume from 1 and shows a range for the last 件', () => {
    const a = piece(1, '方案', [file('pdf5', 'pdf')]);
    const b = piece(2, '照片', [file('img1'), file('img2'), file('img3')]);
    const c = piece(3, '总结', [file('bad', 'pdf'), file('pdf5', 'pdf')]);
    const volume = { sections: [{ pieces: [a, b] }, { pieces: [c] }], numberedPages: 0 } as unknown as PlanVolume;
    const other = { sections: [{ pieces: [piece(1, '记录', [file('img1')])] }], numberedPages: 0 } as unknown as PlanVolume;
    const plan = { options: { photosPerPage: 2 }, volumes: [volume, other] } as unknown as BinderPlan;
    numberPlan(plan, sources);
    // The file that cannot be printed is no page of its 件: c counts the five pages of its PDF only.
    expect([a, b, c].map((p) => [p.firstPageNo, p.pages])).toEqual([[1, 5], [6, 2], [8, 5]]);
    expect(volume.numberedPages).toBe(12);
    expect(other.numberedPages).toBe(1);
    expect(pageColumn(b, false)).toBe('6');
    expect(pageColumn(c, true)).toBe('8—12');
    expect(pageColumn({ ...c, pages: 1 }, true)).toBe('8');
    expect(pageColumn({ ...c, pages: 0 }, true)).toBe('—');
  });
});
