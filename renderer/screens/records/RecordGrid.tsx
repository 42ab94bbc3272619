import type { CSSProperties } from 'react';
import type { RecordSummary } from '../../../shared/api/records.js';
import { displayTitle } from '../../../shared/domain/record.js';
import type { PreviewVariant } from '../../api/transport.js';
import { InlineRename } from './InlineRename.js';
import { StateCell, TilePicture } from './record-cells.js';
import type { useRecordItems } from './record-items.js';

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
  selected,
  fresh,
  size,
  previewUrl,
  items,
}: {
  /** The records drawn: one page or more of the shown list. */
  records: readonly RecordSummary[];
  selected: readonly number[];
  /** Records just imported, marked for a moment. */
  fresh: ReadonlySet<number>;
  size: number;
  previewUrl: (sha256: string, variant: PreviewVariant) => string;
  items: ReturnType<typeof useRecordItems>;
}) {
  return (
    <ul className="record-grid" aria-label="资料缩略图" aria-multiselectable="true" role="listbox" style={{ '--tile': `${size}px` } as CSSProperties}>
      {records.map((r) => {
        const isSelected = selected.includes(r.id);
        return (
          <li
            key={r.id}
            role="option"
            aria-selected={isSelected}
            className={`tile${isSelected ? ' selected' : ''}${fresh.has(r.id) ? ' fresh' : ''}`}
            title={`${r.title}（可拖到左边的测评项目上归入）`}
            {...items.itemProps(r)}
          >
            <div className="tile-picture">
              <TilePicture record={r} previewUrl={previewUrl} />
            </div>
            <div className="tile-title">
              {items.renaming === r.id ? <InlineRename record={r} onDone={() => items.setRenaming(null)} /> : displayTitle(r.title, r.titleSupplied)}
            </div>
            <div className="tile-meta">
              <span className="tile-date">{r.date ?? '未注明日期'}</span>
              <StateCell record={r} code={false} />
            </div>
          </li>
        );
      })}
    </ul>
  );
}
