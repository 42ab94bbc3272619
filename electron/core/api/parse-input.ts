import type { z } from 'zod';
import { splitMessage, TaizhangError, type Message } from '../../../shared/errors.js';

// Kept apart from core.ts so that the window's thread validates its session methods without loading the core.

/** Validates arguments against a method's schema (also used by the shells for their session methods). */
export function parseInput(name: string, schema: z.ZodType, args: unknown): unknown {
  const result = schema.safeParse(args ?? {});
  if (!result.success) {
    const issues = result.error.issues.map(describeIssue);
    const shown = issues.slice(0, 5);
    throw new TaizhangError(
      'invalid_input',
      {
        zh: `填写有误：${[...new Set(shown.map((i) => i.message.zh))].join('；')}`,
        en: `Invalid arguments for ${name}: ${shown.map((i) => (i.path ? `${i.path}: ${i.message.en}` : i.message.en)).join('; ')}`,
      },
      { issues: issues.map((i) => ({ path: i.path, message: i.message.zh, english: i.message.en })) },
    );
  }
  return result.data;
}

/**
 * A schema's own message is written "中文 / English"; zod's defaults are English only and name types, so the Chinese
 * for those says what is wrong in the clerk's words, and the field path stays out of it.
 */
function describeIssue(issue: z.core.$ZodIssue): { path: string; message: Message } {
  const path = issue.path.map(String).join('.');
  if (/[\u3400-\u9fff]/.test(issue.message)) return { path, message: splitMessage(issue.message) };
  const zh: Record<string, string> = {
    invalid_type: '缺少必填内容或格式不对',
    too_small: '内容太短、太少或为空',
    too_big: '内容太长或太多',
    unrecognized_keys: '有无法识别的参数',
    invalid_value: '不是可选的值之一',
    invalid_format: '格式不对',
    not_multiple_of: '数值不对',
    invalid_union: '格式不对',
  };
  return { path, message: { zh: zh[issue.code] ?? '内容不符合要求', en: issue.message } };
}
