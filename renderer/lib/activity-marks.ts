import type { RecordType } from '../../shared/domain/record.js';

/** The four marks of a complete activity: "有方案、有签到、有照片、有总结". */
export const ACTIVITY_MARKS: { label: string; types: RecordType[] }[] = [
  { label: '有方案', types: ['方案', '通知'] },
  { label: '有签到', types: ['签到表'] },
  { label: '有照片', types: ['照片'] },
  { label: '有总结', types: ['总结', '记录'] },
];

export function activityMarks(types: readonly RecordType[]): { label: string; present: boolean }[] {
  return ACTIVITY_MARKS.map((m) => ({ label: m.label, present: m.types.some((t) => types.includes(t)) }));
}

/** Splits a search snippet "…前文【签到】后文…" into plain and highlighted parts. */
export function snippetParts(snippet: string): { text: string; hit: boolean }[] {
  const parts: { text: string; hit: boolean }[] = [];
  const re = /【([^】]*)】/g;
  let last = 0;
  for (let m = re.exec(snippet); m; m = re.exec(snippet)) {
    if (m.index > last) parts.push({ text: snippet.slice(last, m.index), hit: false });
    parts.push({ text: m[1] ?? '', hit: true });
    last = m.index + m[0].length;
  }
  if (last < snippet.length) parts.push({ text: snippet.slice(last), hit: false });
  return parts;
}
