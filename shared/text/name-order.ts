/**
 * How names are put in order wherever a clerk or an officer reads a list of them (titles, folders, communities,
 * 街道): as a Chinese reader sorts, by pinyin, with numbers by value, so 第2社区 comes before 第12社区.
 */
const collator = new Intl.Collator('zh-Hans-CN', { numeric: true });

export function compareNames(a: string, b: string): number {
  return collator.compare(a, b);
}
