import { rgb } from 'pdf-lib';
import { PATH_SEPARATOR } from '../../index/tree.js';
import { CONTENT_WIDTH, MARGIN, mm } from '../geometry.js';
import { pieceName, type PlanSection } from '../plan.js';
import { GREY, RULE, type TextStyle } from '../typeset.js';
import type { VolumeDocument } from '../volume-document.js';
import { labelled, TEXT_TOP } from './page-text.js';

const LABEL: TextStyle = { font: 'sansBold', size: 10.5 };
const BODY: TextStyle = { font: 'serif', size: 11.5 };
const LINE = 19;
const STATUS_COLOR = { 齐全: rgb(0.1, 0.45, 0.2), 部分: rgb(0.7, 0.42, 0), 缺失: rgb(0.72, 0.1, 0.1), 不适用: GREY } as const;

/**
 * 分隔页 in front of an index item's 件: where the item sits in the index, its 测评标准, 测评方法, 具体要求 and 责任单位,
 * how complete its materials are this year, and which 件 and pages follow.
 */
export function drawDivider(vd: VolumeDocument, section: PlanSection, pageSpan: string): void {
  const type = vd.type;
  const page = vd.addPage();
  let y = TEXT_TOP - mm(18);
  const path = section.ancestors.map(labelled).join(PATH_SEPARATOR);
  if (path) y -= type.paragraph(page, path, MARGIN.left, y, CONTENT_WIDTH, { font: 'sans', size: 11, color: GREY }, 17);
  y -= mm(3);
  y -= type.lines(page, [`${section.item.code}`], MARGIN.left, y, CONTENT_WIDTH, { font: 'sansBold', size: 16, color: GREY }, 24);
  y -= type.paragraph(page, section.item.title, MARGIN.left, y, CONTENT_WIDTH, { font: 'serifBold', size: 22 }, 32);
  y -= mm(5);
  page.drawLine({ start: { x: MARGIN.left, y }, end: { x: MARGIN.left + CONTENT_WIDTH, y }, thickness: 1.2, color: RULE });
  y -= mm(7);

  const pieces = section.pieces;
  const fields: [string, string, TextStyle?][] = [
    ['测评方法', section.item.method],
    ['具体要求', section.item.requirement],
    ['责任单位', section.item.unit],
  ];
  if (section.status) {
    const color = STATUS_COLOR[section.status.status];
    const { status, reason } = section.status;
    fields.push(['完成情况', reason ? `${status}（${reason}）` : status, { ...BODY, font: 'serifBold', color }]);
  }
  if (pieces.length > 0) {
    const numbers = pieces.map((p) => p.pieceNo).filter((n): n is number => n !== null);
    const span = numbers.length === 0 ? '' : numbers.length === 1 ? `第 ${numbers[0]} 件，` : `第 ${numbers[0]}—${numbers.at(-1)} 件，`;
    const list = pieces.map((p) => `${pieceName(p)}　${p.title}（页号 ${p.firstPageNo}）`);
    const head = `${section.continued ? '（续）' : ''}共 ${pieces.length} 件（${span}${pageSpan}）：`;
    fields.push(['本项材料', [head, ...list].join('\n')]);
  }
  if (section.references.length > 0) {
    fields.push(['另　　见', section.references.map((r) => `${r.title}（归入 ${r.item}，本卷第 ${r.seq} 份）`).join('\n')]);
  }
  const labelW = mm(24);
  const bottom = MARGIN.bottom + mm(10);
  for (const [label, value, style] of fields) {
    if (!value.trim()) continue;
    const room = Math.floor((y - bottom) / LINE);
    if (room <= 0) break;
    const shown = type.wrapAtMost(value, style ?? BODY, CONTENT_WIDTH - labelW, room);
    type.lines(page, [label], MARGIN.left, y, labelW, LABEL, LINE);
    y -= type.lines(page, shown, MARGIN.left + labelW, y, CONTENT_WIDTH - labelW, style ?? BODY, LINE) + mm(3.5);
  }
  page.drawLine({ start: { x: MARGIN.left, y: bottom }, end: { x: MARGIN.left + CONTENT_WIDTH, y: bottom }, thickness: 0.4, color: RULE });
}
