import { memo, useEffect, useMemo, useRef, useState, type Dispatch, type ReactNode, type SetStateAction } from 'react';
import type { RecordSummary } from '../../../shared/api/records.js';
import { RECORD_TYPES, displayTitle } from '../../../shared/domain/record.js';
import { Empty } from '../../components/ui.js';
import type { PreviewVariant } from '../../api/transport.js';
import { usePref } from '../../lib/prefs.js';
import { filterRecords, nextSort, sortRecords, type RecordFilter, type SortKey, type SortState } from '../../lib/sort-records.js';
import { InlineRename } from './InlineRename.js';
import { RecordGrid, TILE_DEFAULT, TILE_MAX, TILE_MIN, isTileSize } from './RecordGrid.js';
import { RecordMenu, type RecordActions } from './RecordMenu.js';
import { AttachmentMark, StateCell, Thumb } from './record-cells.js';
import { itemAttributes, itemView, useRecordItems, type ItemViewProps } from './record-items.js';

const COLUMNS: { key: SortKey; label: string; className?: string }[] = [
  { key: 'title', label: '题名', className: 'col-title' },
  { key: 'type', label: '类型', className: 'col-type' },
  { key: 'date', label: '日期', className: 'col-date' },
  { key: 'pages', label: '页数', className: 'col-num' },
  { key: 'activity', label: '活动', className: 'col-activity' },
  { key: 'status', label: '状态', className: 'col-status' },
];

/** Rows drawn at a time: a year of thousands of 件, or a drop of hundreds of photos landing, stays quick to draw. */
export const RECORD_PAGE = 200;

type View = 'list' | 'grid';
const isView = (value: unknown): value is View => value === 'list' || value === 'grid';
const NO_IDS: readonly number[] = [];

/**
 * The centre pane: the records of the selected item and everything under it, sortable and filterable, as a list or
 * as a grid of thumbnails (the clerk's choice is kept).
 */
