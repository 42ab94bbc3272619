import { useEffect, useState } from 'react';
import type { IndexItem, ItemMapping } from '../../shared/api/index.js';
import { RECORD_TYPES } from '../../shared/domain/record.js';
import { inputError } from '../api/client.js';
import { FormDialog } from '../components/FormDialog.js';
import { PathField } from '../components/PathField.js';
import { ErrorNote, Field } from '../components/ui.js';
import { useApp } from '../state/app-context.js';
import { joinPath } from '../lib/format.js';
import { useData } from '../state/use-data.js';
import { usePickFiles } from './filing/pick.js';

const MAPPING_KINDS: Record<ItemMapping['kind'], string> = { same: '相同', renamed: '改名', split: '拆分', merged: '合并' };

/** 测评体系 management: import the city's table, export it, edit an item, and map items between editions. */
export function IndexScreen() {
  const { client, year, archive, notify, fail } = useApp();
  const editions = useData(() => client['index.editions']({}), []);
  const yearEdition = archive?.years.find((y) => y.year === year)?.editionId ?? null;
  const [editionId, setEditionId] = useState<number | null>(null);
  const current = editionId ?? yearEdition ?? editions.data?.[0]?.id ?? null;
  const items = useData(current ? () => client['index.list']({ edition: current }) : null, [current]);
  const mappings = useData(current ? () => client['index.mappings']({ edition: current }) : null, [current]);
  const [editing, setEditing] = useState<IndexItem | null>(null);
  const [exporting, setExporting] = useState(false);
  const [mapping, setMapping] = useState(false);
  const pickFiles = usePickFiles();

  async function importTable() {
    try {
      const files = await pickFiles('index', false);
      if (!files?.[0]) return;
      const r = await client['index.import']({ file: files[0] });
      setEditionId(r.edition);
      notify(`已导入：${r.items} 个条目，${r.levels} 级。${r.warnings.length ? `提示：${r.warnings.slice(0, 3).join('；')}` : ''}`);
    } catch (err) {
      fail(err);
    }
  }

  return (
    <div className="page index-page">
      <div className="page-head row">
        <div>
          <h2>测评体系</h2>
          <p className="muted">导入本市下发的测评细则表格；每个年度使用一个版本，新旧版本的条目可以对应起来，方便查往年资料。</p>
        </div>
        <span className="spacer" />
        <button className="primary" onClick={() => void importTable()}>
          导入测评细则表格…
        </button>
      </div>
      <div className="index-layout">
        <section className="card edition-column" aria-label="版本">
          <h3>版本</h3>
          <ul className="edition-list">
            {(editions.data ?? []).map((e) => (
              <li key={e.id}>
                <button className={`edition${current === e.id ? ' on' : ''}`} onClick={() => setEditionId(e.id)}>
                  <span className="edition-name">{e.name}</span>
                  <span className="muted">
                    {e.items} 条 · {e.years.length > 0 ? `${e.years.join('、')} 年使用` : '未被年度使用'}
                    {e.isExample ? ' · 示例' : ''}
                  </span>
                </button>
              </li>
            ))}
          </ul>
          <div className="column-actions">
            <button onClick={() => setExporting(true)} disabled={!current}>
              导出为 Excel…
            </button>
            <button onClick={() => setMapping(true)} disabled={!current || (editions.data?.length ?? 0) < 2}>
              对应新旧版本…
            </button>
          </div>
          {(mappings.data?.length ?? 0) > 0 && (
            <>
              <h3>已对应的条目</h3>
              <ul className="mapping-list">
                {mappings.data?.map((m, i) => (
                  <li key={i}>
                    {m.from.code} {m.from.title} → {m.to.code} {m.to.title} <span className="muted">（{MAPPING_KINDS[m.kind]}）</span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
        <section className="card items-column" aria-label="条目">
          <ErrorNote text={items.error ?? editions.error} />
          <div className="table-wrap">
            <table className="table index-items">
              <thead>
                <tr>
                  <th>编号</th>
                  <th>名称</th>
                  <th>测评方法</th>
                  <th>具体要求</th>
                  <th>责任单位</th>
                </tr>
              </thead>
              <tbody>
                {(items.data ?? []).map((i) => (
                  <tr key={i.code} onClick={() => setEditing(i)} className={`level-${Math.min(i.level, 4)}`}>
                    <td className="code">{i.code}</td>
                    <td className="col-title">{i.title}</td>
                    <td>{i.method}</td>
                    <td className="col-req">{i.requirement}</td>
                    <td>{i.unit}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      </div>
      {editing && current && <ItemEditor item={editing} edition={current} onClose={() => setEditing(null)} />}
      {exporting && current && <IndexExport edition={current} onClose={() => setExporting(false)} />}
      {mapping && current && <MapItems toEdition={current} onClose={() => setMapping(false)} />}
    </div>
  );
}

function ItemEditor({ item, edition, onClose }: { item: IndexItem; edition: number; onClose: () => void }) {
  const { client } = useApp();
  const [title, setTitle] = useState(item.title);
  const [method, setMethod] = useState(item.method);
  const [requirement, setRequirement] = useState(item.requirement);
  const [unit, setUnit] = useState(item.unit);
  const [rule, setRule] = useState<string[] | null>(item.activityRule);

  const save = async () => {
    await client['index.updateItem']({ edition, code: item.code, title, method, requirement, unit, activityRule: rule });
    onClose();
  };

  return (
    <FormDialog title={`修改条目 ${item.code}`} onClose={onClose} submit={{ label: '保存', run: save }}>
      <Field label="名称" wide>
        <input value={title} onChange={(e) => setTitle(e.target.value)} />
      </Field>
      <div className="grid-2">
        <Field label="测评方法">
          <input value={method} onChange={(e) => setMethod(e.target.value)} />
        </Field>
        <Field label="责任单位">
          <input value={unit} onChange={(e) => setUnit(e.target.value)} />
        </Field>
      </div>
      <Field label="具体要求" hint="写明数量的要求（如“照片不少于5张”）会用来判断是否齐全。" wide>
        <textarea rows={3} value={requirement} onChange={(e) => setRequirement(e.target.value)} />
      </Field>
      {item.quantities.length > 0 && (
        <p className="muted">识别到的数量要求：{item.quantities.map((q) => `${q.source}（至少 ${q.min}）`).join('；')}</p>
      )}
      <fieldset className="options">
        <legend>每次活动必须有</legend>
        <label className="check">
          <input type="checkbox" checked={rule === null} onChange={(e) => setRule(e.target.checked ? null : ['方案', '签到表', '照片', '总结'])} />
          按默认规则（有方案、有签到、有照片、有总结）
        </label>
        {rule !== null && (
          <div className="type-checks">
            {RECORD_TYPES.map((t) => (
              <label key={t} className="check">
                <input type="checkbox" checked={rule.includes(t)} onChange={(e) => setRule(e.target.checked ? [...rule, t] : rule.filter((x) => x !== t))} />
                {t}
              </label>
            ))}
          </div>
        )}
      </fieldset>
    </FormDialog>
  );
}

function IndexExport({ edition, onClose }: { edition: number; onClose: () => void }) {
  const { client, notify } = useApp();
  const [out, setOut] = useState('');
  useEffect(() => {
    client['app.exportDir']({ kind: 'index' })
      .then((r) => setOut(joinPath(r.path, '测评体系.xlsx')))
      .catch(() => undefined);
  }, [client]);
  const run = async () => {
    const r = await client['index.export']({ edition, out });
    notify(`已导出 ${r.items} 个条目：${r.path}`);
    onClose();
  };
  return (
    <FormDialog title="导出测评体系" onClose={onClose} submit={{ label: '导出', run }}>
      <Field label="保存为" wide>
        <PathField value={out} onChange={setOut} forSaving />
      </Field>
    </FormDialog>
  );
}

/** Says that an item of an older edition continues as an item of this one, so past records follow it. */
function MapItems({ toEdition, onClose }: { toEdition: number; onClose: () => void }) {
  const { client } = useApp();
  const editions = useData(() => client['index.editions']({}), []);
  const others = (editions.data ?? []).filter((e) => e.id !== toEdition);
  const [fromEdition, setFromEdition] = useState<number | null>(null);
  const from = fromEdition ?? others[0]?.id ?? null;
  const fromItems = useData(from ? () => client['index.list']({ edition: from }) : null, [from]);
  const toItems = useData(() => client['index.list']({ edition: toEdition }), [toEdition]);
  const [fromCode, setFromCode] = useState('');
  const [toCode, setToCode] = useState('');
  const [kind, setKind] = useState<ItemMapping['kind']>('same');

  const save = async () => {
    if (!from || !fromCode || !toCode) throw inputError('请选择两边的条目');
    await client['index.map']({ fromEdition: from, fromCode, toEdition, toCode, kind });
    onClose();
  };

  return (
    <FormDialog title="对应新旧版本的条目" onClose={onClose} submit={{ label: '保存对应关系', run: save }}>
      <p className="muted">对应之后，在新版本的条目下也能看到、搜到旧版本条目下的往年资料。</p>
      <Field label="旧版本" wide>
        <select value={from ?? ''} onChange={(e) => setFromEdition(Number(e.target.value))}>
          {others.map((e) => (
            <option key={e.id} value={e.id}>
              {e.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label="旧条目" wide>
        <ItemSelect items={fromItems.data ?? []} value={fromCode} onChange={setFromCode} />
      </Field>
      <Field label="对应到本版本的条目" wide>
        <ItemSelect items={toItems.data ?? []} value={toCode} onChange={setToCode} />
      </Field>
      <Field label="关系">
        <select value={kind} onChange={(e) => setKind(e.target.value as ItemMapping['kind'])}>
          {Object.entries(MAPPING_KINDS).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
      </Field>
    </FormDialog>
  );
}

function ItemSelect({ items, value, onChange }: { items: readonly IndexItem[]; value: string; onChange: (code: string) => void }) {
  return (
    <select value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">（请选择）</option>
      {items.map((i) => (
        <option key={i.code} value={i.code}>
          {i.code} {i.title}
        </option>
      ))}
    </select>
  );
}
