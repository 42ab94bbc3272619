import { useState } from 'react';
import type { IndexItem } from '../../../shared/api/index.js';
import { RECORD_TYPES, type RecordType } from '../../../shared/domain/record.js';
import { ItemPicker } from '../../components/ItemPicker.js';
import { FormDialog } from '../../components/FormDialog.js';
import { Field } from '../../components/ui.js';
import { useApp } from '../../state/app-context.js';

/** Sets the same item, type, date or activity on many records at once; empty fields are left as they are. */
export function BulkEdit({ ids, items, onClose }: { ids: number[]; items: readonly IndexItem[]; onClose: () => void }) {
  const { client, notify, fail } = useApp();
  const [addItems, setAddItems] = useState<IndexItem[]>([]);
  const [type, setType] = useState<RecordType | ''>('');
  const [date, setDate] = useState('');
  const [activity, setActivity] = useState('');
  const [picking, setPicking] = useState(false);
  const nothing = addItems.length === 0 && !type && !date && !activity.trim();

  const apply = async () => {
    const r = await client['records.bulkUpdate']({
      ids,
      ...(addItems.length > 0 ? { addItems: addItems.map((i) => i.code) } : {}),
      ...(type ? { type } : {}),
      ...(date ? { date } : {}),
      ...(activity.trim() ? { activity: activity.trim() } : {}),
    });
    notify(`已修改 ${r.updated} 件资料`, { label: '撤销', run: () => void client['records.undo']({}).catch(fail) });
    onClose();
  };

  return (
    <FormDialog title={`批量修改 ${ids.length} 件资料`} onClose={onClose} disabled={nothing} submit={{ label: `应用到 ${ids.length} 件`, run: apply }}>
      <p className="muted">只修改填写了的项目，空着的保持原样。</p>
      <Field label="再归入测评项目" wide>
        <div className="chips">
          {addItems.map((i) => (
            <span key={i.code} className="chip">
              <span>
                <span className="code">{i.code}</span> {i.title}
              </span>
              <button className="chip-x" aria-label={`去掉 ${i.code}`} onClick={() => setAddItems(addItems.filter((x) => x.code !== i.code))}>
                ×
              </button>
            </span>
          ))}
          <button className="small" type="button" onClick={() => setPicking(true)}>
            ＋ 选择项目
          </button>
        </div>
      </Field>
      <div className="grid-2">
        <Field label="类型">
          <select value={type} onChange={(e) => setType(e.target.value as RecordType | '')}>
            <option value="">（不改）</option>
            {RECORD_TYPES.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </Field>
        <Field label="日期">
          <input type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        </Field>
        <Field label="所属活动" wide>
          <input value={activity} onChange={(e) => setActivity(e.target.value)} placeholder="（不改）" />
        </Field>
      </div>
      {picking && (
        <ItemPicker
          items={items}
          exclude={addItems.map((i) => i.code)}
          onClose={() => setPicking(false)}
          onPick={(item) => {
            setAddItems([...addItems, item]);
            setPicking(false);
          }}
        />
      )}
    </FormDialog>
  );
}
