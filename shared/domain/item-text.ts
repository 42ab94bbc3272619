import type { IndexItem } from '../api/index.js';

/** "一、思想道德建设", "1. 实践站建设": the numbering as the city printed it, then the title. */
export function itemText(item: Pick<IndexItem, 'label' | 'title'>): string {
  const label = item.label.trim();
  if (label === '') return item.title;
  return /[\p{Script=Latin}\p{Nd}.)]$/u.test(label) ? `${label} ${item.title}` : `${label}${item.title}`;
}

/** The number a clerk knows an item by: the city's own ("8.", "（三）") when its table had one, else the dotted code. */
export function itemNumber(item: Pick<IndexItem, 'label' | 'code'>): string {
  return item.label.trim() || item.code;
}
