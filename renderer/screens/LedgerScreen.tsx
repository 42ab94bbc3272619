import { useState } from 'react';
import { RECTIFICATION_STATES, type Rectification, type RectificationState } from '../../shared/api/ledger.js';
import { FormDialog } from '../components/FormDialog.js';
import { Empty, ErrorNote, Field } from '../components/ui.js';
import { useApp } from '../state/app-context.js';
import { useData } from '../state/use-data.js';
import { EvidencePicker, type EvidenceRef } from './EvidencePicker.js';

interface Draft {
  problem: string;
  site: string;
  unit: string;
  leader: string;
  deadline: string;
  raisedOn: string;
  progress: string;
  state: RectificationState;
}

const EMPTY: Draft = { problem: '', site: '', unit: '', leader: '', deadline: '', raisedOn: '', progress: '', state: '待整改' };

/** 整改台账: problems found by inspectors, who fixes them by when, and how far they got. */
export function LedgerScreen() {
  const { client, year } = useApp();
  const [openOnly, setOpenOnly] = useState(false);
  const rows = useData(() => client['ledger.list']({ year, ...(openOnly ? { open: true } : {}) }), [year, openOnly]);
  const [editing, setEditing] = useState<Rectification | 'new' | null>(null);
  const list = rows.data ?? [];

  return (
    <div className="page">
      <div className="page-head row">
        <div>
          <h2>{year} 年度整改台账</h2>
          <p className="muted">督查发现的问题、责任单位、整改时限和整改情况。逾期未改的标红。</p>
        </div>
        <span className="spacer" />
        <label className="check">
          <input type="checkbox" checked={openOnly} onChange={(e) => setOpenOnly(e.target.checked)} />
          只看未完成
        </label>
        <button className="primary" onClick={() => setEditing('new')}>
          ＋ 登记问题
        </button>
      </div>
      <ErrorNote text={rows.error} />
      {list.length === 0 && !rows.loading ? (
        <Empty title="没有登记的问题">检查组指出问题后，点"登记问题"记下来，整改完成后再标记"已整改"。</Empty>
      ) : (
        <div className="table-wrap">
          <table className="table ledger">
            <thead>
              <tr>
                <th>问题</th>
                <th>点位</th>
                <th>责任单位</th>
                <th>分管领导</th>
                <th>整改时限</th>
                <th>状态</th>
                <th>整改情况</th>
              </tr>
            </thead>
            <tbody>
              {list.map((r) => (
                <tr key={r.id} onClick={() => setEditing(r)} className={r.overdue ? 'row-overdue' : ''}>
                  <td className="col-title">{r.problem}</td>
                  <td>{r.site || '—'}</td>
                  <td>{r.unit || '—'}</td>
                  <td>{r.leader || '—'}</td>
                  <td>
                    {r.deadline ?? '—'}
                    {r.overdue && <span className="badge badge-missing">逾期</span>}
                  </td>
                  <td>
                    <span className={`state state-${r.state}`}>{r.state}</span>
                  </td>
                  <td className="col-progress">{r.progress || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing && <LedgerEditor row={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </div>
  );
}

function LedgerEditor({ row, onClose }: { row: Rectification | null; onClose: () => void }) {
  const { client, year } = useApp();
  const [draft, setDraft] = useState<Draft>(
    row
      ? { problem: row.problem, site: row.site, unit: row.unit, leader: row.leader, deadline: row.deadline ?? '', raisedOn: row.raisedOn ?? '', progress: row.progress, state: row.state }
      : EMPTY,
  );
  const [evidence, setEvidence] = useState<EvidenceRef[]>(row?.evidence ?? []);
  const set = (k: keyof Draft) => (e: { target: { value: string } }) => setDraft({ ...draft, [k]: e.target.value });
  const done = () => {
    onClose();
  };

  const save = async () => {
    const fields = {
      problem: draft.problem,
      site: draft.site,
      unit: draft.unit,
      leader: draft.leader,
      deadline: draft.deadline || null,
      raisedOn: draft.raisedOn || null,
      progress: draft.progress,
      evidence: evidence.map((e) => e.id),
    };
    if (row) await client['ledger.update']({ id: row.id, ...fields, state: draft.state });
    else await client['ledger.add']({ year, ...fields });
    done();
  };
  const close = async () => {
    if (row) await client['ledger.close']({ id: row.id, progress: draft.progress, evidence: evidence.map((e) => e.id) });
    done();
  };

  return (
    <FormDialog
      title={row ? '整改情况' : '登记问题'}
      onClose={onClose}
      submit={{ label: '保存', run: save }}
      extraActions={row && row.state !== '已整改' ? [{ label: '标记为已整改', run: close }] : []}
    >
      <Field label="问题" wide>
        <textarea rows={2} value={draft.problem} onChange={set('problem')} />
      </Field>
      <div className="grid-2">
        <Field label="点位">
          <input value={draft.site} onChange={set('site')} />
        </Field>
        <Field label="责任单位">
          <input value={draft.unit} onChange={set('unit')} />
        </Field>
        <Field label="分管领导">
          <input value={draft.leader} onChange={set('leader')} />
        </Field>
        <Field label="发现日期">
          <input type="date" value={draft.raisedOn} onChange={set('raisedOn')} />
        </Field>
        <Field label="整改时限">
          <input type="date" value={draft.deadline} onChange={set('deadline')} />
        </Field>
        {row && (
          <Field label="状态">
            <select value={draft.state} onChange={set('state')}>
              {RECTIFICATION_STATES.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </Field>
        )}
      </div>
      <Field label="整改情况" wide>
        <textarea rows={3} value={draft.progress} onChange={set('progress')} />
      </Field>
      <Field label="佐证资料" wide>
        <EvidencePicker value={evidence} onChange={setEvidence} />
      </Field>
    </FormDialog>
  );
}
