import { useState, type FormEvent } from 'react';
import type { UnitNames, UnitSettings } from '../../shared/api/archive.js';
import { PathField } from '../components/PathField.js';
import { ErrorNote, Field, Seal } from '../components/ui.js';
import { clerkMessage } from '../api/client.js';
import { useApp } from '../state/app-context.js';

type Mode = 'create' | 'open';

/** First run and whenever no archive is open: create one, open one, or pick a recent one. */
export function Welcome() {
  const { client, state, refresh } = useApp();
  const [mode, setMode] = useState<Mode>(state.recent.length > 0 ? 'open' : 'create');
  const [dir, setDir] = useState('');
  const [unit, setUnit] = useState<UnitNames>({ name: '', fonds: '', filer: '', checker: '' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function act(work: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await work();
      await refresh();
    } catch (err) {
      setError(clerkMessage(err));
    } finally {
      setBusy(false);
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!dir.trim()) return setError('请先填写档案文件夹的位置');
    if (mode === 'create' && !unit.name.trim()) return setError('请填写单位名称，它会印在案卷封面上');
    void act(() => (mode === 'create' ? client['app.create']({ dir: dir.trim(), unit }) : client['app.open']({ dir: dir.trim() })));
  }

  const set = (key: keyof UnitSettings) => (e: { target: { value: string } }) => setUnit({ ...unit, [key]: e.target.value });

  return (
    <div className="welcome">
      <div className="welcome-head">
        <Seal />
        <div>
          <h1>台账</h1>
          <p>创建文明城市软件资料管理：归档、查缺、组卷、出自查表</p>
        </div>
      </div>
      <div className="welcome-body">
        <section className="card welcome-recent" aria-label="最近使用的档案">
          <h2>最近使用的档案</h2>
          {state.recent.length === 0 && (
            <>
              <p className="muted">还没有打开过档案。第一次使用，三步就能开始：</p>
              <ol className="steps">
                <li>
                  <strong>新建档案</strong>：在右边选一个空文件夹，填上单位名称。
                </li>
                <li>
                  <strong>选择测评体系</strong>：导入本市下发的测评细则表格（或先用内置示例）。
                </li>
                <li>
                  <strong>归档</strong>：把照片、方案、签到表拖到对应的测评项目上，缺什么一目了然。
                </li>
              </ol>
            </>
          )}
          <ul className="recent-list">
            {state.recent.map((r) => (
              <li key={r.path} className={r.exists ? '' : 'recent-missing'}>
                <button className="recent-open" disabled={!r.exists || busy} onClick={() => void act(() => client['app.open']({ dir: r.path }))}>
                  <span className="recent-name">{r.name || '（未填单位名称）'}</span>
                  <span className="recent-path">{r.path}</span>
                  <span className="recent-date">{r.exists ? `上次打开 ${r.openedAt.slice(0, 10)}` : '找不到这个文件夹了'}</span>
                </button>
                <button className="link" onClick={() => void act(() => client['app.forget']({ dir: r.path }))} aria-label={`从列表中移除 ${r.path}`}>
                  移除
                </button>
              </li>
            ))}
          </ul>
        </section>

        <section className="card welcome-form">
          <div className="segmented" role="tablist">
            <button role="tab" aria-selected={mode === 'create'} className={mode === 'create' ? 'on' : ''} onClick={() => setMode('create')}>
              新建档案
            </button>
            <button role="tab" aria-selected={mode === 'open'} className={mode === 'open' ? 'on' : ''} onClick={() => setMode('open')}>
              打开已有档案
            </button>
          </div>
          <form onSubmit={submit} className="form">
            <Field
              label="档案文件夹"
              hint={mode === 'create' ? '选一个空文件夹（或写一个新名字），全部资料都保存在这里，可整体复制备份。' : '以前新建档案时选择的那个文件夹。'}
              wide
            >
              <PathField value={dir} onChange={setDir} name="dir" forSaving={mode === 'create'} />
            </Field>
            {mode === 'create' && (
              <>
                <Field label="单位名称（全宗名称）" hint="印在案卷封面、归档章和自查表上，以后可在设置中修改。" wide>
                  <input name="unitName" value={unit.name} onChange={set('name')} placeholder="如 某某街道某某社区居民委员会" />
                </Field>
                <div className="grid-3">
                  <Field label="全宗号">
                    <input name="fonds" value={unit.fonds} onChange={set('fonds')} placeholder="如 Z001" />
                  </Field>
                  <Field label="立卷人">
                    <input name="filer" value={unit.filer} onChange={set('filer')} />
                  </Field>
                  <Field label="检查人">
                    <input name="checker" value={unit.checker} onChange={set('checker')} />
                  </Field>
                </div>
              </>
            )}
            <ErrorNote text={error} />
            <div className="form-actions">
              <button type="submit" className="primary big" disabled={busy}>
                {mode === 'create' ? '新建档案' : '打开档案'}
              </button>
            </div>
          </form>
        </section>
      </div>
    </div>
  );
}
