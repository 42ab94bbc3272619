import { COMPLETENESS } from '../../../shared/api/status.js';
import { CAPTION_LABELS, RECORD_TYPES, RETENTION_PERIODS } from '../../../shared/domain/record.js';
import { PATH_SEPARATOR } from '../index/tree.js';
import type { BinderPlan, FileSource } from './plan.js';
import { planPieces } from './plan.js';

/**
 * Every character the binder's own wording uses (labels, headings, notes, messages). The fonts are subset to these
 * plus the archive's own text; a test checks that the binder's sources use no character missing here.
 */
export const STATIC_TEXT =
  '–—“”…　、。「」】〓一三上下不与个中为久于交人他代以们件任份位住体何余作使依保修充先入全共其具内再况准出分创到制剪功加动单印卷压原去参取变另只可台号合同名后含启告和因图在址坏城声处备复外多失夹如媒子字存它安完宗定容密导封将少尚嵌已市年序库应度建开张归录影往得总情成或截所打扫找报按损换据排接描提撤放效数整文料断新方无日时明是暂替最月有期未本机权材构查标案档检止正此每毫永求汇没沿法注活测消添照片版理生用由电留白的盒目码秒称程稿空立章第等签管米类系级纸线结续维编缩缺网置考者而背能脊脚致草虚行补表被装要见解计设评该说请读责账质贴资起超转软载输过运还这适部重链销长问间阅附限除隔需面音页项顺题首齐（），．：；';

const PRINTABLE_ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');

/** The characters a binder will draw: the fixed wording, ASCII, and every text of the plan and its files. */
export function collectCharacters(plan: BinderPlan, sources: ReadonlyMap<string, FileSource>): Set<string> {
  const texts: string[] = [
    STATIC_TEXT, PRINTABLE_ASCII, PATH_SEPARATOR, ...Object.values(CAPTION_LABELS), ...RECORD_TYPES, ...RETENTION_PERIODS, ...COMPLETENESS,
    plan.editionName, plan.unit.name, plan.unit.fonds, plan.unit.filer, plan.unit.checker,
  ];
  for (const w of plan.warnings) texts.push(w.message);
  for (const volume of plan.volumes) {
    texts.push(volume.title, volume.archivalCode ?? '', volume.retention ?? '', volume.archivedOn ?? '');
    for (const w of volume.withdrawn) texts.push(w.archivalCode, w.reason);
    const items = [...(volume.item ? [volume.item] : []), ...volume.emptyItems, ...volume.sections.flatMap((s) => [s.item, ...s.ancestors])];
    for (const i of items) texts.push(i.code, i.label, i.title, i.method, i.requirement, i.unit);
    for (const s of volume.sections) if (s.status) texts.push(s.status.status, s.status.reason);
    for (const p of planPieces(volume)) {
      texts.push(p.title, p.docNo, p.author, p.note, p.activity ?? '', p.item, p.archivalCode ?? '', p.problem ?? '', ...p.alsoUnder, ...Object.values(p.caption));
      for (const f of p.files) texts.push(f.name, f.binderNote ?? '');
    }
  }
  for (const source of sources.values()) if (source.kind === 'placeholder') texts.push(source.reason);
  const chars = new Set<string>();
  for (const t of texts) for (const ch of t) if (ch !== '\n') chars.add(ch);
  return chars;
}
