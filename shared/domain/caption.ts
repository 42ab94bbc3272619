import { formatDate, looseIsoDate } from '../text/dates.js';
import { CAPTION_FIELDS, CAPTION_LABELS, effectiveCaption, type Caption, type CaptionField } from './record.js';

/** Elements a photo 说明 cannot do without (GB/T 11821): 事由, 时间, 地点, 人物. */
export const REQUIRED_CAPTION_FIELDS: readonly CaptionField[] = ['subject', 'time', 'place', 'people'];

/** What stands in for a caption element the clerk left empty. */
export interface CaptionFallbacks {
  /** The activity's name stands in for 事由. */
  activity: string | null;
  /** EXIF DateTimeOriginal, then the record's date, stand in for 时间. */
  exifDate: string | null;
  date: string | null;
}

/**
 * The six elements of a photo's 说明 as printed: the clerk's own text (the photo's over its activity's 总说明), else
 * what the record itself says. 时间 is printed in one form, 2024年3月5日, whatever form it was typed in.
 */
export function captionValues(caption: Caption, fallback: CaptionFallbacks): Record<CaptionField, string> {
  const value = (field: CaptionField): string => {
    const own = caption[field]?.trim() ?? '';
    if (field === 'time') {
      const typed = own ? looseIsoDate(own) : null;
      if (typed) return formatDate(typed);
      if (own) return own;
      return formatDate(fallback.exifDate ?? fallback.date);
    }
    if (own) return own;
    return field === 'subject' ? (fallback.activity ?? '') : '';
  };
  return Object.fromEntries(CAPTION_FIELDS.map((f) => [f, value(f)])) as Record<CaptionField, string>;
}

/** The required elements still empty, by their Chinese names (事由, 时间…). */
export function missingCaptionFields(values: Record<CaptionField, string>): string[] {
  return REQUIRED_CAPTION_FIELDS.filter((f) => values[f] === '').map((f) => CAPTION_LABELS[f]);
}

/** 责任者 as printed: the record's own, or for a photo without one its 摄影者. */
export function responsibleParty(author: string, caption: Caption): string {
  return author.trim() || caption.photographer?.trim() || '';
}

/** A caption as stored (JSON), keeping only the elements with text; anything unreadable is no caption. */
export function parseCaption(json: string | null | undefined): Caption {
  if (!json) return {};
  try {
    const parsed = JSON.parse(json) as Record<string, unknown>;
    return Object.fromEntries(
      Object.entries(parsed).filter(([k, v]) => (CAPTION_FIELDS as readonly string[]).includes(k) && typeof v === 'string' && v.trim() !== ''),
    ) as Caption;
  } catch {
    return {};
  }
}

/** A record's caption as printed, from the stored JSON of its own 说明 and of its activity's 总说明. */
export function storedCaption(own: string | null | undefined, activity: string | null | undefined): Caption {
  return effectiveCaption(parseCaption(own), parseCaption(activity));
}
