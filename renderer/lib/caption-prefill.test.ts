import { describe, expect, it } from 'vitest';
import type { RecordDetail, StoredFile } from '../../shared/api/records.js';
import type { Caption } from '../../shared/domain/record.js';
import { captionPrefill } from './caption-prefill.js';

function file(exifDate: string | null): StoredFile {
  return { id: 1, sha256: 'x', name: 'a.jpg', kind: 'image', mime: 'image/jpeg', size: 1, pages: 1, width: 1, height: 1, exifDate, camera: null, binderNote: null };
}

function photo(date: string | null, exifDate: string | null, caption: Caption = {}): Pick<RecordDetail, 'date' | 'caption' | 'fileList'> {
  return { date, caption, fileList: [file(exifDate)] };
}

describe('batch caption pre-fill', () => {
  it('offers the moment every photo already holds', () => {
    const p = captionPrefill([photo('2025-03-05', '2025-03-05T09:30:12', { time: '2025年3月5日 09:30' }), photo('2025-03-05', null, { time: '2025年3月5日 09:30' })]);
    expect(p).toEqual({ time: '2025年3月5日 09:30', timeIsDayOnly: false, photographer: '' });
  });

  it('offers the shared day when EXIF and the file-name date agree, and says it is only a day', () => {
    const p = captionPrefill([
      photo('2025-03-05', '2025-03-05T09:30:12', { time: '2025年3月5日 09:30' }),
      photo('2025-03-05', null, { time: '2025年3月5日 10:02' }),
    ]);
    expect(p.time).toBe('2025年3月5日');
    expect(p.timeIsDayOnly).toBe(true);
  });

  it('offers no time when a photo has no date, or its EXIF and its date disagree, or the days differ', () => {
    expect(captionPrefill([photo('2025-03-05', null), photo(null, null)]).time).toBe('');
    expect(captionPrefill([photo('2025-03-05', '2025-03-04T18:00:00'), photo('2025-03-05', null)]).time).toBe('');
    expect(captionPrefill([photo('2025-03-05', null), photo('2025-03-06', null)]).time).toBe('');
  });

  it('offers 摄影者 only when the photos that name one all name the same', () => {
    expect(captionPrefill([photo(null, null, { photographer: '张敏' }), photo(null, null)]).photographer).toBe('张敏');
    expect(captionPrefill([photo(null, null, { photographer: '张敏' }), photo(null, null, { photographer: '王芳' })]).photographer).toBe('');
    expect(captionPrefill([])).toEqual({ time: '', timeIsDayOnly: false, photographer: '' });
  });
});
