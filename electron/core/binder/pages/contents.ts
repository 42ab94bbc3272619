import { archivalDate } from '../../../../shared/domain/record.js';
import { CONTENT_WIDTH, MARGIN, mm } from '../geometry.js';
import { pageColumn } from '../paging.js';
import type { PlanVolume } from '../plan.js';
import { planPieces } from '../plan.js';
import { drawTable, type TableArea, type TableColumn, type TableRow } from '../draw-table.js';
import { GREY, type TextStyle } from '../typeset.js';
import type { VolumeDocument } from '../volume-document.js';
import { spacedHeading, TEXT_TOP } from './page-text.js';
import { pieceDest, sectionDest } from './destinations.js';

const SUB: TextStyle = { font: 'sans', size: 9.5, color: GREY };

/** Columns of the 卷内目录 (GB/T 9705): numbers and dates as wide as they need, 题名 takes what is left. */
const CONTENTS_COLUMNS: TableColumn[] = [
  { title: '顺序号', width: 0, fit: true, align: 'center' },
  { title: '文号', width: mm(20), align: 'center' },
  { title: '责任者', width: mm(27), align: 'center' },
  { title: '题名', width: 0, align: 'left' },
  { title: '日期', width: 0, fit: true, align: 'center' },
  { title: '页号', width: 0, fit: true, align: 'center' },
  { title: '备注', width: mm(12), align: 'center' },
];

/**
 * 卷内目录 over as many pages as needed: one row per 件 (顺序号 = 件号), the 页号 of its first page (a range for the
 * last 件), each row a link to the 件; a shaded row names the index item the following 件 are filed under.
 */
export function drawContents(vd: VolumeDocument, volume: PlanVolume): number {
  const pieces = planPieces(volume);
  const last = pieces[pieces.length - 1];
  const rows: TableRow[] = [];
  volume.sections.forEach((section, i) => {
    rows.push({ cells: [`${section.item.code}  ${section.item.title}`], group: true, dest: sectionDest(i) });
    for (const p of section.pieces) {
      rows.push({
        cells: [String(p.piece), p.docNo, p.author, p.title, archivalDate(p.date), pageColumn(p, p === last), remark(p.note, p.alsoUnder)],
        dest: pieceDest(p.piece),
      });
    }
  });
  let first = true;
  return drawTable(vd, CONTENTS_COLUMNS, rows, CONTENT_WIDTH, (): TableArea => {
    const page = vd.addPage();
    if (first) vd.nameDestination('contents');
    first = false;
    let y = spacedHeading(vd.type, page, '卷内目录', TEXT_TOP, { font: 'sansBold', size: 20 });
    y -= mm(5);
    vd.type.line(page, `档号：${volume.archivalCode}`, MARGIN.left, y, CONTENT_WIDTH, SUB, 'left');
    vd.type.line(page, `第 ${volume.number} 卷　共 ${pieces.length} 件 ${volume.numberedPages} 页`, MARGIN.left, y, CONTENT_WIDTH, SUB, 'right');
    return { page, top: y - mm(6), bottom: MARGIN.bottom, left: MARGIN.left };
  });
}

function remark(note: string, alsoUnder: string[]): string {
  const parts = [note.trim()];
  if (alsoUnder.length > 0) parts.push(`另见${alsoUnder.join('、')}`);
  return parts.filter(Boolean).join('；');
}
