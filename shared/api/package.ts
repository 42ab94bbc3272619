import { z } from 'zod';
import { COMPLETENESS } from './status.js';
import { method } from './method.js';
import { itemCodeSchema, pathSchema, yearSchema } from './schemas.js';

/**
 * 上报包 (submission package): one zip per community and year for the 街道/区 hub. Every entry is listed in the
 * manifest with its SHA-256, so changing anything breaks the package; `package.verify` checks it offline.
 */
export const PACKAGE_FORMAT = 'taizhang-package';
export const PACKAGE_FORMAT_VERSION = 1;
export const PACKAGE_MANIFEST = 'manifest.json';
export const PACKAGE_METADATA = 'metadata.json';
export const PACKAGE_TRANSFER_SHEET = '移交登记表.pdf';

const SHA = /^[0-9a-f]{64}$/;
const shaSchema = z.string().regex(SHA);
/** Entry names a package may hold: plain relative paths, no "..", no backslashes, no absolute paths. */
const entryNameSchema = z
  .string()
  .min(1)
  .max(400)
  .refine((n) => !n.startsWith('/') && !n.includes('\\') && !n.split('/').some((p) => p === '..' || p === '.' || p === ''), '条目名不合法');

export const packageEntrySchema = z.object({ path: entryNameSchema, sha256: shaSchema, size: z.number().int().nonnegative() }).strict();

export const packageManifestSchema = z
  .object({
    format: z.literal(PACKAGE_FORMAT),
    formatVersion: z.number().int().positive(),
    app: z.object({ name: z.string(), version: z.string() }),
    createdAt: z.string(),
    archive: z.object({ id: z.string().min(1).max(100), unit: z.string().max(200), fonds: z.string().max(100) }),
    year: yearSchema,
    /** SHA-256 over the sorted "path sha256" lines of every entry except the 移交登记表 itself (which prints it). */
    contentHash: shaSchema,
    counts: z.object({ records: z.number().int().nonnegative(), files: z.number().int().nonnegative() }),
    entries: z.array(packageEntrySchema).max(1_000_000),
  })
  .strict();
export type PackageManifest = z.infer<typeof packageManifestSchema>;
export type PackageEntry = z.infer<typeof packageEntrySchema>;

const text = (max: number) => z.string().max(max);

export const packageItemSchema = z
  .object({
    code: itemCodeSchema,
    title: text(2000),
    level: z.number().int().min(1).max(20),
    parent: itemCodeSchema.nullable(),
    method: text(500),
    unit: text(500),
    requirement: text(10_000),
  })
  .strict();

export const packageEditionSchema = z
  .object({
    /** SHA-256 of the edition's items (code, title, parent): the same city table has the same key in every archive. */
    key: shaSchema,
    name: text(500),
    items: z.array(packageItemSchema).max(100_000),
  })
  .strict();

export const packageMappingSchema = z
  .object({ from: z.object({ edition: shaSchema, code: itemCodeSchema }), to: z.object({ edition: shaSchema, code: itemCodeSchema }), kind: text(40) })
  .strict();

export const packageStatusSchema = z
  .object({ code: itemCodeSchema, status: z.enum(COMPLETENESS), reason: text(5000), records: z.number().int().nonnegative() })
  .strict();

export const packageRecordSchema = z
  .object({
    id: z.number().int().positive(),
    title: text(2000),
    type: text(40),
    date: z.string().max(40).nullable(),
    docNo: text(500),
    author: text(500),
    retention: text(40),
    secrecy: text(40),
    archivalCode: z.string().max(200).nullable(),
    piece: z.number().int().nullable(),
    activity: z.string().max(500).nullable(),
    /** Codes of the year's edition the record counts under (the desktop's holdings rule). */
    items: z.array(itemCodeSchema).max(1000),
    /** Searchable text: notes, captions, file text (cut to a length a hub can index). */
    text: text(200_000),
    files: z.array(z.object({ name: text(500), sha256: shaSchema, size: z.number().int().nonnegative(), mime: text(200) }).strict()).max(10_000),
    /**
     * Where the 件 is printed in the package's binder volumes: the volume's entry, the PDF page it starts on (1-based)
     * and its numbered pages. Absent in packages made before binders were located.
     */
    binder: z
      .array(z.object({ document: entryNameSchema, page: z.number().int().positive(), pages: z.number().int().nonnegative() }).strict())
      .max(1000)
      .optional(),
  })
  .strict();

export const packageMetadataSchema = z
  .object({
    archive: z.object({ id: z.string().min(1).max(100), unit: z.string().max(200), fonds: z.string().max(100) }),
    year: yearSchema,
    /** The edition the year uses. */
    edition: shaSchema,
    /** The year's edition and every edition the mappings name. */
    editions: z.array(packageEditionSchema).min(1).max(100),
    mappings: z.array(packageMappingSchema).max(1_000_000),
    statuses: z.array(packageStatusSchema).max(100_000),
    records: z.array(packageRecordSchema).max(1_000_000),
    /** Exported documents inside the package: binders, the checklist, the 归档文件目录. */
    documents: z.array(z.object({ kind: z.enum(['binder', 'checklist', 'catalogue', 'transfer']), path: entryNameSchema, title: text(500) }).strict()).max(10_000),
  })
  .strict();
export type PackageMetadata = z.infer<typeof packageMetadataSchema>;
export type PackageRecord = z.infer<typeof packageRecordSchema>;
export type PackageEdition = z.infer<typeof packageEditionSchema>;
export type PackageStatus = z.infer<typeof packageStatusSchema>;

export interface PackageResult {
  path: string;
  year: number;
  records: number;
  files: number;
  bytes: number;
  contentHash: string;
  warnings: string[];
}

/** What `verify` found: `ok` when nothing is wrong. Each problem in words, Chinese with English. */
export interface VerifyResult {
  ok: boolean;
  problems: string[];
  unit?: string;
  year?: number;
  contentHash?: string;
  entries?: number;
}

/** What the hub answered to a sent package. */
export interface SendResult {
  ok: boolean;
  problems: string[];
  duplicate?: boolean;
}

/** The 街道/区 hub this archive sends its 上报包 to; the upload token is kept but never shown again. */
export interface HubLink {
  url: string | null;
  hasToken: boolean;
}

export const packageMethods = {
  /** Writes the 上报包 of a year (or of some items). */
  'package.create': method<PackageResult>()(
    z.object({ year: yearSchema, out: pathSchema, items: z.array(itemCodeSchema).max(1000).optional() }).strict(),
    { longTask: true },
  ),
  'package.hub': method<HubLink>()(z.object({}).strict()),
  /** Sets the hub's address and the community's upload token; `url: null` forgets both, an omitted token keeps the old. */
  'package.setHub': method<HubLink>()(
    z
      .object({
        url: z.string().trim().min(1, '请填写汇总平台地址 / empty hub address').max(500).nullable(),
        token: z.string().trim().min(8, '上传令牌太短，请照街道给的完整抄写 / upload token too short').max(500).optional(),
      })
      .strict(),
  ),
  /** Sends a written 上报包 to the configured hub. */
  'package.send': method<SendResult>()(z.object({ file: pathSchema }).strict(), { longTask: true }),
} as const;
