import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Caption, RecordType, RetentionPeriod } from '../../../shared/domain/record.js';
import { subsetFonts } from '../binder/fonts.js';
import { readExampleIndex } from '../index/example.js';
import type { ItemDraft } from '../index/editions.js';
import { isoDate } from '../records/naming.js';
import { shiftDays } from './calendar.js';
import { renderSamplePhoto } from './sample-photo.js';
import { FIXED_TEXT, renderSampleDocuments } from './sample-pdf.js';
import {
  activityDocument, activityDocumentTitle, documentText, markedTitle, standaloneDocument, type SampleDocument,
} from './sample-text.js';
import { DEMO_AUTHOR, photoCaption, type DemoActivity, type DemoScenario, type DemoYear, type PhotoScene, type StandaloneDocument } from './scenario.js';

/**
 * Writes the scenario's materials as a clerk's folder tree would hold them, `<年度>/<编码 测评内容>/<日期 活动>/<文件>`,
 * and lists each file with what the clerk knows about it (title, type, date, items, activity, photo caption).
 */

export interface MaterialFile {
  file: string;
  year: number;
  items: string[];
  type: RecordType;
  title: string;
  date: string;
  docNo: string;
  author: string;
  retention: RetentionPeriod;
  activity: string | null;
  caption: Caption | null;
}

export interface MaterialsProgress {
  (done: number, total: number, file: string): void;
}

interface PendingDocument {
  kind: 'pdf';
  entry: MaterialFile;
  sample: SampleDocument;
}

interface PendingPhoto {
  kind: 'photo';
  entry: MaterialFile;
  scene: PhotoScene;
  banner: string;
  takenAt: string;
  variant: number;
  sideways: boolean;
}

type Pending = PendingDocument | PendingPhoto;

/** Every third photo is stored on its side with EXIF orientation 6, as a phone held upright saves it. */
const SIDEWAYS_EVERY = 3;

function itemTitles(): Map<string, string> {
  const titles = new Map<string, string>();
  const walk = (items: ItemDraft[]): void => {
    for (const item of items) {
      titles.set(item.code, item.title);
      walk(item.children ?? []);
    }
  };
  walk(readExampleIndex().items);
  return titles;
}

/** A date no later than today: this year's activities have not all happened yet when the demo runs early in the year. */
export function notAfter(iso: string, today: string): string {
  return iso > today ? today : iso;
}

class MaterialPlan {
  readonly pending: Pending[] = [];
  private readonly titles = itemTitles();
  private notices = 1;
  private photos = 0;

  constructor(private readonly root: string, private readonly today: string) {}

  private folder(year: number, item: string, sub: string): string {
    const itemFolder = `${item} ${this.titles.get(item) ?? ''}`.trim();
    return path.join(this.root, String(year), itemFolder, sub);
  }

  private date(year: number, month: number, day: number): string {
    // The scenario's days all exist, so the date is never null.
    return notAfter(isoDate(year, month, day)!, this.today);
  }

  addYear(y: DemoYear): void {
    this.notices = 2;
    y.activities.forEach((activity, index) => this.addActivity(y.year, activity, index));
    for (const doc of y.documents) this.addStandalone(y.year, doc);
  }

  addActivity(year: number, activity: DemoActivity, index: number): void {
    const date = this.date(year, activity.month, activity.day);
    const folder = this.folder(year, activity.item, `${date} ${activity.name}`);
    const base = { year, items: [activity.item], date, author: DEMO_AUTHOR, activity: activity.name, caption: null };
    activity.documents.forEach((kind, k) => {
      const docNo = kind === '通知' ? `示例社〔${year}〕${this.notices++}号` : '';
      const sample = activityDocument(kind, { activity, date, year, salt: index + year, docNo });
      const title = markedTitle(activityDocumentTitle(kind, activity));
      // Plans and notices are written before the day; the file name carries their own date.
      const docDate = kind === '方案' || kind === '通知' ? notAfter(shiftDays(date, kind === '方案' ? -10 : -7), date) : date;
      this.pending.push({
        kind: 'pdf',
        sample,
        entry: {
          ...base, date: docDate, type: kind, title, docNo, retention: docNo ? '定期30年' : '定期10年',
          file: path.join(folder, `${String(k + 1).padStart(2, '0')} ${title}.pdf`),
        },
      });
    });
    this.addPhotos(year, folder, activity.photos, { date, place: activity.place, banner: activity.name, activity: activity.name, items: [activity.item] });
  }

