import { useState } from 'react';
import type { RecordSummary } from '../../../shared/api/records.js';
import type { PreviewVariant } from '../../api/transport.js';
import { recordState } from '../../lib/sort-records.js';

const STATE_CLASS = { 待归类: 'text-missing', 已归入: 'text-partial', 已归档: 'text-ok' } as const;

/** 已归档 shows the 档号 it was given; 已归入 means it still prints as a 草稿. */
export function StateCell({ record, code = true }: { record: RecordSummary; code?: boolean }) {
  const state = recordState(record);
  return (
    <span className={STATE_CLASS[state]} title={state === '已归入' ? '还没有归档，导出时印为草稿' : (record.archivalCode ?? undefined)}>
      {state}
      {code && record.archivalCode && <span className="sub code">{record.archivalCode}</span>}
    </span>
  );
}

/**
 * A record whose files can only be kept as attachments (a .doc, a zip…): marked wherever it is listed, because it
 * counts as material only once the clerk has confirmed it in the detail.
 */
export function AttachmentMark({ record }: { record: RecordSummary }) {
  if (!record.attachmentOnly) return null;
  return record.attachmentConfirmed ? (
    <span className="attachment-mark confirmed" title="只作附件保存，不编入案卷；已确认计入材料">
      附件·已计入
    </span>
  ) : (
    <span className="attachment-mark" title="只能作为附件保存，不编入案卷；在右边确认后才计入材料">
      仅附件·未计入
    </span>
  );
}

export function Thumb({ sha, type, previewUrl }: { sha: string | null; type: string; previewUrl: (sha256: string, variant: PreviewVariant) => string }) {
  const [failed, setFailed] = useState(false);
  if (!sha || failed) return <span className={`thumb-placeholder type-${type}`}>{type.slice(0, 1)}</span>;
  return <img className="thumb" src={previewUrl(sha, 'thumb')} alt="" loading="lazy" onError={() => setFailed(true)} />;
}

/** A grid tile's picture: the photo's thumbnail, or for a document a page drawn in its type's colour with its page count. */
export function TilePicture({ record, previewUrl }: { record: RecordSummary; previewUrl: (sha256: string, variant: PreviewVariant) => string }) {
  const [failed, setFailed] = useState(false);
  if (record.thumb && !failed) {
    return <img src={previewUrl(record.thumb, 'thumb')} alt="" loading="lazy" draggable={false} onError={() => setFailed(true)} />;
  }
  return (
    <span className={`tile-doc type-${record.type}`}>
      <svg viewBox="0 0 24 30" width="44" height="55" aria-hidden="true">
        <path d="M2 1h14l6 6v22H2z" fill="#fff" stroke="currentColor" strokeWidth="1.5" />
        <path d="M16 1v6h6M6 13h12M6 17h12M6 21h8" fill="none" stroke="currentColor" strokeWidth="1.5" />
      </svg>
      <span className="tile-doc-type">{record.type}</span>
      <span className="tile-doc-pages">{record.pages > 0 ? `${record.pages} 页` : '页数未知'}</span>
    </span>
  );
}
