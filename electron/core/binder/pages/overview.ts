import { archivalDate } from '../../../../shared/domain/record.js';
import { CONTENT_WIDTH, MARGIN, mm } from '../geometry.js';
import type { BinderPlan, PlanVolume } from '../plan.js';
import { planPieces } from '../plan.js';
import { drawTable, type TableArea, type TableColumn, type TableRow } from '../draw-table.js';
import { GREY, type TextStyle } from '../typeset.js';
import type { VolumeDocument } from '../volume-document.js';
import { labelled, spacedHeading, TEXT_TOP } from './page-text.js';
import { sectionDest } from './destinations.js';

const SUB: TextStyle = { font: 'sans', size: 9.5, color: GREY };

function tablePages(vd: VolumeDocument, title: string, subtitle: [string, string], dest: string): () => TableArea {
  let first = true;
  return () => {
    const page = vd.addPage();
    if (first) vd.nameDestination(dest);
    first = false;
    let y = spacedHeading(vd.type, page, title, TEXT_TOP, { font: 'sansBold', size: 20 });
    y -= mm(5);
    vd.type.line(page, subtitle[0], MARGIN.left, y, CONTENT_WIDTH, SUB, 'left');
    vd.type.line(page, subtitle[1], MARGIN.left, y, CONTENT_WIDTH, SUB, 'right');
    return { page, top: y - mm(6), bottom: MARGIN.bottom, left: MARGIN.left };
  };
}

/**
 * 总目录 in front of a whole-year binder: one row per index item with materials, grouped under its top-level item,
 * with its 件号 and 页号 ranges and its completeness; each row links to the item's divider.
 */
export function drawOverview(vd: VolumeDocument, plan: BinderPlan, volume: PlanVolume): number {
  const columns: TableColumn[] = [
    { title: '序号', width: 0, fit: true, align: 'center' },
    { title: '测评项目', width: 0, align: 'left' },
    { title: '件号', width: mm(16), fit: true, align: 'center' },
    { title: '件数', width: 0, fit: true, align: 'center' },
    { title: '页号', width: mm(16), fit: true, align: 'center' },
    { title: '完成情况', width: mm(20), fit: true, align: 'center' },
  ];
  const rows: TableRow[] = [];
  let group: string | null = null;
  volume.sections.forEach((s, i) => {
    const top = s.ancestors[0] ?? s.item;
    if (top.code !== group) {
      group = top.code;
      rows.push({ cells: [labelled(top)], group: true, dest: sectionDest(i) });
    }
    const p = s.pieces;
    const numbers = p.map((x) => x.pieceNo).filter((n): n is number => n !== null);
    const pieces = numbers.length === 0 ? '—' : numbers.length === 1 ? String(numbers[0]) : `${numbers[0]}—${numbers.at(-1)}`;
    const end = p.length === 0 ? 0 : p.at(-1)!.firstPageNo + p.at(-1)!.pages - 1;
    const pages = p.length === 0 ? '—' : p[0]!.firstPageNo === end ? String(end) : `${p[0]!.firstPageNo}—${end}`;
    rows.push({
      cells: [String(i + 1), `${s.item.code} ${s.item.title}`, pieces, String(p.length), pages, s.status?.status ?? ''],
      dest: sectionDest(i),
    });
  });
  return drawTable(vd, columns, rows, CONTENT_WIDTH, tablePages(vd, '总目录', [
    `${plan.unit.name}`, `${plan.options.year} 年度　共 ${planPieces(volume).length} 件 ${volume.numberedPages} 页`,
  ], 'overview'));
}

/** The year's 总目录 as its own PDF: one row per volume (卷号, 档号, 案卷题名, 起止日期, 件数, 页数, 保管期限). */
export function drawVolumeList(vd: VolumeDocument, plan: BinderPlan, volumes: PlanVolume[]): number {
  const columns: TableColumn[] = [
    { title: '卷号', width: 0, fit: true, align: 'center' },
    { title: '档号', width: 0, fit: true, align: 'center' },
    { title: '案卷题名', width: 0, align: 'left' },
    { title: '起止日期', width: 0, fit: true, align: 'center' },
    { title: '件数', width: 0, fit: true, align: 'center' },
    { title: '页数', width: 0, fit: true, align: 'center' },
    { title: '保管期限', width: 0, fit: true, align: 'center' },
  ];
  const rows: TableRow[] = volumes.map((v) => ({
    // Pages added up from the 件: in a whole-year file the boxes are not numbered on their own.
    cells: [
      v.volumeNo !== null ? String(v.volumeNo) : '草稿', v.archivalCode ?? '（未归档）', v.title,
      v.startDate ? `${archivalDate(v.startDate)}\n${archivalDate(v.endDate)}` : '—',
      String(planPieces(v).length), String(planPieces(v).reduce((n, p) => n + p.pages, 0)), v.retention ?? '',
    ],
  }));
  const total = volumes.reduce((n, v) => n + planPieces(v).length, 0);
  return drawTable(vd, columns, rows, CONTENT_WIDTH, tablePages(vd, '案卷总目录', [
    `${plan.unit.name}　${plan.options.year} 年度`, `共 ${volumes.length} 卷 ${total} 件`,
  ], 'overview'));
}
