import { useEffect, useState } from 'react';
import type { NumberResult } from '../../../shared/api/archival.js';
import { clerkMessage } from '../../api/client.js';
import { Dialog, ErrorNote } from '../../components/ui.js';
import { useApp } from '../../state/app-context.js';

/**
 * 归档 with a preview: the 件号 and 档号 each record will get, the boxes it makes up and what stays out, before anything
 * is stored. Numbers are for good, so the clerk sees them first and confirms.
 */
export function ArchiveDialog({ year, ids, onClose, onDone }: { year: number; ids?: readonly number[]; onClose: () => void; onDone?: () => void }) {
  const { client, changed, notify } = useApp();
  const [preview, setPreview] = useState<NumberResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The scope is fixed for the dialog's life: the preview and the confirmed act number the same records.
  const [scope] = useState(() => (ids ? { year, ids: [...ids] } : { year }));

  useEffect(() => {
    let live = true;
    client['archival.number']({ ...scope, dryRun: true })
      .then((r) => live && setPreview(r))
      .catch((err: unknown) => live && setError(clerkMessage(err)));
    return () => {
      live = false;
    };
  }, [client, scope]);

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      const done = await client['archival.number']({ ...scope, dryRun: false });
      await changed();
      notify(`已归档 ${done.numbered.length} 件${done.newVolumes.length > 0 ? `，新立 ${done.newVolumes.length} 卷` : ''}。件号和档号从此不再改变。`);
      onDone?.();
      onClose();
    } catch (err) {
      setError(clerkMessage(err));
      setBusy(false);
    }
  }

  const count = preview?.numbered.length ?? 0;
  return (
    <Dialog
      title={ids ? `归档所选的 ${ids.length} 件资料` : `归档 ${year} 年度`}
      wide
      onClose={busy ? undefined : onClose}
      footer={
        <>
          <button onClick={onClose} disabled={busy}>
            取消
          </button>
          <button className="primary" onClick={() => void confirm()} disabled={busy || count === 0}>
            {busy ? '正在归档…' : `确认归档（${count} 件）`}
          </button>
        </>
      }
    >
      {!preview && !error && <p className="muted">正在计算件号和档号…</p>}
      {preview && (
        <div className="archive-preview">
          <p className="lead">
            {count > 0 ? `将给 ${count} 件资料编上件号和档号。` : '没有可以归档的资料。'}
            {preview.newVolumes.length > 0 && `新立 ${preview.newVolumes.length} 卷（盒）。`}
          </p>
          <p className="muted">
            归档后，件号和档号印在归档章、卷内目录和自查表上，不再改变；以后新增的资料接着编号。如需改动，须先在资料详情中“撤销归档”并写明原因，原号码不再使用。
          </p>
          {preview.newVolumes.length > 0 && (
            <table className="table" aria-label="新立的卷">
              <thead>
                <tr>
                  <th className="col-num">卷号</th>
                  <th>案卷档号</th>
                  <th>保管期限</th>
                  <th>问题（测评项目）</th>
                </tr>
              </thead>
              <tbody>
                {preview.newVolumes.map((v) => (
                  <tr key={v.volumeNo}>
                    <td className="col-num">{v.volumeNo}</td>
                    <td className="code">{v.archivalCode}</td>
                    <td>{v.retention}</td>
                    <td>{v.item}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {count > 0 && (
            <div className="table-wrap preview-list">
              <table className="table" aria-label="将要归档的资料">
                <thead>
                  <tr>
                    <th>档号</th>
                    <th className="col-num">件号</th>
                    <th>题名</th>
                    <th>保管期限</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.numbered.map((r) => (
                    <tr key={r.recordId}>
                      <td className="code">{r.archivalCode}</td>
                      <td className="col-num">{r.piece}</td>
                      <td>{r.title}</td>
                      <td>{r.retention}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {preview.skipped.length > 0 && (
            <div className="note note-warn">
              <strong>{preview.skipped.length} 件这次不归档：</strong>
              <ul>
                {preview.skipped.map((s) => (
                  <li key={s.recordId}>
                    {s.title || `第 ${s.recordId} 号资料`}：{s.reason}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
      <ErrorNote text={error} />
    </Dialog>
  );
}
