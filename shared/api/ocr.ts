import { z } from 'zod';
import { idSchema, yearSchema } from './schemas.js';
import { method } from './method.js';

/** Where the background reading of scans stands ("识别文字 12/40"). */
export interface OcrStatus {
  /** The clerk's switch: off, nothing is read in the background (a selection can still be read on demand). */
  enabled: boolean;
  /** A run is working now. */
  running: boolean;
  /** Pages read since the queue last became non-empty, and the pages of that batch in all. */
  done: number;
  total: number;
  /** Files waiting to be read. */
  waitingFiles: number;
  /** Files whose reading failed (a damaged image); they are not tried again until asked. */
  failedFiles: number;
}

/** One page's recognised text: what the engine read and, once the clerk has corrected it, the correction. */
export interface OcrPage {
  sha256: string;
  fileName: string;
  /** 1 for a photo; the PDF page number otherwise. */
  page: number;
  text: string;
  corrected: string | null;
  /** The text search, binders and suggestions use: the correction when there is one. */
  effective: string;
}

export interface OcrRecordText {
  recordId: number;
  /** Files of the record that can hold text only as pixels, and are not read yet. */
  waiting: number;
  pages: OcrPage[];
}

/** The filled name rows of a recognised sign-in sheet, offered as the activity's 实到人数. */
export interface AttendanceOffer {
  recordId: number;
  activityId: number | null;
  activity: string | null;
  /** Names read in the 姓名 column, one per filled row. */
  names: string[];
  count: number;
  /** What the activity keeps now (null until confirmed). */
  confirmed: number | null;
}

export interface OcrRunResult {
  pages: number;
  records: number;
}

const textSchema = z.string().max(200_000, '文字太长 / text too long');

export const ocrMethods = {
  'ocr.status': method<OcrStatus>()(z.object({}).strict()),
  /** Reads every waiting page now (of one year), one page at a time; resumable and cancellable. */
  'ocr.run': method<OcrRunResult>()(
    z.object({ year: yearSchema.optional(), recordIds: z.array(idSchema).max(10_000).optional() }).strict(),
    { longTask: true },
  ),
  /** Asks for the files of these records to be read (again): on demand, ahead of the background queue. */
  'ocr.request': method<{ files: number }>()(z.object({ recordIds: z.array(idSchema).min(1).max(10_000) }).strict()),
  /** Takes waiting files out of the queue (of one year, or of these records); asking for them again puts them back. */
  'ocr.cancel': method<{ files: number }>()(
    z.object({ year: yearSchema.optional(), recordIds: z.array(idSchema).max(10_000).optional() }).strict(),
  ),
  'ocr.setEnabled': method<OcrStatus>()(z.object({ enabled: z.boolean() }).strict()),
  'ocr.text': method<OcrRecordText>()(z.object({ recordId: idSchema }).strict()),
  /** Keeps the clerk's correction of one page (an empty text clears it: the engine's text counts again). */
  'ocr.correct': method<OcrPage>()(
    z.object({ recordId: idSchema, sha256: z.string().regex(/^[0-9a-f]{64}$/, '文件标识不对 / bad file id'), page: z.number().int().min(1), text: textSchema }).strict(),
  ),
  'ocr.attendance': method<AttendanceOffer>()(z.object({ recordId: idSchema }).strict()),
  /** The clerk confirms (or corrects) the 实到人数 offered; only then is it kept. */
  'ocr.confirmAttendance': method<AttendanceOffer>()(
    z.object({ recordId: idSchema, count: z.number().int().min(0, '人数不能为负 / negative count').max(100_000) }).strict(),
  ),
} as const;
