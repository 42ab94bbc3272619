import type { UnitSettings } from '../../../shared/api/archive.js';
import type { BinderWarning } from '../../../shared/api/binder.js';
import type { IndexItem } from '../../../shared/api/index.js';
import type { FileKind } from '../../../shared/api/records.js';
import type { Completeness } from '../../../shared/api/status.js';
import type { RetentionPeriod } from '../../../shared/domain/record.js';
import type { RecordFields } from '../records/repository.js';

/**
 * A binder as plain data: what goes into which volume, in which order, under which 件号 and 页号. The planner fills it
 * from the archive, the prober adds what each file turned out to be, the numbering gives every page its number, and
 * the renderer only draws it. Contents, stamps, footers and bookmarks all read the same numbers from here.
 */

/** An index item as the binder prints it. */
export type PlanItem = Pick<IndexItem, 'code' | 'label' | 'title' | 'level' | 'parent' | 'method' | 'requirement' | 'unit'>;

export interface PlanFile {
  name: string;
  sha256: string;
  kind: FileKind;
  ext: string;
  exifDate: string | null;
  /** Why the importer already judged it unfit for a binder. */
  binderNote: string | null;
  /** Page count the importer read (PDF, Word); null when it could not, and the binder counts them itself. */
  pages: number | null;
}

/** What a file turned out to be when it was checked, and how it is drawn. */
export type FileSource =
  /** `linksLeftOut`: what a converted office file links to from elsewhere, not loaded. */
  | { kind: 'pdf'; path: string; pages: number; converted: boolean; linksLeftOut?: number }
  | { kind: 'image'; path: string }
  | { kind: 'placeholder'; reason: string };

/** One printed page, or a run of pages taken from one PDF, inside a 件. */
export type PageBlock =
  | { kind: 'pdf'; file: PlanFile; path: string; pages: number; converted: boolean; linksLeftOut?: number }
  /** `owner` marks a slot holding the one photo of the next 件, sharing the page (two photos to a page). */
  | { kind: 'photos'; files: { file: PlanFile; path: string; index: number; owner?: PlanPiece }[] }
  | { kind: 'scan'; file: PlanFile; path: string }
  | { kind: 'placeholder'; file: PlanFile | null; reason: string };

/** A 件 of a volume. Its `caption` is the record's over its activity's. */
export interface PlanPiece extends Pick<RecordFields, 'docNo' | 'author' | 'date' | 'type' | 'note' | 'caption'> {
  /** 顺序号: its place in this printed volume (links, bookmarks and the contents row use it). */
  seq: number;
  /** 卷号 of the box it belongs to; null while that class is not archived. */
  volumeNo: number | null;
  /** The box in words, heading its 件 when several boxes print in one file (--single). */
  boxLabel: string;
  /** 件号 given at 归档; null for a draft (not yet archived). */
  pieceNo: number | null;
  /** 档号 given at 归档 (a carried-over copy shows its original's); null for a draft. */
  archivalCode: string | null;
  /** 年度 of its 档号 and stamp: the original's for a carried-over copy. */
  identityYear: number;
  retention: RetentionPeriod;
  /** 问题代码 of its class; null for a draft. */
  problem: string | null;
  /** A copy carried over from an earlier year (年度结转): printed as 复制件 with the original's stamp. */
  copyOf: { year: number } | null;
  recordId: number;
  /** Code of the item it is filed under in this volume. */
  item: string;
  /** As printed: in [brackets] when the archivist wrote it. */
  title: string;
  activity: string | null;
  files: PlanFile[];
  /** Other items of this volume it also belongs to. */
  alsoUnder: string[];
  blocks: PageBlock[];
  /** Numbered pages. */
  pages: number;
  /** 页号 of its first page. */
  firstPageNo: number;
  /** Its one photo sits on the page of the 件 before it (顺序号 given), two photos to a page. */
  sharesPageOf: number | null;
}

export interface ItemStatusNote {
  status: Completeness;
  reason: string;
}

export interface PlanSection {
  item: PlanItem;
  /** Ancestors of the item inside the volume, outermost first. */
  ancestors: PlanItem[];
  status: ItemStatusNote | null;
  pieces: PlanPiece[];
  /** 件 filed under another item of this volume that also belong here. */
  references: { seq: number; title: string; item: string }[];
  /** The item's 件 go on after others (a 件 archived later takes the next 件号, at the end of the volume). */
  continued: boolean;
}

/** A number taken back by 撤销归档: the gap the 备考表 states. */
export interface WithdrawnPiece {
  piece: number;
  archivalCode: string;
  reason: string;
  on: string;
}

export interface PlanVolume {
  /** 卷号 (the 盒号 on the spine); null for a class not yet archived (a draft) and for the whole year in one file. */
  volumeNo: number | null;
  fileName: string;
  /** The 测评项目 the volume's 问题 stands for; null for the whole year in one file. */
  item: PlanItem | null;
  /** The item an --item export was asked for, when it is below the volume's 测评项目. */
  scope: PlanItem | null;
  title: string;
  /** The volume's stored 档号; null for a draft or the whole year. */
  archivalCode: string | null;
  /** One 保管期限 per volume; null only for the whole year in one file. */
  retention: RetentionPeriod | null;
  /** 立卷日期: the day the volume was made up at 归档; null for a draft. */
  archivedOn: string | null;
  startDate: string | null;
  endDate: string | null;
  /** The whole year in one file, with a 总目录 of its items in front. */
  withOverview: boolean;
  sections: PlanSection[];
  /** Items of the volume that have no materials this year (named in the 备考表). */
  emptyItems: PlanItem[];
  withdrawn: WithdrawnPiece[];
  /** Filled by the numbering. */
  numberedPages: number;
}

export interface PlanOptions {
  year: number;
  photosPerPage: 1 | 2;
  withStatus: boolean;
  fitA4: boolean;
  duplex: boolean;
  spine: boolean;
  spineWidth: 20 | 30 | 40 | 50 | null;
}

export interface BinderPlan {
  options: PlanOptions;
  unit: UnitSettings;
  editionName: string;
  /** What is printed: one file a box, or the whole year in one file. */
  volumes: PlanVolume[];
  /** The year's boxes (classes), as the 案卷总目录 lists them; the same as `volumes` unless --single. */
  boxes: PlanVolume[];
  warnings: BinderWarning[];
  /** Photos whose 说明 lacks a required element (事由, 时间, 地点, 人物). */
  captionGaps: { recordId: number; title: string; missing: string[] }[];
  created: Date;
}

/** How a 件 is named in messages and notes: by its 件号, or as a draft by its place in the volume. */
export function pieceName(p: Pick<PlanPiece, 'pieceNo' | 'seq'>): string {
  return p.pieceNo !== null ? `第 ${p.pieceNo} 件` : `草稿第 ${p.seq} 份`;
}

/** The mark on every page of a 件 that is not an original archived in this volume, if any. */
export function copyMark(p: Pick<PlanPiece, 'archivalCode' | 'copyOf'>): string | null {
  if (p.copyOf) return `复制件（原件见 ${p.copyOf.year} 年度）`;
  return p.archivalCode === null ? '草稿（未归档）' : null;
}

export function planPieces(volume: PlanVolume): PlanPiece[] {
  return volume.sections.flatMap((s) => s.pieces);
}

export function planFiles(plan: BinderPlan): PlanFile[] {
  return plan.volumes.flatMap((v) => planPieces(v).flatMap((p) => p.files));
}
