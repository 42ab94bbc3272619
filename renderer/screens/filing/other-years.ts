/**
 * "3 个文件的日期在 2024 年，放入 2024 年度的“待归类”": what of a drop or an import goes to another year's 待归类
 * than the year on screen (the core files a record for 待归类 under its own date's year), said once per year.
 */
export function otherYearNotes(entries: readonly { year: number; inbox: boolean }[], shown: number, verb: '放入' | '已放入'): string[] {
  const counts = new Map<number, number>();
  for (const e of entries) if (e.inbox && e.year !== shown) counts.set(e.year, (counts.get(e.year) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => a - b).map(([y, n]) => `${n} 个文件的日期在 ${y} 年，${verb} ${y} 年度的“待归类”，不与 ${shown} 年度的资料混放`);
}
