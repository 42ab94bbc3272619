import { useMemo, useState, type DragEvent } from 'react';
import { itemNumber } from '../../../shared/domain/item-text.js';
import { ReasonForm } from '../../components/ReasonForm.js';
import { StatusBadge } from '../../components/ui.js';
import { useApp } from '../../state/app-context.js';
import { buildTree, itemPath } from '../../lib/tree-nodes.js';
import { useData } from '../../state/use-data.js';
import { carriesFiles, readDrop } from '../filing/drop.js';
import { useFiling } from '../filing/Filing.js';
import { ArchiveDialog } from '../archival/ArchiveDialog.js';
import { BulkEdit } from './BulkEdit.js';
import { CaptionBatch } from './CaptionBatch.js';
import { IndexTree } from './IndexTree.js';
import { NoRecord, RecordDetail } from './RecordDetail.js';
import { RecordTable } from './RecordTable.js';
import { RenameBatch } from './RenameBatch.js';
import { useDeleteRecords } from './use-delete.js';

/** The main window: index tree, the selected item's records, and the selected record. Files can be dropped anywhere. */
export function RecordsScreen() {
  const { client, transport, year, nav, go, notify, fail } = useApp();
  const filing = useFiling();
  const deleteRecords = useDeleteRecords();
  const [dragging, setDragging] = useState(false);
  const [bulk, setBulk] = useState<number[] | null>(null);
  const [archiving, setArchiving] = useState(false);
  const [batch, setBatch] = useState<null | { kind: 'rename' | 'caption'; ids: number[] }>(null);

  const items = useData(() => client['index.list']({ year }), [year]);
  const statuses = useData(() => client['status.get']({ year }), [year]);
  const inInbox = nav.inbox === true;
  const records = useData(
    () => client['records.list']({ year, ...(inInbox ? { inbox: true } : nav.item ? { item: nav.item } : {}) }),
    [year, nav.item, inInbox],
  );
  const allRecords = useData(() => client['records.list']({ year }), [year]);
  const selectedId = nav.records.length === 1 ? (nav.records[0] as number) : null;
  const detail = useData(selectedId ? () => client['records.get']({ id: selectedId }) : null, [selectedId]);

  const itemList = useMemo(() => items.data ?? [], [items.data]);
  const tree = useMemo(() => buildTree(itemList, statuses.data ?? []), [itemList, statuses.data]);
  const item = itemList.find((i) => i.code === nav.item) ?? null;
  const itemStatus = statuses.data?.find((s) => s.code === nav.item) ?? null;
  const unfiled = allRecords.data?.filter((r) => r.inbox).length ?? 0;
  // Kept in the selection's order (the list's, for a range or 全选), so a batch numbers them as the clerk sees them.
  const selectedPhotos = useMemo(() => {
    const photos = new Set((records.data ?? []).filter((r) => r.type === '照片').map((r) => r.id));
    return nav.records.filter((id) => photos.has(id));
  }, [records.data, nav.records]);

  /** Records dragged onto a tree item are filed under it (from the inbox, or moved from another item). */
  async function fileRecords(ids: number[], code: string) {
    if (ids.length === 0) return;
    const target = itemList.find((i) => i.code === code);
    try {
      await client['records.bulkUpdate']({ ids, items: [code] });
      notify(`已把 ${ids.length} 件资料归入「${target ? `${target.code} ${target.title}` : code}」`, {
        label: '撤销',
        run: () => void client['records.undo']({}).catch(fail),
      });
    } catch (err) {
      fail(err);
    }
  }

  const windowDrop = {
    onDragOver: (e: DragEvent) => {
      if (!carriesFiles(e.dataTransfer)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
      setDragging(true);
    },
    onDragLeave: (e: DragEvent) => {
      if (e.currentTarget === e.target) setDragging(false);
    },
    onDrop: (e: DragEvent) => {
      if (!carriesFiles(e.dataTransfer)) return;
      e.preventDefault();
      setDragging(false);
      filing.fileDrop(readDrop(e.dataTransfer), nav.item);
    },
  };

  return (
    <div className="records-screen" {...windowDrop}>
      <aside className="pane pane-tree">
        <IndexTree
          roots={tree}
          statuses={statuses.data ?? []}
          selected={nav.item}
          onSelect={(code) => go({ item: code, inbox: false, records: [] })}
          onDropRecords={(ids, code) => void fileRecords(ids, code)}
          inbox={{ count: unfiled, selected: inInbox, onSelect: () => go({ item: null, inbox: true, records: [] }) }}
          onDropFiles={(dropped, code) => {
            setDragging(false);
            go({ item: code, inbox: false });
            filing.fileDrop(dropped, code);
          }}
          allCount={allRecords.data?.length ?? null}
        />
      </aside>

      <section className="pane pane-records" aria-label="资料">
        <div className="item-head">
          <div className="item-head-text">
            <h2>
              {inInbox ? (
                '待归类'
              ) : item ? (
                <>
                  <span className="code">{item.code}</span>
                  {itemNumber(item) !== item.code && <span className="city-number">（本市编号 {itemNumber(item)}）</span>} {item.title}
                </>
              ) : (
                `${year} 年度全部资料`
              )}
              {itemStatus && <StatusBadge status={itemStatus.status} />}
            </h2>
            {item && <p className="item-path">{itemPath(itemList, item.code)}</p>}
            {item?.requirement && <p className="item-req">要求：{item.requirement}</p>}
            {itemStatus?.reason && <p className={`item-reason status-${itemStatus.status}`}>{itemStatus.reason}</p>}
            {itemStatus?.selfCheck && (
              <p className={`item-reason status-${itemStatus.selfCheck.status}`}>
                自查认定：{itemStatus.selfCheck.status}（系统判定：{itemStatus.status}）{itemStatus.selfCheck.reason && `，理由：${itemStatus.selfCheck.reason}`}
              </p>
            )}
            {inInbox && <p className="item-path">{year} 年度还没有归入测评项目的资料：选中后拖到左边的测评项目上，或在右边“归入其他项目”。</p>}
            {!item && !inInbox && allRecords.data && (
              <p className="item-path">
                共 {allRecords.data.length} 件
                {unfiled > 0 ? `，其中 ${unfiled} 件还没有归入测评项目（组卷时不会出现）` : '，都已归入测评项目'}
              </p>
            )}
          </div>
          <div className="item-actions">
            <button className="primary" onClick={() => filing.addFiles(nav.item)}>
              添加文件…
            </button>
            <button onClick={() => filing.importFolder()}>导入文件夹…</button>
            {item && itemStatus?.leaf && <NotApplicableToggle code={item.code} notApplicable={itemStatus.status === '不适用'} />}
          </div>
        </div>
        <RecordTable
          records={records.data ?? []}
          selected={nav.records}
          onSelect={(ids) => go({ records: ids })}
          previewUrl={transport.previewUrl}
          loading={records.loading}
          highlight={nav.highlight}
          actions={{ items: itemList, onFile: (ids, code) => void fileRecords(ids, code), onBulkEdit: setBulk, onBatchRename: (ids) => setBatch({ kind: 'rename', ids }) }}
          selectionActions={
            nav.records.length > 0 && (
              <>
                {nav.records.length > 1 && <button onClick={() => setBulk(nav.records)}>批量修改（{nav.records.length}）</button>}
                {nav.records.length > 1 && <button onClick={() => setBatch({ kind: 'rename', ids: nav.records })}>批量改名…</button>}
                {selectedPhotos.length > 0 && (
                  <button onClick={() => setBatch({ kind: 'caption', ids: selectedPhotos })} title="给所选照片一起填写事由、时间、地点、人物、背景和摄影者">
                    批量填写照片说明（{selectedPhotos.length}）
                  </button>
                )}
                <button onClick={() => setArchiving(true)} title="给所选资料编上件号和档号（先预览）">
                  归档所选…
                </button>
                <button className="danger-link" onClick={() => deleteRecords(nav.records)}>
                  移到回收站
                </button>
              </>
            )
          }
        />
      </section>

      <aside className="pane pane-detail" aria-label="资料详情">
        {selectedId && detail.data && detail.data.id === selectedId ? (
          <RecordDetail record={detail.data} items={itemList} onDelete={() => deleteRecords([selectedId])} />
        ) : (
          <NoRecord count={nav.records.length} />
        )}
      </aside>

      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          <div>
            松开鼠标，把文件放入
            <strong>{item ? `「${item.code} ${item.title}」` : `${year} 年度（稍后再归入项目）`}</strong>
            <span>也可以直接拖到左边的某个测评项目上</span>
          </div>
        </div>
      )}
      {archiving && <ArchiveDialog year={year} ids={nav.records} onClose={() => setArchiving(false)} />}
      {bulk && <BulkEdit ids={bulk} items={itemList} onClose={() => setBulk(null)} />}
      {batch?.kind === 'rename' && <RenameBatch ids={batch.ids} onClose={() => setBatch(null)} />}
      {batch?.kind === 'caption' && <CaptionBatch ids={batch.ids} onClose={() => setBatch(null)} />}
    </div>
  );
}

/**
 * Marks a 测评标准 as not applying to this unit this year (e.g. no such 点位), with the reason the 自查表 prints, or
 * takes that back.
 */
function NotApplicableToggle({ code, notApplicable }: { code: string; notApplicable: boolean }) {
  const { client, year, fail } = useApp();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const set = (value: boolean) =>
    client['status.setNotApplicable']({ year, item: code, notApplicable: value, reason: reason.trim() })
      .then(() => {
        setAsking(false);
        setReason('');
      })
      .catch(fail);
  if (notApplicable) {
    return (
      <button className="link" onClick={() => void set(false)}>
        恢复为需要材料
      </button>
    );
  }
  if (!asking) {
    return (
      <button className="link" onClick={() => setAsking(true)} title="本单位今年没有这一项（如没有相应点位）时使用，自查表中显示为不适用">
        本年度不适用
      </button>
    );
  }
  return (
    <ReasonForm
      name="naReason"
      label="不适用的原因"
      placeholder="原因，如：本社区没有此类点位"
      confirm="确定不适用"
      value={reason}
      onChange={setReason}
      onSubmit={() => void set(true)}
      onCancel={() => setAsking(false)}
    />
  );
}
