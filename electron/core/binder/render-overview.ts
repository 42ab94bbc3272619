import type { SubsetFonts } from './fonts.js';
import type { BinderPlan } from './plan.js';
import { drawVolumeList } from './pages/overview.js';
import { VolumeDocument } from './volume-document.js';

/** The year's 案卷总目录 as a PDF of its own, beside the volumes. */
export async function renderOverviewFile(plan: BinderPlan, fonts: SubsetFonts, file: string): Promise<void> {
  const vd = await VolumeDocument.create(file, fonts, {
    title: `${plan.unit.name}${plan.options.year}年度案卷总目录`,
    author: plan.unit.name,
    subject: `${plan.options.year}年度创建文明城市软件资料 案卷总目录`,
    keywords: ['台账', '总目录', String(plan.options.year)],
    created: plan.created,
  });
  try {
    drawVolumeList(vd, plan, plan.boxes);
    await vd.finish([{ title: `${plan.options.year}年度案卷总目录`, dest: 'overview', children: [] }]);
  } catch (err) {
    vd.abort();
    throw err;
  }
}
