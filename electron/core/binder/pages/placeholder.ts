import { rgb } from 'pdf-lib';
import { chinese } from '../../../../shared/errors.js';
import { A4, CONTENT_WIDTH, MARGIN, mm, STAMP_BAND } from '../geometry.js';
import type { PlanFile } from '../plan.js';
import { GREY, type TextStyle } from '../typeset.js';
import type { VolumeDocument } from '../volume-document.js';

const BODY: TextStyle = { font: 'serif', size: 12 };
const LABEL: TextStyle = { font: 'sansBold', size: 12 };

/**
 * A sheet standing in for a file that cannot be printed (encrypted, damaged, missing, not convertible): it names the
 * file and says why, so the clerk knows what to fetch. It is not a page of the 件: no 页号, no stamp, not counted.
 */
export function drawPlaceholder(vd: VolumeDocument, pieceTitle: string, file: PlanFile | null, reason: string): ReturnType<VolumeDocument['addPage']> {
  const type = vd.type;
  const page = vd.addPage();
  const pad = mm(8);
  const labelW = mm(16);
  const w = CONTENT_WIDTH - 2 * pad;
  const rows = ([
    ['题名', pieceTitle],
    ['文件', file?.name ?? '（无）'],
    // Printed for a Chinese reader: the English of the reason is for the CLI.
    ['原因', chinese(reason)],
    ['处理', '原件保存在台账电子档案中；如需纸质件，请取得可打印的版本后重新导出。'],
  ] as const).map(([label, value]) => ({ label, lines: type.wrapAtMost(value, BODY, w - labelW, 8) }));
  const heading = 28 + 16 + mm(6);
  const boxH = 2 * pad + heading + rows.reduce((h, r) => h + r.lines.length * 20 + mm(2), 0);
  const top = A4[1] - STAMP_BAND - mm(25);
  page.drawRectangle({
    x: MARGIN.left, y: top - boxH, width: CONTENT_WIDTH, height: boxH,
    borderColor: rgb(0.45, 0.45, 0.45), borderWidth: 1, borderDashArray: [6, 4], color: rgb(0.97, 0.97, 0.97),
  });
  let y = top - pad;
  y -= type.lines(page, ['电子文件未能打印'], MARGIN.left + pad, y, w, { font: 'sansBold', size: 18 }, 28, 'center');
  y -= type.lines(page, ['本页为说明页，不编页号，不计入页数'], MARGIN.left + pad, y, w, { font: 'sans', size: 10, color: GREY }, 16, 'center');
  y -= mm(6);
  for (const row of rows) {
    type.lines(page, [row.label], MARGIN.left + pad, y, labelW, LABEL, 20);
    y -= type.lines(page, row.lines, MARGIN.left + pad + labelW, y, w - labelW, BODY, 20) + mm(2);
  }
  return page;
}
