import type { RecordDetail } from '../../shared/api/records.js';
import { formatDate } from '../../shared/text/dates.js';

export interface CaptionPrefill {
  time: string;
  /** The photos share a day but not a moment: applying the day replaces each photo's own time. */
  timeIsDayOnly: boolean;
  photographer: string;
}

/**
 * What a batch caption can offer for a selection of photos. 时间: the moment every photo's caption already holds,
 * else the day when each photo's EXIF DateTimeOriginal and its date (read from the file name at import) agree and
 * all photos share it. 摄影者: the one name the photos carry (the core copies EXIF Artist into it at import). Nothing
 * is offered when the photos disagree, so a batch never spreads one photo's value over the others by accident.
 */
export function captionPrefill(photos: readonly Pick<RecordDetail, 'date' | 'caption' | 'fileList'>[]): CaptionPrefill {
  const none: CaptionPrefill = { time: '', timeIsDayOnly: false, photographer: '' };
  if (photos.length === 0) return none;
  const times = new Set(photos.map((p) => p.caption.time?.trim() ?? ''));
  const [onlyTime] = times;
  const days = new Set(photos.map(photoDay));
  const [onlyDay] = days;
  const sharedTime = times.size === 1 && onlyTime ? onlyTime : '';
  const sharedDay = days.size === 1 && onlyDay ? formatDate(onlyDay) : '';
  const names = new Set(photos.map((p) => p.caption.photographer?.trim() ?? '').filter(Boolean));
  const [onlyName] = names;
  return {
    time: sharedTime || sharedDay,
    timeIsDayOnly: !sharedTime && sharedDay !== '' && times.size > 1,
    photographer: names.size === 1 && onlyName ? onlyName : '',
  };
}

/** The day a photo was taken, or '' when its EXIF and its date disagree or neither is known. */
function photoDay(photo: Pick<RecordDetail, 'date' | 'fileList'>): string {
  const exif = photo.fileList.find((f) => f.exifDate)?.exifDate?.slice(0, 10) ?? null;
  const dated = photo.date?.slice(0, 10) ?? null;
  if (exif && dated && exif !== dated) return '';
  return exif ?? dated ?? '';
}
