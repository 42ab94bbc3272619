/** The clerk's calendar day (local time), YYYY-MM-DD: a deadline "2024-06-30" is overdue from 1 July where the clerk is. */
export function localIsoDate(now: Date = new Date()): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