export function RecordTable({
  records,
  selected,
  onSelect,
  previewUrl,
  loading,
  selectionActions,
  actions,
  highlight = NO_IDS,
}: {
  records: readonly RecordSummary[];
  selected: readonly number[];
  onSelect: (ids: number[]) => void;
  previewUrl: (sha256: string, variant: PreviewVariant) => string;
  loading: boolean;
  /** Buttons for the selected records, shown in the filter bar. */
  selectionActions?: ReactNode;
  /** The right-click menu's actions; without them there is no menu. */
  actions?: RecordActions;
  /** Records just added: brought into view and marked for a moment, but not selected. */
  highlight?: readonly number[];
}) {
  const [sort, setSort] = useState<SortState>({ key: 'date', ascending: true });
  const [filter, setFilter] = useState<RecordFilter>({ text: '', type: '', unfiledOnly: false });
  const shown = useMemo(() => sortRecords(filterRecords(records, filter), sort), [records, filter, sort]);
  const [pages, setPages] = useState(1);
  const drawn = shown.length > pages * RECORD_PAGE ? shown.slice(0, pages * RECORD_PAGE) : shown;
  const [view, setView] = usePref<View>('records.view', 'list', isView);
  const [tile, setTile] = usePref<number>('records.tile', TILE_DEFAULT, isTileSize);
  const items = useRecordItems({ shown, selected, onSelect, onBatchRename: actions?.onBatchRename });
  const { selection } = items;
  const fresh = useFreshRecords(highlight, shown, setPages);
  const activities = useMemo(() => [...new Set(records.map((r) => r.activity).filter((a): a is string => !!a))], [records]);

  const allChecked = shown.length > 0 && shown.every((r) => items.selectedSet.has(r.id));

  return (
    <div className="record-table">
      <div className="filter-bar">
        <input
          type="search"
          placeholder="在本项中筛选：题名、文号、活动、日期"
          value={filter.text}
          onChange={(e) => setFilter({ ...filter, text: e.target.value })}
          aria-label="筛选资料"
        />
        <select value={filter.type} onChange={(e) => setFilter({ ...filter, type: e.target.value })} aria-label="按类型筛选">
          <option value="">全部类型</option>
          {RECORD_TYPES.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
        <label className="check">
          <input type="checkbox" checked={filter.unfiledOnly} onChange={(e) => setFilter({ ...filter, unfiledOnly: e.target.checked })} />
          只看待归类
        </label>
        {view === 'grid' && (
          <label className="tile-size" title="缩略图大小">
            <span>大小</span>
            <input type="range" name="tileSize" min={TILE_MIN} max={TILE_MAX} step={10} value={tile} onChange={(e) => setTile(Number(e.target.value))} aria-label="缩略图大小" />
          </label>
        )}
        <div className="view-switch" role="group" aria-label="显示方式">
          {(['list', 'grid'] as const).map((v) => (
            <button key={v} className={view === v ? 'on' : ''} aria-pressed={view === v} onClick={() => setView(v)}>
              {v === 'list' ? '列表' : '缩略图'}
            </button>
          ))}
        </div>
      </div>
      <div className="table-wrap">
        {view === 'grid' ? (
          <RecordGrid records={drawn} fresh={fresh} size={tile} previewUrl={previewUrl} items={items} />
        ) : (
          <table className="table records" aria-label="资料列表">
            <thead>
              <tr>
                <th className="col-check">
                  <input
                    type="checkbox"
                    aria-label="全选"
                    checked={allChecked}
                    onChange={() => (allChecked ? selection.clear() : selection.selectAll())}
                  />
                </th>
                <th className="col-thumb" aria-label="缩略图" />
                {COLUMNS.map((c) => (
                  <th key={c.key} className={c.className} aria-sort={sort.key === c.key ? (sort.ascending ? 'ascending' : 'descending') : 'none'}>
                    <button className="sort" onClick={() => setSort(nextSort(sort, c.key))}>
                      {c.label}
                      <span className="sort-mark">{sort.key === c.key ? (sort.ascending ? '▲' : '▼') : ''}</span>
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {drawn.map((r) => (
                <RecordRow key={r.id} {...itemView(items, r, fresh, previewUrl)} />
              ))}
            </tbody>
          </table>
        )}
        {drawn.length < shown.length && (
          <div className="form-actions">
            <button name="moreRecords" onClick={() => setPages((n) => n + 1)}>
              显示更多（还有 {shown.length - drawn.length} 件）
            </button>
          </div>
        )}
        {!loading && records.length === 0 && (
          <Empty title="这里还没有资料">
            把文件或文件夹拖到这里，或拖到左边的某个测评项目上；也可以点上方的"添加文件"。
          </Empty>
        )}
        {records.length > 0 && shown.length === 0 && <Empty title="没有符合筛选条件的资料" />}
      </div>
      <div className="table-foot">
        <span>
          共 {records.length} 件{shown.length !== records.length ? `，显示 ${shown.length} 件` : ''}
          {selected.length > 1 ? `，已选 ${selected.length} 件` : ''}
        </span>
        {selectionActions && <span className="selection-actions">{selectionActions}</span>}
      </div>
      {actions && items.menu && (
        <RecordMenu
          ids={items.menu.ids}
          at={items.menu.at}
          actions={actions}
          activities={activities}
          onRename={(id) => items.setRenaming(id)}
          onClose={items.closeMenu}
        />
      )}
    </div>
  );
}

/** One row of the list; drawn again only when its own record, selection or marks change. */
const RecordRow = memo(function RecordRow({ record: r, selected, fresh, renaming, tabStop, handlers, previewUrl }: ItemViewProps) {
  return (
    <tr className={`${selected ? 'selected' : ''}${fresh ? ' fresh' : ''}`} title="可拖到左边的测评项目上归入" {...itemAttributes(r.id, handlers, { tabStop, renaming })}>
      <td className="col-check" onClick={(e) => e.stopPropagation()}>
        <input type="checkbox" aria-label={`选择 ${r.title}`} checked={selected} onChange={() => handlers.toggle(r.id)} />
      </td>
      <td className="col-thumb">
        <Thumb sha={r.thumb} type={r.type} previewUrl={previewUrl} />
      </td>
      <td className="col-title" title={r.title}>
        {renaming ? <InlineRename record={r} onDone={handlers.doneRenaming} /> : displayTitle(r.title, r.titleSupplied)}
        {r.docNo && <span className="sub">{r.docNo}</span>}
        <AttachmentMark record={r} />
      </td>
      <td className="col-type">
        <span className={`type type-${r.type}`}>{r.type}</span>
      </td>
      <td className="col-date">{r.date ?? '—'}</td>
      <td className="col-num">{r.pages || '—'}</td>
      <td className="col-activity" title={r.activity ?? ''}>
        {r.activity ?? '—'}
      </td>
      <td className="col-status">
        <StateCell record={r} />
      </td>
    </tr>
  );
});

const FRESH_FOR_MS = 6000;

/**
 * Records just added are brought into view and marked for a few seconds, without selecting them: the next click
 * starts a selection of the clerk's own. Returns the marked ids.
 */
function useFreshRecords(highlight: readonly number[], shown: readonly RecordSummary[], setPages: Dispatch<SetStateAction<number>>): ReadonlySet<number> {
  const [fresh, setFresh] = useState<ReadonlySet<number>>(() => new Set());
  const seen = useRef<readonly number[]>(NO_IDS);
  useEffect(() => {
    if (highlight.length === 0 || seen.current === highlight) return;
    const at = shown.findIndex((r) => highlight.includes(r.id));
    // The new records come in with the list's next fetch.
    if (at < 0) return;
    seen.current = highlight;
    setPages((n) => Math.max(n, Math.floor(at / RECORD_PAGE) + 1));
    setFresh(new Set(highlight));
    requestAnimationFrame(() => document.querySelector(`[data-record="${shown[at]?.id}"]`)?.scrollIntoView({ block: 'nearest' }));
  }, [highlight, shown, setPages]);
  useEffect(() => {
    if (fresh.size === 0) return;
    const timer = window.setTimeout(() => setFresh(new Set()), FRESH_FOR_MS);
    return () => window.clearTimeout(timer);
  }, [fresh]);
  return fresh;
}
