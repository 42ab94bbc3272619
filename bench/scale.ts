/** The sizes a benchmark run works at. `full` is the one the targets speak of; `quick` proves the harness in CI. */

export type ScaleName = 'quick' | 'full';

export interface Scale {
  name: ScaleName;
  years: number;
  recordsPerYear: number;
  /** Characters of Chinese body text per generated record. */
  bodyChars: number;
  /** Real files imported and bound: photos at camera size and multi-page PDFs. */
  photos: number;
  photoWidth: number;
  photoHeight: number;
  pdfs: number;
  pagesPerPdf: number;
  /** Long PDFs imported once each (the last over the page limit, to time the refusal). */
  longPdfPages: number[];
  /** Imports are timed in this many batches of distinct files (the median is over batches). */
  importBatches: number;
  /** Each search query is repeated this often; the LIKE scan, being slow, fewer times. */
  searchRepeats: number;
  scanRepeats: number;
  binderRuns: number;
  checklistRuns: number;
  /** Items of the index edition the checklist year uses. */
  checklistItems: number;
  openRuns: number;
  /** OCR corpus: this many printed scans, photographed pages and sign-in sheets each. */
  ocrPagesPerKind: number;
  /** Resolution the corpus is scanned at (quick scans coarser, to keep the harness check short). */
  ocrDpi: number;
}

export const SCALES: Record<ScaleName, Scale> = {
  full: {
    name: 'full',
    years: 10,
    recordsPerYear: 10_000,
    bodyChars: 1000,
    photos: 300,
    photoWidth: 4000,
    photoHeight: 3000,
    pdfs: 100,
    pagesPerPdf: 2,
    longPdfPages: [2000, 10_000, 50_000],
    importBatches: 5,
    searchRepeats: 20,
    scanRepeats: 2,
    binderRuns: 3,
    checklistRuns: 3,
    checklistItems: 2000,
    openRuns: 15,
    ocrPagesPerKind: 4,
    ocrDpi: 150,
  },
  quick: {
    name: 'quick',
    years: 2,
    recordsPerYear: 150,
    bodyChars: 300,
    photos: 4,
    photoWidth: 1200,
    photoHeight: 900,
    pdfs: 4,
    pagesPerPdf: 1,
    longPdfPages: [200, 1000, 10_001],
    importBatches: 2,
    searchRepeats: 2,
    scanRepeats: 1,
    binderRuns: 1,
    checklistRuns: 1,
    checklistItems: 60,
    openRuns: 2,
    ocrPagesPerKind: 1,
    ocrDpi: 100,
  },
};

export function isScaleName(value: string): value is ScaleName {
  return value === 'quick' || value === 'full';
}
