import { useState } from 'react';
import type { ChecklistConflict, ChecklistDiff, ConflictChoice } from '../../shared/api/checklist.js';
import { chinese } from '../../shared/errors.js';
import { Dialog, ErrorNote } from '../components/ui.js';
import { clerkMessage } from '../api/client.js';
import { baseName } from '../lib/format.js';
import { useApp } from '../state/app-context.js';
import { usePickFiles } from './filing/pick.js';

function shown(v: string | null): string {
  if (v === null) return '（导出时的值已缺失）';
  return v === '' ? '（空）' : v;
}

/**
 * 读回自查表: the clerk picks a checklist given back by an auditor or a colleague, sees what it changes, chooses per
 * conflict whether the archive's or the file's value stays, and stores it. The same diff and apply as the CLI.
 */
export function ChecklistReturnDialog({ onClose }: { onClose: () => void }) {
  const { client } = useApp();
  const pick = usePickFiles();
  const [file, setFile] = useState<string | null>(null);
  const [diff, setDiff] = useState<ChecklistDiff | null>(null);
  const [choices, setChoices] = useState<Record<string, ConflictChoice>>({});
  const [applied, setApplied] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function choose() {
    setError(null);
    const paths = await pick('checklist', false);
    const chosen = paths?.[0];
    if (!chosen) return;
    setBusy(true);
    try {
      setFile(chosen);
      setDiff(await client['checklist.diff']({ file: chosen }));
      setChoices({});
      setApplied(null);
    } catch (err) {
      setError(clerkMessage(err));
      setDiff(null);
    } finally {
      setBusy(false);
    }
  }

  async function apply() {
    if (!file || !diff) return;
    setBusy(true);
    setError(null);
    try {
      const resolutions = Object.fromEntries(Object.entries(choices).filter(([, c]) => c === 'file'));
      const result = await client['checklist.apply']({ file, token: diff.token, resolutions });
      setApplied(result.applied);
    } catch (err) {
      setError(clerkMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const storable = diff ? diff.changes.length + Object.values(choices).filter((c) => c === 'file').length : 0;
  const setChoice = (c: ChecklistConflict, choice: ConflictChoice) => setChoices((prev) => ({ ...prev, [c.id]: choice }));

  return (
    <Dialog
      title="读回自查表"
      wide
      onClose={busy ? undefined : onClose}
      footer={
        applied !== null ? (
          <button className="primary" onClick={onClose}>
            完成
          </button>
        ) : (
          <>
            <button onClick={() => void choose()} disabled={busy}>
              {file ? '换一个文件' : '选择自查表文件'}
            </button>
            <button className="primary" onClick={() => void apply()} disabled={busy || storable === 0}>
              写入档案（{storable} 处）
            </button>
          </>
        )
      }
    >
      <ErrorNote text={error} />
      {!diff && !error && <p>选择审核人或同事改过的自查表（.xlsx）。先列出修改，确认后才写入档案。</p>}
      {applied !== null && <p className="note">已写入 {applied} 处修改；重新导出自查表即可看到。</p>}
      {diff && applied === null && (
        <div className="checklist-return">
          <p>
            {file ? baseName(file) : ''}（{diff.year} 年度）：修改 {diff.changes.length} 处，冲突 {diff.conflicts.length} 处，提示 {diff.problems.length} 条
          </p>
          {diff.changes.length > 0 && (
            <table className="table">
              <thead>
                <tr>
                  <th>位置</th>
                  <th>列</th>
                  <th>档案中</th>
                  <th>改为</th>
                </tr>
              </thead>
              <tbody>
                {diff.changes.map((c) => (
                  <tr key={`${c.sheet}-${c.row}-${c.field}`}>
                    <td>
                      {c.sheet} 第 {c.row} 行 {c.code} {c.title}
                    </td>
                    <td>{c.field}</td>
                    <td>{shown(c.before)}</td>
                    <td>
                      {shown(c.after)}
                      {c.claim && <div className="note note-warn">自查认定高于系统判定“{c.claim.system}”，理由：{c.claim.reason}</div>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {diff.conflicts.length > 0 && (
            <>
              <h3>冲突：导出后文件和档案都改过，请逐个选择</h3>
              <table className="table">
                <thead>
                  <tr>
                    <th>位置</th>
                    <th>导出时</th>
                    <th>保留档案的值</th>
                    <th>用文件的值</th>
                  </tr>
                </thead>
                <tbody>
                  {diff.conflicts.map((c) => (
                    <tr key={c.id}>
                      <td>
                        {c.sheet} 第 {c.row} 行 {c.code} {c.field}
                      </td>
                      <td>{shown(c.exported)}</td>
                      <td>
                        <label>
                          <input type="radio" name={c.id} checked={(choices[c.id] ?? 'archive') === 'archive'} onChange={() => setChoice(c, 'archive')} />{' '}
                          {shown(c.archive)}
                        </label>
                      </td>
                      <td>
                        <label>
                          <input type="radio" name={c.id} checked={choices[c.id] === 'file'} onChange={() => setChoice(c, 'file')} /> {shown(c.file)}
                        </label>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
          {diff.problems.length > 0 && (
            <>
              <h3>未导入的内容</h3>
              <ul className="problems">
                {diff.problems.map((p, i) => (
                  <li key={i}>{chinese(p.message)}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </Dialog>
  );
}
