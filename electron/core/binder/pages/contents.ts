import { archivalDate } from '../../../../shared/domain/record.js';
import { CONTENT_WIDTH, MARGIN, mm } from '../geometry.js';
import { pageColumn } from '../paging.js';
import type { PlanPiece, PlanVolume } from '../plan.js';
import { planPieces } from '../plan.js';
import { drawTable, type TableArea, type TableColumn, type TableRow } from '../draw-table.js';
import { GREY, type TextStyle } from '../typeset.js';
import type { VolumeDocument } from '../volume-document.js';
import { spacedHeading, TEXT_TOP } from './page-text.js';
import { pieceDest, sectionDest } from './destinations.js';

const SUB: TextStyle = { font: 'sans', size: 9.5, color: GREY };

/**
 * Columns of the 卷内目录 (GB/T 9705, with the 件号 of DA/T 22 filing in the first column): numbers and dates as wide
 * as they need, 题名 takes what is left.
 */
const CONTENTS_COLUMNS: TableColumn[] = [
  { title: '件号', width: 0, fit: true, align: 'center' },
  // 文号 such as 示例社〔2026〕12号 stay on one line; a longer one wraps rather than squeeze the 题名.
  { title: '文号', width: mm(18), fit: true, maxWidth: mm(31), align: 'center' },
  { title: '责任者', width: mm(20), align: 'center' },
  { title: '题名', width: 0, align: 'left' },
  { title: '日期', width: 0, fit: true, align: 'center' },
  { title: '页号', width: 0, fit: true, align: 'center' },
  { title: '备注', width: mm(22), align: 'left' },
];

/**
 * 卷内目录 over as many pages as needed: one row per 件 with its stored 件号 (the volume's 档号 heads the page), the
 * 页号 of its first page (a range for the last 件), each row a link to the 件; a shaded row names the index item the
 * following 件 are filed under. A copy carried over from an earlier year shows its original 档号 in 备注, a record
 * not yet archived shows no 件号.
 */
export function drawContents(vd: VolumeDocument, volume: PlanVolume): number {
  const pieces = planPieces(volume);
  const last = pieces[pieces.length - 1];
  const rows: TableRow[] = [];
  let box: string | null = null;
  volume.sections.forEach((section, i) => {
    // The whole year in one file: each box's 件 under its 卷号 and 档号, since 件号 run per box.
    const first = section.pieces[0];
    if (volume.withOverview && first && first.boxLabel !== box) {
      box = first.boxLabel;
      rows.push({ cells: [box], group: true, dest: sectionDest(i) });
    }
    rows.push({ cells: [`${section.item.code}  ${section.item.title}`], group: true, dest: sectionDest(i) });
    for (const p of section.pieces) {
      rows.push({
        cells: [
          p.pieceNo !== null && !p.copyOf ? String(p.pieceNo) : '—', p.docNo, p.author, p.title, archivalDate(p.date), pageColumn(p, p === last),
          remark(p),
        ],
        dest: pieceDest(p.seq),
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
    vd.type.line(page, `档号：${volume.archivalCode ?? '（未归档）'}`, MARGIN.left, y, CONTENT_WIDTH, SUB, 'left');
    const name = volume.volumeNo !== null ? `第 ${volume.volumeNo} 卷　` : '';
    vd.type.line(page, `${name}共 ${pieces.length} 件 ${volume.numberedPages} 页`, MARGIN.left, y, CONTENT_WIDTH, SUB, 'right');
    return { page, top: y - mm(6), bottom: MARGIN.bottom, left: MARGIN.left };
  });
}

function remark(p: PlanPiece): string {
  const parts = [p.note.trim()];
  if (p.copyOf) parts.push(p.archivalCode ? `参见 ${p.copyOf.year} 年度，档号 ${p.archivalCode}` : `参见 ${p.copyOf.year} 年度（原件未归档）`);
  else if (p.archivalCode === null) parts.push('未归档（草稿）');
  if (p.blocks.some((b) => b.kind === 'placeholder')) parts.push(p.pages === 0 ? '电子文件未能打印，见备考表' : '部分电子文件未能打印，见备考表');
  if (p.alsoUnder.length > 0) parts.push(`另见${p.alsoUnder.join('、')}`);
  return parts.filter(Boolean).join('；');
}
