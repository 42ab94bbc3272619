import { useEffect, useState } from 'react';
import type { UnitNames, UnitSettings } from '../../shared/api/archive.js';
import { PATTERN_PARTS, patternProblem, renderArchivalCode } from '../../shared/domain/archival-code.js';
import { chinese } from '../../shared/errors.js';
import { clerkMessage } from '../api/client.js';
import { PathField } from '../components/PathField.js';
import { useTask } from '../components/task.js';
import { Empty, ErrorNote, Field, ProgressBar } from '../components/ui.js';
import { useApp } from '../state/app-context.js';
import { useData } from '../state/use-data.js';

/** Unit settings, the trash, and keeping the archive safe (check, backup, plain-folder export). */
export function SettingsScreen() {
  return (
    <div className="page settings">
      <div className="page-head">
        <h2>设置</h2>
      </div>
      <div className="settings-grid">
        <UnitCard />
        <ArchivalCodeCard />
        <TrashCard />
        <SafetyCard />
      </div>
    </div>
  );
}

function UnitCard() {
  const { client, archive, changed, notify } = useApp();
  const [unit, setUnit] = useState<UnitNames>(archive?.unit ?? { name: '', fonds: '', filer: '', checker: '' });
  const [error, setError] = useState<string | null>(null);
  const set = (k: keyof UnitSettings) => (e: { target: { value: string } }) => setUnit({ ...unit, [k]: e.target.value });
  async function save() {
    try {
      await client['archive.setUnit'](unit);
      changed();
      notify('单位信息已保存');
    } catch (err) {
      setError(clerkMessage(err));
    }
  }
  return (
    <section className="card">
      <h3>单位信息</h3>
      <p className="muted">印在案卷封面、归档章和自查表上。</p>
      <Field label="单位名称（全宗名称）" wide>
        <input name="unitName" value={unit.name} onChange={set('name')} />
      </Field>
      <div className="grid-2">
        <Field label="全宗号">
          <input value={unit.fonds} onChange={set('fonds')} />
        </Field>
        <Field label="立卷人">
          <input value={unit.filer} onChange={set('filer')} />
        </Field>
        <Field label="检查人">
          <input value={unit.checker} onChange={set('checker')} />
        </Field>
      </div>
      <ErrorNote text={error} />
      <div className="form-actions">
        <button className="primary" onClick={() => void save()}>
          保存
        </button>
      </div>
      <p className="muted small-print">档案位置：{archive?.path}</p>
      <CloseArchive />
    </section>
  );
}

type CodeSettings = Pick<UnitSettings, 'category' | 'pattern' | 'problemLevel'>;

/** How 归档 writes 档号: the 门类代码, the pattern, and which index level is the 问题. Stored numbers never change. */
function ArchivalCodeCard() {
  const { client, archive, changed, notify } = useApp();
  const unit = archive?.unit;
  const [draft, setDraft] = useState<CodeSettings>({
    category: unit?.category ?? 'WS',
    pattern: unit?.pattern ?? '',
    problemLevel: unit?.problemLevel ?? 1,
  });
  const [error, setError] = useState<string | null>(null);
  const problem = patternProblem(draft.pattern);
  const sample = problem
    ? null
    : renderArchivalCode(draft.pattern, { fonds: unit?.fonds ?? '', category: draft.category, year: new Date().getFullYear(), retention: '定期30年', problem: '01', number: 12, kind: 'piece' });
  async function save() {
    setError(null);
    try {
      await client['archive.setUnit'](draft);
      await changed();
      notify('档号设置已保存，以后归档的资料按新格式编号');
    } catch (err) {
      setError(clerkMessage(err));
    }
  }
  return (
    <section className="card">
      <h3>档号</h3>
      <p className="muted">归档时按这里的格式编档号。已归档资料的档号不会改变，只有以后归档的资料使用新设置。</p>
      <div className="grid-2">
        <Field label="门类代码" hint="文书档案为 WS">
          <input name="category" value={draft.category} maxLength={8} onChange={(e) => setDraft({ ...draft, category: e.target.value })} />
        </Field>
        <Field label="问题（分类）按">
          <select name="problemLevel" value={draft.problemLevel} onChange={(e) => setDraft({ ...draft, problemLevel: Number(e.target.value) === 2 ? 2 : 1 })}>
            <option value={1}>测评项目（第一级）</option>
            <option value={2}>测评内容（第二级）</option>
          </select>
        </Field>
        <Field label="档号格式" hint={`可用：${PATTERN_PARTS.map((p) => `{${p}}`).join(' ')}`} wide>
          <input name="pattern" value={draft.pattern} onChange={(e) => setDraft({ ...draft, pattern: e.target.value })} />
        </Field>
      </div>
      {sample && (
        <p>
          示例：<span className="code">{sample}</span>
        </p>
      )}
      <ErrorNote text={problem ?? error} />
      <div className="form-actions">
        <button className="primary" onClick={() => void save()} disabled={problem !== null}>
          保存
        </button>
      </div>
    </section>
  );
}

