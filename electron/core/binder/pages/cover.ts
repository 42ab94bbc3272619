import { rgb } from 'pdf-lib';
import { formatDate, localIsoDate } from '../../../../shared/text/dates.js';
import { archivalDate } from '../../../../shared/domain/record.js';
import { A4, BINDING_MARGIN, mm } from '../geometry.js';
import type { BinderPlan, PlanVolume } from '../plan.js';
import { planPieces } from '../plan.js';
import { GREY, RULE, type TextStyle } from '../typeset.js';
import type { VolumeDocument } from '../volume-document.js';

/** The frame stays outside the binding margin on either side; top and bottom need less. */
const FRAME_SIDE = BINDING_MARGIN + mm(1);
const FRAME_END = mm(18);
const LABEL: TextStyle = { font: 'sansBold', size: 12 };
const VALUE: TextStyle = { font: 'serif', size: 13.5 };

/**
 * 案卷封面 (GB/T 9705): 档号 in the top corner, the 案卷题名 large in the middle, and the ruled fields 全宗名称,
 * 类目名称, 起止日期, 保管期限, 件数/页数, 年度 and 卷号, inside a double frame; the unit and date at the foot.
 */
export function drawCover(vd: VolumeDocument, plan: BinderPlan, volume: PlanVolume): void {
  const type = vd.type;
  const page = vd.addPage();
  const [W, H] = A4;
  const inner = 3;
  page.drawRectangle({ x: FRAME_SIDE, y: FRAME_END, width: W - 2 * FRAME_SIDE, height: H - 2 * FRAME_END, borderColor: RULE, borderWidth: 1.6 });
  page.drawRectangle({
    x: FRAME_SIDE + inner, y: FRAME_END + inner, width: W - 2 * (FRAME_SIDE + inner), height: H - 2 * (FRAME_END + inner),
    borderColor: RULE, borderWidth: 0.5,
  });

  // 档号 box, top right.
  const codeStyle: TextStyle = { font: 'serifBold', size: 11 };
  const codeLabel: TextStyle = { font: 'sans', size: 9, color: GREY };
  const code = volume.archivalCode ?? (volume.withOverview ? '—' : '（未归档）');
  const boxW = Math.max(mm(48), type.width(code, codeStyle) + mm(8));
  const boxX = W - FRAME_SIDE - mm(8) - boxW;
  const boxTop = H - FRAME_END - mm(12);
  page.drawRectangle({ x: boxX, y: boxTop - mm(9), width: boxW, height: mm(9), borderColor: RULE, borderWidth: 0.6 });
  type.line(page, code, boxX, boxTop - mm(2.6), boxW, codeStyle, 'center');
  type.line(page, '档号', boxX - mm(12), boxTop - mm(3), mm(10), codeLabel, 'right');

  const left = FRAME_SIDE + mm(16);
  const width = W - 2 * left;
  const fromTop = (n: number): number => H - mm(n);
  type.lines(page, [`${plan.options.year} 年 度`], left, fromTop(56), width, { font: 'sans', size: 15, color: GREY }, 22, 'center');
  type.lines(page, ['案 卷'], left, fromTop(66), width, { font: 'serifBold', size: 40 }, 52, 'center');
  page.drawLine({ start: { x: W / 2 - mm(30), y: fromTop(88) }, end: { x: W / 2 + mm(30), y: fromTop(88) }, thickness: 0.8, color: RULE });

  const titleStyle: TextStyle = { font: 'serifBold', size: 20 };
  const titleLines = type.balanced(volume.title, titleStyle, width - mm(10), 3);
  // One or two lines sit in the middle of the three-line title area.
  const titleTop = fromTop(100) - ((3 - titleLines.length) * 32) / 2;
  type.lines(page, titleLines, left, titleTop, width, titleStyle, 32, 'center');
  if (isDraft(volume)) {
    type.lines(page, ['草稿：本卷材料尚未归档，未编件号'], left, fromTop(138), width, { font: 'sansBold', size: 12, color: rgb(0.78, 0.12, 0.12) }, 18, 'center');
  }

  const pieces = planPieces(volume);
  const fields: [string, string][] = [
    ['全宗名称', plan.unit.name || '（未设置单位名称）'],
    ['类目名称', volume.item ? `${volume.item.code}  ${volume.item.title}` : `全部测评项目（${plan.editionName}）`],
    ['起止日期', dateRange(volume)],
    ['保管期限', volume.retention ?? '按件标注'],
    ['件数页数', `本卷共 ${pieces.length} 件，${volume.numberedPages} 页`],
    ['年度卷号', `${plan.options.year} 年度　${volume.volumeNo !== null ? `第 ${volume.volumeNo} 卷` : volume.withOverview ? '全年汇编' : '草稿'}`],
  ];
  const labelW = mm(26);
  const rowH = mm(11);
  let y = fromTop(150);
  for (const [label, value] of fields) {
    const baseline = y - rowH + mm(4.2);
    type.draw(page, label, left, baseline, LABEL);
    const shown = type.wrapAtMost(value, VALUE, width - labelW - mm(2), 1)[0] ?? '';
    const vw = type.width(shown, VALUE);
    type.draw(page, shown, left + labelW + (width - labelW - vw) / 2, baseline, VALUE);
    page.drawLine({ start: { x: left + labelW, y: baseline - mm(2) }, end: { x: left + width, y: baseline - mm(2) }, thickness: 0.6, color: RULE });
    y -= rowH;
  }

  type.lines(page, [plan.unit.name], left, fromTop(244), width, { font: 'serifBold', size: 15 }, 22, 'center');
  const made = volume.archivedOn ? `立卷日期：${formatDate(volume.archivedOn)}` : `打印日期：${formatDate(localIsoDate(plan.created))}`;
  type.lines(page, [made], left, fromTop(254), width, { font: 'serif', size: 11, color: rgb(0.3, 0.3, 0.3) }, 16, 'center');
}

/** A volume printed before its class was archived: no 卷号, no 档号, no 立卷日期. */
export function isDraft(volume: PlanVolume): boolean {
  return volume.volumeNo === null && !volume.withOverview;
}

function dateRange(volume: PlanVolume): string {
  if (!volume.startDate) return '—';
  const a = archivalDate(volume.startDate);
  const b = archivalDate(volume.endDate);
  return a === b ? a : `${a} — ${b}`;
}
