import { memo, type CSSProperties } from 'react';
import type { RecordSummary } from '../../../shared/api/records.js';
import { displayTitle } from '../../../shared/domain/record.js';
import type { PreviewVariant } from '../../api/transport.js';
import { InlineRename } from './InlineRename.js';
import { AttachmentMark, StateCell, TilePicture } from './record-cells.js';
import { itemAttributes, itemView, type ItemViewProps, type useRecordItems } from './record-items.js';

export const TILE_MIN = 160;
export const TILE_MAX = 240;
export const TILE_DEFAULT = 180;

/** Tiles 160–240 px wide, chosen by the size slider. */
export function isTileSize(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= TILE_MIN && value <= TILE_MAX;
}

/**
 * The records as thumbnails, for photos above all: the same page of records, selection, drag and menu as the list.
 * Tiles far off screen are not laid out or painted (content-visibility), so hundreds of photos scroll smoothly.
 */
export function RecordGrid({
  records,
  fresh,
  size,
  previewUrl,
  items,
}: {
  /** The records drawn: one page or more of the shown list. */
  records: readonly RecordSummary[];
  /** Records just imported, marked for a moment. */
  fresh: ReadonlySet<number>;
  size: number;
  previewUrl: (sha256: string, variant: PreviewVariant) => string;
  items: ReturnType<typeof useRecordItems>;
}) {
  return (
    <ul className="record-grid" aria-label="资料缩略图" aria-multiselectable="true" role="listbox" style={{ '--tile': `${size}px` } as CSSProperties}>
      {records.map((r) => (
        <Tile key={r.id} {...itemView(items, r, fresh, previewUrl)} />
      ))}
    </ul>
  );
}

const Tile = memo(function Tile({ record: r, selected, fresh, renaming, tabStop, handlers, previewUrl }: ItemViewProps) {
  return (
    <li
      role="option"
      aria-selected={selected}
      className={`tile${selected ? ' selected' : ''}${fresh ? ' fresh' : ''}`}
      title={`${r.title}（可拖到左边的测评项目上归入）`}
      {...itemAttributes(r.id, handlers, { tabStop, renaming })}
    >
      <div className="tile-picture">
        <TilePicture record={r} previewUrl={previewUrl} />
        <AttachmentMark record={r} />
      </div>
      <div className="tile-title">{renaming ? <InlineRename record={r} onDone={handlers.doneRenaming} /> : displayTitle(r.title, r.titleSupplied)}</div>
      <div className="tile-meta">
        <span className="tile-date">{r.date ?? '未注明日期'}</span>
        <StateCell record={r} code={false} />
      </div>
    </li>
  );
});
