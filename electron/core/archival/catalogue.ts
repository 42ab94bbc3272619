import type { CatalogueRow } from '../../../shared/api/archival.js';
import { responsibleParty, storedCaption } from '../../../shared/domain/caption.js';
import { archivalDate, displayTitle, type RetentionPeriod } from '../../../shared/domain/record.js';
import { itemCondition } from '../index/holdings.js';
import type { Db } from '../store/database.js';
import { all } from '../store/sql.js';

interface Row {
  id: number;
  archival_code: string;
  doc_no: string;
  author: string;
  title: string;
  title_supplied: number;
  date: string | null;
  secrecy: string;
  pages: number | null;
  unknown_pages: number | null;
  note: string;
  caption: string;
  activity_caption: string | null;
  volume_no: number;
  retention: RetentionPeriod;
}

/**
 * 归档文件目录 (DA/T 22) of a year: every archived 件 of the year in 档号 order (volume, then 件号), or those of one
 * item's subtree. Carried-over copies are listed in their own year's 目录, not again here.
 */
export function catalogueRows(db: Db, year: number, item?: string): CatalogueRow[] {
  const condition = item !== undefined ? itemCondition(db, item, { year }) : null;
  const rows = all<Row>(
    db,
    `SELECT r.id, ident.archival_code, r.doc_no, r.author, r.title, r.title_supplied, r.date, r.secrecy, p.pages, p.unknown_pages, r.note,
            r.caption, a.caption AS activity_caption, ident.volume_no, ident.retention
     FROM live_records r JOIN record_identity ident ON ident.record_id = r.id AND ident.carried = 0
     LEFT JOIN record_pages p ON p.record_id = r.id LEFT JOIN activities a ON a.id = r.activity_id
     WHERE r.year = ? ${condition ? `AND ${condition.sql}` : ''}
     ORDER BY ident.volume_no, ident.piece`,
    year,
    ...(condition?.params ?? []),
  );
  return rows.map((r, i) => ({
    seq: i + 1,
    recordId: r.id,
    archivalCode: r.archival_code,
    docNo: r.doc_no,
    author: responsibleParty(r.author, storedCaption(r.caption, r.activity_caption)),
    title: displayTitle(r.title, r.title_supplied === 1),
    date: archivalDate(r.date),
    secrecy: r.secrecy,
    pages: r.unknown_pages ? null : (r.pages ?? 0),
    note: r.note,
    volumeNo: r.volume_no,
    retention: r.retention,
  }));
}

