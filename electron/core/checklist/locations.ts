import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { TaizhangError } from '../../../shared/errors.js';

/** Where one 件 is printed: which volume (its 卷号, or its place in the report for a draft), and its page numbers. */
export interface RecordLocation {
  volume: number;
  /** The volume has no 卷号 yet: it was printed as a draft. */
  draft: boolean;
  /** Place of the 件 in its volume file. */
  seq: number;
  firstPageNo: number;
  pages: number;
}

/** Only what the checklist reads of a binder report; the rest may change without breaking the checklist. */
const reportSchema = z.object({
  year: z.number().int(),
  volumes: z.array(
    z.object({
      volumeNo: z.number().int().nullable().optional(),
      documents: z.array(
        z.object({
          seq: z.number().int().optional(),
          volumeNo: z.number().int().nullable().optional(),
          piece: z.number().int().nullable(),
          recordId: z.number().int(),
          firstPageNo: z.number().int(),
          pages: z.number().int().min(0),
        }),
      ),
    }),
  ),
});

export type BinderReportData = z.infer<typeof reportSchema>;

export async function readBinderReport(file: string, year: number): Promise<BinderReportData> {
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch {
    throw new TaizhangError('bad_file', `找不到或无法读取装订报告：${file} / Cannot read the binder report`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new TaizhangError('bad_file', `装订报告不是有效的 JSON：${file} / The binder report is not JSON`);
  }
  const result = reportSchema.safeParse(parsed);
  if (!result.success) {
    throw new TaizhangError('bad_file', `这不是台账的装订报告：${file} / Not a Taizhang binder report`);
  }
  if (result.data.year !== year) {
    throw new TaizhangError('invalid_input', `装订报告是 ${result.data.year} 年度的，不是 ${year} 年度 / The binder report is for another year`);
  }
  return result.data;
}

/** Every place each record is printed, in volume order. */
export function locateRecords(report: BinderReportData): Map<number, RecordLocation[]> {
  const map = new Map<number, RecordLocation[]>();
  report.volumes.forEach((v, index) => {
    v.documents.forEach((d, i) => {
      // In a whole-year file each 件 names its own box.
      const volumeNo = d.volumeNo ?? v.volumeNo ?? null;
      const loc: RecordLocation = { volume: volumeNo ?? index + 1, draft: volumeNo === null, seq: d.seq ?? i + 1, firstPageNo: d.firstPageNo, pages: d.pages };
      const list = map.get(d.recordId);
      if (list) list.push(loc);
      else map.set(d.recordId, [loc]);
    });
  });
  return map;
}

function pageRange(first: number, last: number): string {
  return first === last ? String(first) : `${first}–${last}`;
}

/**
 * "第3卷 第1–5、9–12页；第4卷 第2页": the pages of the given locations, merged per volume so an auditor turns straight
 * to them. Documents without numbered pages (none printed) are left out.
 */
export function describeLocations(locations: readonly RecordLocation[]): string {
  const byVolume = new Map<string, { volume: number; draft: boolean; spans: [number, number][] }>();
  for (const l of locations) {
    if (l.pages <= 0) continue;
    const key = `${l.draft ? 'd' : 'v'}${l.volume}`;
    const entry = byVolume.get(key) ?? { volume: l.volume, draft: l.draft, spans: [] };
    entry.spans.push([l.firstPageNo, l.firstPageNo + l.pages - 1]);
    byVolume.set(key, entry);
  }
  return [...byVolume.values()]
    .sort((a, b) => Number(a.draft) - Number(b.draft) || a.volume - b.volume)
    .map(({ volume, draft, spans }) => {
      spans.sort((a, b) => a[0] - b[0]);
      const merged: [number, number][] = [];
      for (const [a, b] of spans) {
        const last = merged[merged.length - 1];
        if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
        else merged.push([a, b]);
      }
      return `${draft ? '草稿' : `第${volume}卷`} 第${merged.map(([a, b]) => pageRange(a, b)).join('、')}页`;
    })
    .join('；');
}
