import { A4, mm } from '../geometry.js';
import type { BinderPlan, PlanVolume } from '../plan.js';
import { planPieces } from '../plan.js';
import { GREY, RULE, type TextStyle } from '../typeset.js';
import type { VolumeDocument } from '../volume-document.js';

/** Spine widths of standard boxes (DA/T 22: 20, 30, 40, 50 mm); the label fits the 40 mm one and trims to 30. */
const SPINE_WIDTH = mm(40);
const SPINE_HEIGHT = mm(250);
const LABEL: TextStyle = { font: 'sans', size: 9, color: GREY };
const VALUE: TextStyle = { font: 'serifBold', size: 13 };
const TITLE: TextStyle = { font: 'serifBold', size: 17 };

/**
 * 脊背 label to cut out and paste on the box: 全宗号, 年度, 保管期限, 起止件号 and 盒号 (DA/T 22), with the item's
 * title set vertically, one character under another.
 */
export function drawSpine(vd: VolumeDocument, plan: BinderPlan, volume: PlanVolume): void {
  const type = vd.type;
  const page = vd.addPage();
  vd.nameDestination('spine');
  const [W, H] = A4;
  const x = (W - SPINE_WIDTH) / 2;
  const top = (H + SPINE_HEIGHT) / 2;
  type.line(page, '档案盒脊背标签：沿虚线剪下，贴于盒脊', 0, top + mm(10), W, { font: 'sans', size: 9, color: GREY }, 'center');
  page.drawRectangle({ x, y: top - SPINE_HEIGHT, width: SPINE_WIDTH, height: SPINE_HEIGHT, borderColor: RULE, borderWidth: 0.7, borderDashArray: [4, 3] });

  const numbers = planPieces(volume).filter((p) => !p.copyOf && p.pieceNo !== null).map((p) => p.pieceNo!);
  const fields: [string, string][] = [
    ['全宗号', plan.unit.fonds || '—'],
    ['年度', String(plan.options.year)],
    ['保管期限', volume.retention ?? '—'],
    ['起止件号', numbers.length === 0 ? '—' : `${Math.min(...numbers)}—${Math.max(...numbers)}`],
    ['盒号', volume.volumeNo !== null ? String(volume.volumeNo) : '—'],
  ];
  let y = top - mm(6);
  for (const [label, value] of fields) {
    type.line(page, label, x, y, SPINE_WIDTH, LABEL, 'center');
    type.line(page, value, x, y - mm(5), SPINE_WIDTH, VALUE, 'center');
    y -= mm(14);
    page.drawLine({ start: { x: x + mm(4), y: y + mm(2.5) }, end: { x: x + SPINE_WIDTH - mm(4), y: y + mm(2.5) }, thickness: 0.4, color: RULE });
  }
  const title = volume.item ? volume.item.title : `${plan.options.year}年度创建文明城市软件资料`;
  const chars = [...title];
  const room = Math.floor((y - (top - SPINE_HEIGHT) - mm(8)) / (TITLE.size * 1.3));
  const shown = chars.length > room ? [...chars.slice(0, room - 1), '…'] : chars;
  y -= mm(3);
  for (const ch of shown) {
    type.line(page, ch, x, y, SPINE_WIDTH, TITLE, 'center');
    y -= TITLE.size * 1.3;
  }
}
