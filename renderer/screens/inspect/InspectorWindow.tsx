import { useEffect, useMemo, useRef, useState } from 'react';
import type { SearchHit } from '../../../shared/api/search.js';
import { Dialog, ErrorNote, Seal } from '../../components/ui.js';
import { buildTree } from '../../lib/tree-nodes.js';
import { useApp } from '../../state/app-context.js';
import { useData } from '../../state/use-data.js';
import { IndexTree } from '../records/IndexTree.js';
import { SearchBox } from '../search/SearchBox.js';
import { InspectRecord } from './InspectRecord.js';
import { YearOptions } from '../../components/YearOptions.js';

export const INSPECT_BANNER = '查阅模式：只能查看，不能修改';

const ignore = (): void => undefined;

/**
 * 查阅模式: the archive shown to an inspection team on the clerk's PC. The whole window browses by index tree with
 * large previews and search; no control edits, deletes, imports or exports (the session refuses writes anyway).
 */
export function InspectorWindow() {
  const { client, archive, year, setYear } = useApp();
  const [item, setItem] = useState<string | null>(null);
  const [recordId, setRecordId] = useState<number | null>(null);
  const [leaving, setLeaving] = useState(false);
  const search = useRef<HTMLInputElement>(null);

  // Ctrl/⌘+F finds, as in the main window; no other shortcut, since every other one edits.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        search.current?.focus();
        search.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const items = useData(() => client['index.list']({ year }), [year]);
  const statuses = useData(() => client['status.get']({ year }), [year]);
  const records = useData(() => client['records.list']({ year, ...(item ? { item } : {}) }), [year, item]);
  const tree = useMemo(() => buildTree(items.data ?? [], statuses.data ?? []), [items.data, statuses.data]);
  const filed = (records.data ?? []).filter((r) => !r.inbox);
  const selected = items.data?.find((i) => i.code === item) ?? null;

  // A 件 opened from the search is shown where it stands in the list too.
  useEffect(() => {
    document.querySelector('.inspect-row.selected')?.scrollIntoView({ block: 'nearest' });
  }, [recordId, records.data]);

  function openHit(hit: SearchHit) {
    setYear(hit.year);
    setItem(null);
    setRecordId(hit.id);
  }

  return (
    // Files dropped here are neither filed nor opened by the browser in place of the window.
    <div className="inspector-window" onDragOver={(e) => e.preventDefault()} onDrop={(e) => e.preventDefault()}>
      <div className="inspect-banner" role="status">
        <strong>{INSPECT_BANNER}</strong>
        <span className="spacer" />
        <button className="inspect-leave" onClick={() => setLeaving(true)}>
          退出查阅模式
        </button>
      </div>
      <header className="topbar">
        <Seal small />
        <div className="unit">
          <div className="unit-name">{archive?.unit.name || '（未填单位名称）'}</div>
          <div className="unit-path">档案查阅</div>
        </div>
        <label className="year-switch">
          <span>年度</span>
          <select
            value={year}
            onChange={(e) => {
              setYear(Number(e.target.value));
              setItem(null);
              setRecordId(null);
            }}
            aria-label="年度"
          >
            <YearOptions years={archive?.years ?? []} />
          </select>
        </label>
        <SearchBox ref={search} onOpen={openHit} />
      </header>
      <main className="inspect-body">
        <aside className="pane pane-tree">
          <IndexTree
            roots={tree}
            statuses={statuses.data ?? []}
            selected={item}
            onSelect={(code) => {
              setItem(code);
              setRecordId(null);
            }}
            onDropFiles={ignore}
            onDropRecords={ignore}
            allCount={null}
            inbox={{ count: 0, selected: false, onSelect: () => setItem(null) }}
          />
        </aside>
        <section className="pane inspect-list" aria-label="资料目录">
          <h2 className="inspect-list-head">{selected ? `${selected.code} ${selected.title}` : `${year} 年度全部资料`}</h2>
          <p className="muted">共 {filed.length} 件</p>
          <ErrorNote text={records.error} />
          <ol>
            {filed.map((r) => (
              <li key={r.id}>
                <button className={`inspect-row${r.id === recordId ? ' selected' : ''}`} onClick={() => setRecordId(r.id)} aria-current={r.id === recordId || undefined}>
                  <span className={`type type-${r.type}`}>{r.type}</span>
                  <span className="inspect-row-title">{r.title}</span>
                  <span className="inspect-row-meta">
                    {r.archivalCode ? <span className="code">{r.archivalCode}</span> : <span className="muted">未归档</span>}
                    {r.date && <span className="muted">{r.date}</span>}
                  </span>
                </button>
              </li>
            ))}
          </ol>
        </section>
        <section className="pane inspect-view" aria-label="资料内容">
          {recordId !== null ? <InspectRecord id={recordId} /> : <p className="inspect-hint">从左边选择测评项目，再选择一件资料查看；也可以在上方搜索。</p>}
        </section>
      </main>
      {leaving && <LeaveDialog onClose={() => setLeaving(false)} />}
    </div>
  );
}

/** Leaving 查阅模式 is a deliberate act of the clerk's: a plain confirmation, no password. */
function LeaveDialog({ onClose }: { onClose: () => void }) {
  const { client, fail } = useApp();
  const leave = () =>
    client['app.setInspectMode']({ on: false })
      .then(onClose)
      .catch(fail);
  return (
    <Dialog
      title="退出查阅模式"
      onClose={onClose}
      footer={
        <>
          <button onClick={onClose}>继续查阅</button>
          <button className="primary" onClick={() => void leave()}>
            确定退出
          </button>
        </>
      }
    >
      <p>退出后即可修改、删除和导入资料。检查组查阅结束了吗？</p>
    </Dialog>
  );
}