/** Back to the welcome screen, to open or create another archive. Everything is already saved. */
function CloseArchive() {
  const { client, refresh, fail } = useApp();
  return (
    <div className="form-actions">
      <button onClick={() => void client['app.close']({}).then(refresh).catch(fail)}>关闭此档案，打开其他档案…</button>
    </div>
  );
}

function TrashCard() {
  const { client, year, changed, notify, fail } = useApp();
  const trash = useData(() => client['records.list']({ year, deleted: true }), [year]);
  const list = trash.data ?? [];
  const restore = (ids: number[]) =>
    client['records.restore']({ ids })
      .then((r) => {
        changed();
        notify(`已恢复 ${r.restored} 件资料`);
      })
      .catch(fail);
  return (
    <section className="card">
      <h3>回收站（{year} 年度）</h3>
      <p className="muted">删除的资料先放在这里，随时可以恢复。</p>
      {list.length === 0 ? (
        <Empty title="回收站是空的" />
      ) : (
        <ul className="trash-list">
          {list.map((r) => (
            <li key={r.id}>
              <span>
                <span className={`type type-${r.type}`}>{r.type}</span> {r.title}
              </span>
              <button className="small" onClick={() => void restore([r.id])}>
                恢复
              </button>
            </li>
          ))}
        </ul>
      )}
      {list.length > 1 && (
        <button onClick={() => void restore(list.map((r) => r.id))}>全部恢复</button>
      )}
    </section>
  );
}

function SafetyCard() {
  const { client, notify } = useApp();
  const [backupTo, setBackupTo] = useState('');
  const [folderTo, setFolderTo] = useState('');
  const task = useTask<string[]>();
  useEffect(() => {
    client['app.exportDir']({ kind: 'backup' }).then((r) => setBackupTo(r.path)).catch(() => undefined);
    client['app.exportDir']({ kind: 'folder' }).then((r) => setFolderTo(r.path)).catch(() => undefined);
  }, [client]);

  const check = () =>
    task.run(async (o) => {
      const r = await client['integrity.check']({ repair: false }, o);
      return [r.ok ? '档案完好。' : `发现 ${r.problems.length} 个问题：`, ...r.problems.map((p) => chinese(p.message)), ...r.summary.map(chinese)];
    });
  const backup = () =>
    task.run(async (o) => {
      const r = await client['backup.create']({ out: backupTo }, o);
      notify('备份完成');
      return [`备份完成：${r.files} 个文件，${(r.bytes / 1024 ** 2).toFixed(1)} MB`, r.path];
    });
  const exportFolder = () =>
    task.run(async (o) => {
      const r = await client['integrity.exportFolder']({ out: folderTo }, o);
      return [`已导出 ${r.records} 件资料、${r.files} 个文件，不用台账也能按年度、项目查看。`, r.path];
    });

  const running = task.state.phase === 'running';
  return (
    <section className="card">
      <h3>档案安全</h3>
      <div className="safety-row">
        <div>
          <strong>检查档案</strong>
          <p className="muted">核对每个文件是否完好、与记录一致。</p>
        </div>
        <button onClick={() => void check()} disabled={running}>
          开始检查
        </button>
      </div>
      <Field label="备份到" wide>
        <PathField value={backupTo} onChange={setBackupTo} forSaving />
      </Field>
      <div className="form-actions">
        <button onClick={() => void backup()} disabled={running || !backupTo}>
          备份整个档案
        </button>
      </div>
      <Field label="导出为普通文件夹" hint="按 年度/项目/件 存放，附清单，换电脑或不用台账也能看。" wide>
        <PathField value={folderTo} onChange={setFolderTo} forSaving />
      </Field>
      <div className="form-actions">
        <button onClick={() => void exportFolder()} disabled={running || !folderTo}>
          导出
        </button>
      </div>
      {task.state.phase === 'running' && (
        <>
          <ProgressBar progress={task.state.progress} />
          <button className="small" onClick={task.cancel}>
            取消
          </button>
        </>
      )}
      {task.state.phase === 'done' && (
        <div className="note">
          {task.state.result.map((line, i) => (
            <div key={i}>{line}</div>
          ))}
        </div>
      )}
      {task.state.phase === 'failed' && <ErrorNote text={task.state.message} />}
    </section>
  );
}
