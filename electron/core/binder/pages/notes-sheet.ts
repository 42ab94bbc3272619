import { formatDate } from '../../../../shared/text/dates.js';
import type { PDFPage } from 'pdf-lib';
import { CONTENT_WIDTH, MARGIN, mm } from '../geometry.js';
import type { BinderPlan, PlanVolume } from '../plan.js';
import { planPieces } from '../plan.js';
import { RULE, type TextStyle } from '../typeset.js';
import type { VolumeDocument } from '../volume-document.js';
import { chinese } from '../../../../shared/errors.js';
import { spacedHeading, TEXT_TOP } from './page-text.js';

/** What went into a volume, for the 本卷情况说明. */
export interface VolumeSummary {
  photos: number;
  photoPieces: number;
  pdfFiles: number;
  converted: number;
  scans: number;
  /** Files that became placeholder pages; `piece` names the 件 (pieceName). */
  problems: { piece: string; title: string; file: string | null; reason: string }[];
}

const BODY: TextStyle = { font: 'serif', size: 11.5 };
const LABEL: TextStyle = { font: 'sansBold', size: 11.5 };
const LINE = 20;
const PAD = mm(5);

/** A row of a 备考表's foot: the role, the name or date typed in, and whether it is signed by hand. */
export interface SignRow {
  label: string;
  typed: string;
  /** A person signs beside the typed name; a date left blank gets a line to write on. */
  sign: 'name' | 'date';
}

/**
 * A 备考表 form: its heading, a ruled box with the 情况说明 paragraphs, and the sign-off rows at the foot, each with
 * the typed name or date and a line to sign or date by hand.
 */
export function drawNotesForm(vd: VolumeDocument, heading: string, explanationLabel: string, paragraphs: string[], signs: SignRow[]): PDFPage {
  const type = vd.type;
  const page = vd.addPage();
  let y = spacedHeading(type, page, heading, TEXT_TOP, { font: 'sansBold', size: 20 });
  y -= mm(8);
  const left = MARGIN.left;
  const signH = mm(14);
  const boxBottom = MARGIN.bottom + signs.length * signH;
  page.drawRectangle({ x: left, y: MARGIN.bottom, width: CONTENT_WIDTH, height: y - MARGIN.bottom, borderColor: RULE, borderWidth: 0.9 });
  type.lines(page, [explanationLabel], left + PAD, y - PAD, CONTENT_WIDTH, LABEL, LINE);
  const textTop = y - PAD - LINE - mm(2);
  const room = Math.floor((textTop - boxBottom - PAD) / LINE);
  const lines = paragraphs.flatMap((p) => type.wrap(`　　${p}`, BODY, CONTENT_WIDTH - 2 * PAD));
  const shown = lines.length > room ? [...lines.slice(0, room - 1), '　　……（其余见导出报告）'] : lines;
  type.lines(page, shown, left + PAD, textTop, CONTENT_WIDTH - 2 * PAD, BODY, LINE);

  signs.forEach((row, i) => {
    const top = boxBottom - i * signH;
    page.drawLine({ start: { x: left, y: top }, end: { x: left + CONTENT_WIDTH, y: top }, thickness: i === 0 ? 0.9 : 0.45, color: RULE });
    const mid = top - signH / 2 + BODY.size * 0.38;
    const x = left + PAD;
    type.draw(page, `${row.label}：`, x, mid, LABEL);
    type.draw(page, row.typed, x + mm(22), mid, BODY);
    const hand = row.sign === 'name' ? '签名：' : row.typed ? '' : '　　　　年　　月　　日';
    if (row.sign === 'name') {
      const sx = left + CONTENT_WIDTH * 0.55;
      type.draw(page, hand, sx, mid, LABEL);
      page.drawLine({ start: { x: sx + mm(12), y: mid - mm(1.2) }, end: { x: left + CONTENT_WIDTH - PAD, y: mid - mm(1.2) }, thickness: 0.45, color: RULE });
    } else if (hand) {
      type.draw(page, hand, x + mm(22), mid, BODY);
    }
  });
  return page;
}

/** 卷内备考表 (GB/T 9705): a generated 本卷情况说明, then 立卷人 and 检查人 (typed, and signed by hand) and 立卷时间. */
export function drawNotes(vd: VolumeDocument, plan: BinderPlan, volume: PlanVolume, summary: VolumeSummary): void {
  drawNotesForm(vd, '卷内备考表', '本卷情况说明', explanation(plan, volume, summary), [
    { label: '立卷人', typed: plan.unit.filer, sign: 'name' },
    { label: '检查人', typed: plan.unit.checker, sign: 'name' },
    { label: '立卷时间', typed: volume.archivedOn ? formatDate(volume.archivedOn) : '（尚未归档）', sign: 'date' },
  ]);
  vd.nameDestination('notes');
}

function explanation(plan: BinderPlan, volume: PlanVolume, s: VolumeSummary): string[] {
  const pieces = planPieces(volume);
  const out: string[] = [];
  out.push(
    `本卷为${plan.unit.name}${plan.options.year}年度创建文明城市软件资料` +
      `${volume.item ? `“${volume.item.code} ${volume.item.title}”部分` : '（全年）'}，` +
      `共 ${pieces.length} 件，${volume.numberedPages} 页（页号只编在文件页上，封面、目录、分隔页和备考表不编页号）。`,
  );
  const kinds = [
    s.pdfFiles > 0 ? `PDF 文件 ${s.pdfFiles} 份${s.converted > 0 ? `（其中 ${s.converted} 份由 Word/Excel 转换）` : ''}` : '',
    s.photos > 0 ? `照片 ${s.photos} 张（${s.photoPieces} 件，每页 ${plan.options.photosPerPage} 张，附说明）` : '',
    s.scans > 0 ? `扫描图片 ${s.scans} 页` : '',
  ].filter(Boolean);
  if (kinds.length > 0) out.push(`其中${kinds.join('，')}。`);
  if (volume.archivalCode) {
    out.push(`本卷档号 ${volume.archivalCode}，保管期限${volume.retention}，${volume.archivedOn ? `${formatDate(volume.archivedOn)}立卷` : ''}；件号、档号在归档时编定，以后补充归档的件续编件号。`);
  }
  for (const w of volume.withdrawn) {
    out.push(`第 ${w.piece} 件（原档号 ${w.archivalCode}）已于${formatDate(w.on)}撤销归档：${w.reason}。该件号不再使用。`);
  }
  const copies = pieces.filter((p) => p.copyOf);
  if (copies.length > 0) {
    out.push(`${copies.length} 件为往年结转的制度、台账等长期有效材料，以复制件编入，保留原年度的档号和归档章（见卷内目录备注）。`);
  }
  const drafts = pieces.filter((p) => !p.copyOf && p.archivalCode === null);
  if (drafts.length > 0) {
    out.push(`${drafts.length} 件尚未归档，按草稿编入，未编件号和档号；归档后请重新打印。`);
  }
  if (s.problems.length > 0) {
    out.push(`有 ${s.problems.length} 个电子文件未能打印，以不编页号、不计页数的说明页代替，原件保存在电子档案中：`);
    for (const p of s.problems) out.push(`${p.piece} ${p.title}${p.file ? `（${p.file}）` : ''}：${chinese(p.reason)}。`);
  }
  if (volume.emptyItems.length > 0) {
    out.push(`以下测评标准本年度暂无材料：${volume.emptyItems.map((i) => `${i.code} ${i.title}`).join('；')}。`);
  }
  out.push('本卷由“台账”依据电子档案生成，卷内目录页号与文件页号一致。');
  return out;
}
