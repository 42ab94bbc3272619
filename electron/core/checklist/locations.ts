import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { TaizhangError } from '../../../shared/errors.js';

/** Where one 件 is printed: which volume (1-based, in the report's order), its 档号, 件号 and page numbers. */
export interface RecordLocation {
  volume: number;
  /** 档号 of the 件: the volume's 档号 and the 件号 (DA/T 22), when the report names the volume's 档号. */
  reference: string;
  piece: number;
  firstPageNo: number;
  pages: number;
}

/** Only what the checklist reads of a binder report; the rest may change without breaking the checklist. */
const reportSchema = z.object({
  year: z.number().int(),
  volumes: z.array(
    z.object({
      archivalCode: z.string().optional(),
      documents: z.array(
        z.object({ piece: z.number().int(), recordId: z.number().int(), firstPageNo: z.number().int(), pages: z.number().int().min(0) }),
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
    for (const d of v.documents) {
      const reference = v.archivalCode ? `${v.archivalCode}-${String(d.piece).padStart(4, '0')}` : '';
      const loc: RecordLocation = { volume: index + 1, reference, piece: d.piece, firstPageNo: d.firstPageNo, pages: d.pages };
      const list = map.get(d.recordId);
      if (list) list.push(loc);
      else map.set(d.recordId, [loc]);
    }
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
  const byVolume = new Map<number, [number, number][]>();
  for (const l of locations) {
    if (l.pages <= 0) continue;
    const spans = byVolume.get(l.volume) ?? [];
    spans.push([l.firstPageNo, l.firstPageNo + l.pages - 1]);
    byVolume.set(l.volume, spans);
  }
  return [...byVolume.entries()]
    .sort(([a], [b]) => a - b)
    .map(([volume, spans]) => {
      spans.sort((a, b) => a[0] - b[0]);
      const merged: [number, number][] = [];
      for (const [a, b] of spans) {
        const last = merged[merged.length - 1];
        if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
        else merged.push([a, b]);
      }
      return `第${volume}卷 第${merged.map(([a, b]) => pageRange(a, b)).join('、')}页`;
    })
    .join('；');
}
