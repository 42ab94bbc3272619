import { z } from 'zod';
import { RECORD_TYPES, RETENTION_PERIODS } from '../domain/record.js';

export const yearSchema = z.number().int().min(1949, '年度不合理 / year out of range').max(2200, '年度不合理 / year out of range');
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD / date must be YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, '日期不存在 / no such date');
export const recordTypeSchema = z.enum(RECORD_TYPES, { message: `类型应为 ${RECORD_TYPES.join('/')} / unknown record type` });
export const retentionSchema = z.enum(RETENTION_PERIODS, { message: `保管期限应为 ${RETENTION_PERIODS.join('/')}` });
/** Item codes as cities write them: "1.2.3", "Ⅰ-1", "A01"… */
export const itemCodeSchema = z.string().trim().min(1, '测评项目编码不能为空 / empty item code').max(64);
export const idSchema = z.number().int().positive();
/** A path on the machine running the core (CLI argument, native dialog, drop). */
export const pathSchema = z.string().min(1, '路径不能为空 / empty path').max(4096);
export const empty = z.object({}).strict();
