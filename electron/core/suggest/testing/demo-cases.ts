import { activityDocument, activityDocumentTitle, documentText, standaloneDocument } from '../../demo/sample-text.js';
import { demoScenario, type DemoYear } from '../../demo/scenario.js';
import type { LabelledCase } from './held-out.js';

/**
 * The demo's materials as a labelled set: every document and photo of a demo year with the item the demo files it
 * under, its text, and the activity folder it sits in. Last year's are the archive's history; this year's are asked.
 */
export function demoCases(y: DemoYear): LabelledCase[] {
  const cases: LabelledCase[] = [];
  y.activities.forEach((activity, index) => {
    const folder = activity.name;
    for (const kind of activity.documents) {
      const sample = activityDocument(kind, { activity, date: `${y.year}-03-01`, year: y.year, salt: index + y.year, docNo: '' });
      cases.push({ title: activityDocumentTitle(kind, activity), text: documentText(sample), folder, code: activity.item });
    }
    for (const scene of activity.photos) cases.push({ title: `${activity.name}照片：${scene.subject}`, folder, code: activity.item });
  });
  for (const doc of y.documents) {
    cases.push({ title: doc.title, text: documentText(standaloneDocument(doc, `${y.year}-03-01`)), code: doc.item });
  }
  return cases;
}

export function demoSets(thisYear = 2025): { history: LabelledCase[]; cases: LabelledCase[]; lastYear: number; thisYear: number } {
  const s = demoScenario(thisYear);
  return { history: demoCases(s.lastYear), cases: demoCases(s.thisYear), lastYear: s.lastYear.year, thisYear };
}
