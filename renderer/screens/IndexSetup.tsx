import { useState } from 'react';
import { ErrorNote, Field, Seal } from '../components/ui.js';
import { clerkMessage } from '../api/client.js';
import { useApp } from '../state/app-context.js';
import { useData } from '../state/use-data.js';
import { usePickFiles } from './filing/pick.js';

/** After creating an archive: which year, and which 测评体系 it follows (the example, or the city's own table). */
export function IndexSetup() {
  const { client, archive, changed, notify } = useApp();
  const editions = useData(() => client['index.editions']({}), []);
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [chosen, setChosen] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const pickFiles = usePickFiles();

  const list = editions.data ?? [];
  // Nothing is chosen for the clerk: a hurried click must not file a year under the example index.
  const selected = chosen;
  const example = list.find((e) => e.isExample) ?? null;

  async function importTable() {
    setError(null);
    const files = await pickFiles('index', false);
    if (!files || files.length === 0) return;
    setBusy(true);
    try {
      const r = await client['index.import']({ file: files[0] as string });
      setChosen(r.edition);
      editions.reload();
      notify(`已导入测评体系：${r.items} 个条目，${r.levels} 级${r.warnings.length ? `（${r.warnings.length} 条提示）` : ''}`);
    } catch (err) {
      setError(clerkMessage(err));
    } finally {
      setBusy(false);
    }
  }

  async function start() {
    const y = Number(year);
    if (!Number.isInteger(y) || y < 1949 || y > 2200) return setError('请填写四位数的年度，如 2024');
    if (selected === null) return setError('请先选择或导入测评体系');
    setBusy(true);
    try {
      await client['archive.setYear']({ year: y, editionId: selected });
      changed();
    } catch (err) {
      setError(clerkMessage(err));
      setBusy(false);
    }
  }

  return (
    <div className="welcome">
      <div className="welcome-head">
        <Seal />
        <div>
          <h1>{archive?.unit.name || '新档案'}</h1>
          <p>第二步：选择本年度使用的测评体系</p>
        </div>
      </div>
      <section className="card setup">
        <Field label="年度">
          <input name="year" inputMode="numeric" value={year} onChange={(e) => setYear(e.target.value)} className="year-input" />
        </Field>
        <h2>测评体系</h2>
        <p className="muted">请导入本市下发的测评细则表格（Excel 或 Word）。内置示例体系只用于熟悉软件，正式归档请用本市的表格。</p>
        <div className="setup-choices">
          <button className={`choice${selected !== null && selected !== example?.id ? ' on' : ''}`} onClick={() => void importTable()} disabled={busy}>
            <strong>导入本市测评体系表格…</strong>
            <span className="muted">选择本市下发的 Excel 或 Word 细则</span>
          </button>
          {example && (
            <button className={`choice${selected === example.id ? ' on' : ''}`} onClick={() => setChosen(example.id)} disabled={busy}>
              <strong>先用示例体系试用</strong>
              <span className="muted">
                {example.items} 个条目，以后可以换成本市的表格
              </span>
            </button>
          )}
        </div>
        {list.some((e) => !e.isExample) && (
          <ul className="edition-list" role="radiogroup" aria-label="已导入的测评体系">
            {list
              .filter((e) => !e.isExample)
              .map((e) => (
                <li key={e.id}>
                  <label className={`edition${selected === e.id ? ' on' : ''}`}>
                    <input type="radio" name="edition" checked={selected === e.id} onChange={() => setChosen(e.id)} />
                    <span className="edition-name">{e.name}</span>
                    <span className="muted">
                      {e.items} 个条目 · {e.levels} 级
                    </span>
                  </label>
                </li>
              ))}
          </ul>
        )}
        <ErrorNote text={error ?? editions.error} />
        <div className="form-actions">
          <button className="primary big" onClick={() => void start()} disabled={busy || selected === null}>
            {selected === null ? '请先选择测评体系' : selected === example?.id ? '用示例体系开始试用' : '开始使用'}
          </button>
        </div>
      </section>
    </div>
  );
}
