import { useState } from 'react';
import type { RecordDetail } from '../../../shared/api/records.js';
import { clerkMessage } from '../../api/client.js';
import { ReasonForm } from '../../components/ReasonForm.js';
import { ErrorNote } from '../../components/ui.js';
import { useApp } from '../../state/app-context.js';
import { ArchiveDialog } from './ArchiveDialog.js';

/**
 * A record's archival identity in the detail pane: its 档号, 件号 and box once archived, with 撤销归档 (a reason is
 * required, the number is never given again); before that, a button to archive just this record.
 */
export function IdentitySection({ record }: { record: RecordDetail }) {
  const { client, notify } = useApp();
  const [archiving, setArchiving] = useState(false);
  const [withdrawing, setWithdrawing] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const id = record.identity;

  async function withdraw() {
    setError(null);
    try {
      const r = await client['archival.withdraw']({ id: record.id, reason: reason.trim() });
      setWithdrawing(false);
      setReason('');
      notify(`已撤销归档：档号 ${r.archivalCode} 作废，不再使用`);
    } catch (err) {
      setError(clerkMessage(err));
    }
  }

  return (
    <section className="detail-section identity" aria-label="档号">
      <h3>档号</h3>
      {id ? (
        <dl className="identity-grid">
          <dt>档号</dt>
          <dd className="code">{id.archivalCode}</dd>
          <dt>件号</dt>
          <dd>{id.piece}</dd>
          <dt>所在卷</dt>
          <dd>
            第 {id.volumeNo} 卷 <span className="code">{id.volumeCode}</span>
          </dd>
          <dt>保管期限</dt>
          <dd>{id.retention}</dd>
          <dt>立卷日期</dt>
          <dd>{id.archivedOn}</dd>
          {id.carried && (
            <>
              <dt>说明</dt>
              <dd>从 {id.year} 年度结转的复制件，沿用原件档号</dd>
            </>
          )}
        </dl>
      ) : (
        <p className="muted">
          {record.inbox ? '还没有归入测评项目，归入后才能归档。' : '还没有归档：导出时印为草稿，没有件号。'}
        </p>
      )}
      {record.withdrawals.length > 0 && (
        <ul className="withdrawals" aria-label="撤销归档记录">
          {record.withdrawals.map((w) => (
            <li key={w.archivalCode}>
              <span className="code">{w.archivalCode}</span> 于 {w.on} 撤销：{w.reason}
            </li>
          ))}
        </ul>
      )}
      {!id && !record.inbox && !record.deletedAt && (
        <button className="small" onClick={() => setArchiving(true)}>
          归档此件…
        </button>
      )}
      {id && !id.carried && !withdrawing && (
        <button className="small danger-link" onClick={() => setWithdrawing(true)} title="改动已归档资料的年度、期限或项目前，须先撤销归档">
          撤销归档…
        </button>
      )}
      {withdrawing && (
        <ReasonForm
          name="withdrawReason"
          label="撤销归档的原因"
          placeholder="原因，如：重复归档、归错项目"
          confirm="确定撤销"
          value={reason}
          onChange={setReason}
          onSubmit={() => void withdraw()}
          onCancel={() => setWithdrawing(false)}
        />
      )}
      <ErrorNote text={error} />
      {archiving && <ArchiveDialog year={record.year} ids={[record.id]} onClose={() => setArchiving(false)} />}
    </section>
  );
}
