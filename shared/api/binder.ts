import { z } from 'zod';
import type { RetentionPeriod } from '../domain/record.js';
import { idSchema, itemCodeSchema, pathSchema, yearSchema } from './schemas.js';
import { method } from './method.js';

export interface BinderDocument {
  /** 顺序号: its place in this volume file. */
  seq: number;
  /** 件号 given at 归档; null for a record printed as a draft (not yet archived). */
  piece: number | null;
  /** 档号 given at 归档 (a carried-over copy's is its original's); null for a draft. */
  archivalCode: string | null;
  retention: RetentionPeriod;
  /** 年度 of its own 档号: the original's year for a copy carried over from an earlier year. */
  year: number;
  /** 卷号 of the box it belongs to (also in a whole-year file); null while its class is not archived. */
  volumeNo: number | null;
  recordId: number;
  /** Code of the index item it is filed under. */
  item: string;
  title: string;
  /** 1-based index of the 件's first page in the PDF file (its first sheet, when nothing of it could be printed). */
  startPage: number;
  /** False when none of its files could be printed: only an unnumbered note sheet stands for it. */
  printed: boolean;
  /** 页号 printed on that page and listed in the 卷内目录. */
  firstPageNo: number;
  pages: number;
}

export interface BinderVolume {
  path: string;
  /** Code of the volume's item; null for the whole year in one volume. */
  item: string | null;
  title: string;
  /** 档号 of the volume, stored when its class was archived; null for a draft volume or the whole year. */
  archivalCode: string | null;
  /** The volume's one 保管期限; null for the whole year in one file. */
  retention: RetentionPeriod | null;
  /** 卷号; null for a draft volume or the whole year. */
  volumeNo: number | null;
  /** Pages in the PDF file. */
  pages: number;
  /** Pages carrying a 页号 (the documents). */
  numberedPages: number;
  /** 1-based indexes of the blank backs inserted for double-sided printing. */
  blankPages: number[];
  documents: BinderDocument[];
}

export interface BinderWarning {
  recordId: number | null;
  file: string | null;
  message: string;
}

export interface BinderReport {
  year: number;
  volumes: BinderVolume[];
  warnings: BinderWarning[];
  /** The 总目录 PDF written beside the volumes, when asked for. */
  overview: string | null;
  /** The report JSON written beside the PDFs, when asked for. */
  report: string | null;
}

const spineWidthSchema = z.union([z.literal(20), z.literal(30), z.literal(40), z.literal(50)], {
  message: '盒脊宽度应为 20、30、40 或 50 毫米 / spine width must be 20, 30, 40 or 50 mm',
});

export const binderOptionsSchema = z
  .object({
    year: yearSchema,
    item: itemCodeSchema.optional(),
    out: pathSchema,
    /** The whole year in one PDF with a 总目录 in front. */
    single: z.boolean().default(false),
    /** Also write a 总目录 PDF beside the volumes. */
    overview: z.boolean().default(false),
    photosPerPage: z.union([z.literal(1), z.literal(2)]).default(1),
    /** Fit landscape and A3 pages onto A4 instead of keeping their size. */
    fitA4: z.boolean().default(false),
    /** Printed on both sides: blank backs so that the cover, contents, dividers and 备考表 start on a front. */
    duplex: z.boolean().default(false),
    spine: z.boolean().default(false),
    /** The box's spine width in mm (DA/T 22: 20, 30, 40, 50); by default the narrowest that holds the volume's sheets. */
    spineWidth: spineWidthSchema.optional(),
    /** Print each item's completeness on its divider (for internal review copies; inspectors' copies leave it out). */
    withStatus: z.boolean().default(false),
    /** Write the report JSON beside the PDFs (used by the checklist for 卷/页号). */
    report: z.boolean().default(true),
    /** 归档 first: give the records that would print as drafts their 件号 and 档号. */
    number: z.boolean().default(false),
  })
  .strict();

export interface CatalogueReport {
  path: string;
  rows: number;
  pages: number;
}

export interface BoxesReport {
  path: string;
  pages: number;
  boxes: { volumeNo: number; archivalCode: string; sheets: number; spineWidth: 20 | 30 | 40 | 50 }[];
}

/** What an export would print, told before it starts: what is not archived yet, and photos with gaps in their 说明. */
export interface BinderPreflight {
  volumes: number;
  pieces: number;
  /** Records that would print as drafts (not yet archived). */
  drafts: { recordId: number; title: string }[];
  captionGaps: { recordId: number; title: string; missing: string[] }[];
  warnings: BinderWarning[];
}

/** Where one 件 prints in the year's binder (one volume per class, one photo to a page), as the 卷内目录 lists it. */
export interface PrintedPlace {
  /** 卷号; null while its class is not archived (a draft volume). */
  volumeNo: number | null;
  volumeTitle: string;
  /** 页号 of its first page; its pages run on from there. 0 pages: nothing of it can be printed. */
  firstPageNo: number;
  pages: number;
  /** The 页号 each file starts at and how many pages it fills (0 for a file printed only as a note sheet). */
  files: { sha256: string; firstPageNo: number; pages: number }[];
  /**
   * Some file in the volume up to this 件 is a Word, Excel or other office file, whose page count is known only once it
   * is converted at export: the numbers may move when the binder is made.
   */
  estimated: boolean;
}

export const binderMethods = {
  'binder.export': method<BinderReport>()(binderOptionsSchema, { longTask: true }),
  /** 归档文件目录 of a year, one item or one box, as a PDF. */
  'binder.catalogue': method<CatalogueReport>()(
    z.object({ year: yearSchema, item: itemCodeSchema.optional(), volume: z.number().int().min(1).optional(), out: pathSchema }).strict(),
    { longTask: true },
  ),
  /** The year's 盒脊 labels (several to an A4 sheet, with cut marks) and a 盒内备考表 for each box. */
  'binder.boxes': method<BoxesReport>()(
    z.object({ year: yearSchema, out: pathSchema, spineWidth: spineWidthSchema.optional(), duplex: z.boolean().default(false) }).strict(),
    { longTask: true },
  ),
  /** The printed pages of one 件, worked out from the stored files without writing anything (查阅模式 reads it). */
  'binder.pages': method<PrintedPlace[]>()(z.object({ year: yearSchema, id: idSchema }).strict()),
  'binder.preflight': method<BinderPreflight>()(
    z.object({ year: yearSchema, item: itemCodeSchema.optional(), single: z.boolean().default(false) }).strict(),
  ),
} as const;

export type BinderOptions = z.output<typeof binderOptionsSchema>;
