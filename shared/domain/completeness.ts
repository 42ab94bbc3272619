import type { Completeness } from '../api/status.js';
import type { RecordType } from './record.js';

/** What every activity should have by default: "有方案、有签到、有照片、有总结/记录". */
export const DEFAULT_ACTIVITY_RULE: readonly RecordType[] = ['方案', '签到表', '照片', '总结'];

/**
 * Types that stand in for a required type, as cities accept them: a 通知 does the work of a 方案, and an activity's
 * 总结 may be its 记录 or a 报告. A 说明报告 is not a 总结 (reports must be 说明式), so 报告 stands alone.
 */
const ACCEPTED: Partial<Record<RecordType, readonly RecordType[]>> = {
  方案: ['方案', '通知'],
  总结: ['总结', '记录', '报告'],
  记录: ['记录', '总结'],
};

export function acceptedTypes(required: RecordType): readonly RecordType[] {
  return ACCEPTED[required] ?? [required];
}

/** How a missing type is named to the clerk ("总结/记录" rather than just "总结"). */
export function requiredTypeLabel(required: RecordType): string {
  return acceptedTypes(required)
    .filter((t) => t !== '报告' || required === '报告')
    .join('/');
}

/** Record types counted as 报道/信息 for "至少7篇报道". */
export const REPORT_TYPES: readonly RecordType[] = ['报告', '总结'];

/**
 * The completeness of a whole made of parts (a parent item of its children, a hub cell of the items mapped into it):
 * 不适用 when every part is, else 齐全 when every applicable part is, 缺失 when none has anything, otherwise 部分.
 */
export function aggregateCompleteness(parts: readonly Completeness[]): Completeness {
  const applicable = parts.filter((c) => c !== '不适用');
  if (applicable.length === 0) return '不适用';
  if (applicable.every((c) => c === '齐全')) return '齐全';
  if (applicable.every((c) => c === '缺失')) return '缺失';
  return '部分';
}
