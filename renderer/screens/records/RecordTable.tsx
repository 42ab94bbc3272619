import { useMemo, useState, type MouseEvent, type ReactNode } from 'react';
import type { RecordSummary } from '../../../shared/api/records.js';
import { RECORD_TYPES, displayTitle } from '../../../shared/domain/record.js';
import { Empty } from '../../components/ui.js';
import type { PreviewVariant } from '../../api/transport.js';
import { filterRecords, nextSort, recordState, sortRecords, type RecordFilter, type SortKey, type SortState } from '../../lib/sort-records.js';

const COLUMNS: { key: SortKey; label: string; className?: string }[] = [
  { key: 'title', label: '题名', className: 'col-title' },
  { key: 'type', label: '类型', className: 'col-type' },
  { key: 'date', label: '日期', className: 'col-date' },
  { key: 'pages', label: '页数', className: 'col-num' },
  { key: 'activity', label: '活动', className: 'col-activity' },
  { key: 'status', label: '状态', className: 'col-status' },
];

/** The centre pane: the records of the selected item and everything under it, sortable and filterable. */
export function RecordTable({
  records,
  selected,
  onSelect,
  previewUrl,
  loading,
  selectionActions,
}: {
  records: readonly RecordSummary[];
  selected: readonly number[];
  onSelect: (ids: number[]) => void;
  previewUrl: (sha256: string, variant: PreviewVariant) => string;
  loading: boolean;
  /** Buttons for the selected records, shown in the filter bar. */
  selectionActions?: ReactNode;
}) {
  const [sort, setSort] = useState<SortState>({ key: 'date', ascending: true });
  const [filter, setFilter] = useState<RecordFilter>({ text: '', type: '', unfiledOnly: false });
  const shown = useMemo(() => sortRecords(filterRecords(records, filter), sort), [records, filter, sort]);

  function click(e: MouseEvent, id: number) {
    if (e.ctrlKey || e.metaKey) {
      onSelect(selected.includes(id) ? selected.filter((x) => x !== id) : [...selected, id]);
    } else if (e.shiftKey && selected.length > 0) {
      const ids = shown.map((r) => r.id);
      const [a, b] = [ids.indexOf(selected[0] as number), ids.indexOf(id)].sort((x, y) => x - y) as [number, number];
      onSelect(ids.slice(a, b + 1));
    } else {
      onSelect([id]);
    }
  }

  const allChecked = shown.length > 0 && shown.every((r) => selected.includes(r.id));

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
      </div>
      <div className="table-wrap">
        <table className="table records" aria-label="资料列表">
          <thead>
            <tr>
              <th className="col-check">
                <input
                  type="checkbox"
                  aria-label="全选"
                  checked={allChecked}
                  onChange={() => onSelect(allChecked ? [] : shown.map((r) => r.id))}
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
            {shown.map((r) => (
              <tr key={r.id} className={selected.includes(r.id) ? 'selected' : ''} onClick={(e) => click(e, r.id)} data-record={r.id}>
                <td className="col-check" onClick={(e) => e.stopPropagation()}>
                  <input
                    type="checkbox"
                    aria-label={`选择 ${r.title}`}
                    checked={selected.includes(r.id)}
                    onChange={() => onSelect(selected.includes(r.id) ? selected.filter((x) => x !== r.id) : [...selected, r.id])}
                  />
                </td>
                <td className="col-thumb">
                  <Thumb sha={r.thumb} type={r.type} previewUrl={previewUrl} />
                </td>
                <td className="col-title" title={r.title}>
                  {displayTitle(r.title, r.titleSupplied)}
                  {r.docNo && <span className="sub">{r.docNo}</span>}
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
            ))}
          </tbody>
        </table>
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
    </div>
  );
}

const STATE_CLASS = { 待归类: 'text-missing', 已归入: 'text-partial', 已归档: 'text-ok' } as const;

/** 已归档 shows the 档号 it was given; 已归入 means it still prints as a 草稿. */
function StateCell({ record }: { record: RecordSummary }) {
  const state = recordState(record);
  return (
    <span className={STATE_CLASS[state]} title={state === '已归入' ? '还没有归档，导出时印为草稿' : undefined}>
      {state}
      {record.archivalCode && <span className="sub code">{record.archivalCode}</span>}
    </span>
  );
}

function Thumb({ sha, type, previewUrl }: { sha: string | null; type: string; previewUrl: (sha256: string, variant: PreviewVariant) => string }) {
  const [failed, setFailed] = useState(false);
  if (!sha || failed) return <span className={`thumb-placeholder type-${type}`}>{type.slice(0, 1)}</span>;
  return <img className="thumb" src={previewUrl(sha, 'thumb')} alt="" loading="lazy" onError={() => setFailed(true)} />;
}
