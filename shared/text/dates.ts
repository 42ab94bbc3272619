/** Dates as Chinese documents write them. Pure string work on "YYYY-MM-DD…", so no time zone moves a day. */

/** "2024-03-05" → "2024年3月5日"; "" when there is no date. */
export function formatDate(iso: string | null | undefined): string {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) : null;
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : '';
}

/** "2024-03-05T09:30:00" → "2024年3月5日 09:30"; the date alone when there is no time. */
export function formatDateTime(iso: string | null | undefined): string {
  const time = iso ? /T(\d{2}):(\d{2})/.exec(iso) : null;
  const date = formatDate(iso);
  return time && date ? `${date} ${time[1]}:${time[2]}` : date;
}

/** The clerk's calendar day (local time), YYYY-MM-DD: a deadline "2024-06-30" is overdue from 1 July where the clerk is. */
export function localIsoDate(now: Date = new Date()): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * A date as clerks type it — "2024-3-5", "2024.03.05", "2024/3/5", "2024年3月5日 上午" — as YYYY-MM-DD, or null
 * when the text holds no whole date.
 */
export function looseIsoDate(text: string): string | null {
  const m = /(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})/.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}
