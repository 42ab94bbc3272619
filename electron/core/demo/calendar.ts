/** Calendar dates of the demo as "YYYY-MM-DD", counted in UTC so that no time zone moves a day. */

export function shiftDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
