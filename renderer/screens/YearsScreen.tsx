import { useState } from 'react';
import { clerkMessage } from '../api/client.js';
import { ErrorNote, Field } from '../components/ui.js';
import { useApp } from '../state/app-context.js';
import { useData } from '../state/use-data.js';
import { ArchiveDialog } from './archival/ArchiveDialog.js';
import { SubmitDialog } from './package/SubmitDialog.js';

/** The years of the archive, and carrying over into a new year: standing 制度 and 台账 follow, nothing else. */
export function YearsScreen() {
  const { client, archive, setYear, notify } = useApp();
  const years = archive?.years ?? [];
  const editions = useData(() => client['index.editions']({}), []);
  const last = years.length > 0 ? Math.max(...years.map((y) => y.year)) : new Date().getFullYear();
  const [from, setFrom] = useState(String(last));
  const [to, setTo] = useState(String(last + 1));
  const [edition, setEdition] = useState<number | ''>('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [archiving, setArchiving] = useState<number | null>(null);
  const [submitting, setSubmitting] = useState<number | null>(null);

  async function carry() {
    setError(null);
    const f = Number(from);
    const t = Number(to);
    if (!Number.isInteger(t) || t < 1949 || t > 2200) return setError('新年度应为四位数字，如 2025');
    setBusy(true);
    try {
      await client['archive.setYear']({ year: t, ...(edition !== '' ? { editionId: edition } : {}) });
      const r = await client['records.carryOver']({ from: f, to: t });
      setYear(t);
      notify(`已开始 ${t} 年度：从 ${f} 年带入 ${r.carried} 件常设资料（制度、台账）`);
    } catch (err) {
      setError(clerkMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page">
      <div className="page-head">
        <h2>年度</h2>
        <p className="muted">每年的资料单独组卷，不同年度不混装。往年资料一直保留，可随时搜索。</p>
      </div>
      <div className="years-layout">
        <section className="card">
          <h3>已有年度</h3>
          <table className="table">
            <thead>
              <tr>
                <th>年度</th>
                <th>测评体系</th>
                <th className="col-num">资料件数</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {[...years].reverse().map((y) => (
                <tr key={y.year}>
                  <td>{y.year} 年</td>
                  <td>{y.editionName}</td>
                  <td className="col-num">{y.records}</td>
                  <td>
                    <button className="small" onClick={() => setYear(y.year)}>
                      切换到此年度
                    </button>{' '}
                    <button className="small" onClick={() => setArchiving(y.year)} title="给本年度已归入项目、还没有编号的资料编上件号和档号（先预览）">
                      归档…
                    </button>{' '}
                    <button className="small" onClick={() => setSubmitting(y.year)} title="生成本年度的上报包，保存为文件或发送到街道、区的汇总平台">
                      上报…
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="card">
          <h3>开始新年度（年度结转）</h3>
          <p className="muted">制度、长期台账等常设资料会带到新年度（不复制文件，只建立关联）；活动资料留在原年度。</p>
          <div className="grid-2">
            <Field label="从年度">
              <select value={from} onChange={(e) => setFrom(e.target.value)}>
                {years.map((y) => (
                  <option key={y.year}>{y.year}</option>
                ))}
              </select>
            </Field>
            <Field label="到新年度">
              <input inputMode="numeric" value={to} onChange={(e) => setTo(e.target.value)} />
            </Field>
            <Field label="新年度使用的测评体系" wide>
              <select value={edition} onChange={(e) => setEdition(e.target.value ? Number(e.target.value) : '')}>
                <option value="">最新版本</option>
                {(editions.data ?? []).map((e) => (
                  <option key={e.id} value={e.id}>
                    {e.name}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <ErrorNote text={error} />
          <div className="form-actions">
            <button className="primary" onClick={() => void carry()} disabled={busy}>
              开始 {to} 年度
            </button>
          </div>
        </section>
      </div>
      {archiving !== null && <ArchiveDialog year={archiving} onClose={() => setArchiving(null)} />}
      {submitting !== null && <SubmitDialog year={submitting} onClose={() => setSubmitting(null)} />}
    </div>
  );
}
