/** Calendar dates of the demo as "YYYY-MM-DD", counted in UTC so that no time zone moves a day. */

export function shiftDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** "2025-03-05" → "2025年3月5日", as dates are written in Chinese documents. */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
