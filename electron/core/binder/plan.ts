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
}

/** What a file turned out to be when it was checked, and how it is drawn. */
export type FileSource =
  | { kind: 'pdf'; path: string; pages: number; converted: boolean }
  | { kind: 'image'; path: string }
  | { kind: 'placeholder'; reason: string };

/** One printed page, or a run of pages taken from one PDF, inside a 件. */
export type PageBlock =
  | { kind: 'pdf'; file: PlanFile; path: string; pages: number; converted: boolean }
  | { kind: 'photos'; files: { file: PlanFile; path: string; index: number }[] }
  | { kind: 'scan'; file: PlanFile; path: string }
  | { kind: 'placeholder'; file: PlanFile | null; reason: string };

/** A 件 of a volume. Its `caption` is the record's over its activity's. */
export interface PlanPiece extends Pick<RecordFields, 'docNo' | 'author' | 'date' | 'type' | 'retention' | 'note' | 'caption'> {
  /** 件号 inside the volume. */
  piece: number;
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
  references: { piece: number; title: string; item: string }[];
}

export interface PlanVolume {
  /** 卷号 (also the box number on the spine). */
  number: number;
  fileName: string;
  /** The volume's item: top-level by default, any item with --item, null for the whole year. */
  item: PlanItem | null;
  title: string;
  archivalCode: string;
  retention: RetentionPeriod;
  retentionCounts: Partial<Record<RetentionPeriod, number>>;
  startDate: string | null;
  endDate: string | null;
  /** The whole year in one volume, with a 总目录 of its items in front. */
  withOverview: boolean;
  sections: PlanSection[];
  /** Items of the volume that have no materials this year (named in the 备考表). */
  emptyItems: PlanItem[];
  /** Filled by the numbering. */
  numberedPages: number;
}

export interface PlanOptions {
  year: number;
  photosPerPage: 1 | 2;
  fitA4: boolean;
  duplex: boolean;
  spine: boolean;
}

export interface BinderPlan {
  options: PlanOptions;
  unit: UnitSettings;
  editionName: string;
  volumes: PlanVolume[];
  warnings: BinderWarning[];
  created: Date;
}

export function planPieces(volume: PlanVolume): PlanPiece[] {
  return volume.sections.flatMap((s) => s.pieces);
}

export function planFiles(plan: BinderPlan): PlanFile[] {
  return plan.volumes.flatMap((v) => planPieces(v).flatMap((p) => p.files));
}