  private addPhotos(
    year: number,
    folder: string,
    scenes: readonly PhotoScene[],
    where: { date: string; place: string; banner: string; activity: string | null; items: string[] },
  ): void {
    scenes.forEach((scene, i) => {
      this.photos += 1;
      const title = markedTitle(`${where.banner}照片：${scene.subject}`);
      this.pending.push({
        kind: 'photo',
        scene,
        banner: `${where.banner}（示例）`,
        takenAt: `${where.date}T09:${String(12 + i * 7).padStart(2, '0')}:00`,
        variant: this.photos,
        sideways: this.photos % SIDEWAYS_EVERY === 0,
        entry: {
          year, items: where.items, type: '照片', title, date: where.date, docNo: '', author: '社区宣传员 黄磊', retention: '定期10年',
          activity: where.activity, caption: photoCaption(scene, where.date, where.place),
          file: path.join(folder, `${where.date} 照片${i + 1} ${scene.subject}（示例）.jpg`),
        },
      });
    });
  }

  addStandalone(year: number, doc: StandaloneDocument): void {
    const date = this.date(year, doc.month, doc.day);
    const folder = this.folder(year, doc.item, '');
    const title = markedTitle(doc.title);
    this.pending.push({
      kind: 'pdf',
      sample: standaloneDocument(doc, date),
      entry: {
        year, items: [doc.item], type: doc.type, title, date, docNo: doc.docNo ?? '', author: DEMO_AUTHOR,
        retention: doc.type === '制度' || doc.docNo ? '定期30年' : '定期10年', activity: null, caption: null,
        file: path.join(folder, `${date} ${title}.pdf`),
      },
    });
    if (doc.photos) {
      this.addPhotos(year, folder, doc.photos, { date, place: '社区党群服务中心', banner: doc.title.replace(/情况说明报告$/, ''), activity: null, items: [doc.item] });
    }
  }
}

/** Generates every file of the scenario under `root`; fonts are subset once for all documents. */
export async function writeMaterials(
  root: string,
  scenario: DemoScenario,
  today: string,
  progress?: MaterialsProgress,
): Promise<MaterialFile[]> {
  const plan = new MaterialPlan(root, today);
  plan.addYear(scenario.lastYear);
  for (const rule of scenario.rules) plan.addStandalone(scenario.lastYear.year, rule);
  plan.addYear(scenario.thisYear);

  const documents = plan.pending.filter((p): p is PendingDocument => p.kind === 'pdf');
  const fonts = await subsetFonts(documents.map((d) => documentText(d.sample)).join('') + FIXED_TEXT);
  const pdfs = await renderSampleDocuments(documents.map((d) => d.sample), fonts);
  let done = 0;
  const write = async (item: Pending, bytes: Uint8Array): Promise<void> => {
    await fs.mkdir(path.dirname(item.entry.file), { recursive: true });
    await fs.writeFile(item.entry.file, bytes);
    done += 1;
    progress?.(done, plan.pending.length, path.basename(item.entry.file));
  };
  for (const [i, doc] of documents.entries()) await write(doc, pdfs[i]!);
  // Two photos at a time: drawing a scene is single-threaded, and the machine a clerk has usually has two cores or more.
  const photos = plan.pending.filter((p): p is PendingPhoto => p.kind === 'photo');
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < photos.length) {
      const photo = photos[next++]!;
      const { scene, banner, takenAt, variant, sideways } = photo;
      await write(photo, await renderSamplePhoto({ style: scene.style, banner, takenAt, variant, sideways }));
    }
  };
  await Promise.all([worker(), worker()]);
  return plan.pending.map((p) => p.entry);
}
