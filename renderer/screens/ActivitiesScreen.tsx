import { useState } from 'react';
import type { Activity } from '../../shared/api/records.js';
import { CAPTION_FIELDS, CAPTION_LABELS, type Caption } from '../../shared/domain/record.js';
import { FormDialog } from '../components/FormDialog.js';
import { Empty, ErrorNote, Field } from '../components/ui.js';
import { activityMarks, ACTIVITY_MARKS } from '../lib/activity-marks.js';
import { useApp } from '../state/app-context.js';
import { useData } from '../state/use-data.js';

/** Every activity of the year with "有方案/有签到/有照片/有总结" at a glance. */
export function ActivitiesScreen() {
  const { client, year, go } = useApp();
  const activities = useData(() => client['records.activities']({ year }), [year]);
  const [editing, setEditing] = useState<Activity | null>(null);
  const [open, setOpen] = useState<Activity | null>(null);
  const members = useData(open ? () => client['records.list']({ year, activityId: open.id }) : null, [year, open?.id]);
  const list = activities.data ?? [];
  const complete = list.filter((a) => activityMarks(a.types).every((m) => m.present)).length;

  return (
    <div className="page">
      <div className="page-head">
        <h2>{year} 年度活动</h2>
        <p className="muted">
          每次活动应当"有方案、有签到、有照片、有总结"。共 {list.length} 次活动，{complete} 次齐全。
        </p>
      </div>
      <ErrorNote text={activities.error} />
      {list.length === 0 && !activities.loading ? (
        <Empty title="还没有活动">在资料的"所属活动"中填写活动名称，或按"日期 活动名称"命名文件夹导入，活动就会出现在这里。</Empty>
      ) : (
        <div className="table-wrap">
          <table className="table activities">
            <thead>
              <tr>
                <th>活动</th>
                <th>日期</th>
                <th className="col-num">件数</th>
                {ACTIVITY_MARKS.map((m) => (
                  <th key={m.label} className="col-mark">
                    {m.label}
                  </th>
                ))}
                <th />
              </tr>
            </thead>
            <tbody>
              {list.map((a) => (
                <tr key={a.id} className={open?.id === a.id ? 'selected' : ''}>
                  <td>
                    <button className="link" onClick={() => setOpen(open?.id === a.id ? null : a)}>
                      {a.name}
                    </button>
                  </td>
                  <td>{a.date ?? '—'}</td>
                  <td className="col-num">{a.records}</td>
                  {activityMarks(a.types).map((m) => (
                    <td key={m.label} className="col-mark">
                      <span className={m.present ? 'mark-yes' : 'mark-no'} aria-label={m.present ? m.label : `缺${m.label.slice(1)}`}>
                        {m.present ? '✓' : '缺'}
                      </span>
                    </td>
                  ))}
                  <td>
                    <button className="small" onClick={() => setEditing(a)}>
                      修改
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {open && members.data && (
        <section className="card activity-members" aria-label="本次活动的资料">
          <h3>「{open.name}」的资料</h3>
          <ul>
            {members.data.map((r) => (
              <li key={r.id}>
                <button className="link" onClick={() => go({ screen: 'records', item: null, inbox: false, records: [r.id] })}>
                  <span className={`type type-${r.type}`}>{r.type}</span> {r.title}
                </button>
                <span className="muted">{r.date ?? ''}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {editing && <ActivityEditor activity={editing} onClose={() => setEditing(null)} />}
    </div>
  );
}

/** The activity's name, date and group caption (总说明) for all its photos. */
function ActivityEditor({ activity, onClose }: { activity: Activity; onClose: () => void }) {
  const { client } = useApp();
  const [name, setName] = useState(activity.name);
  const [date, setDate] = useState(activity.date ?? '');
  const [caption, setCaption] = useState<Caption>({ ...activity.caption });

  const save = async () => {
    await client['records.updateActivity']({ id: activity.id, name, date: date || null, caption });
    onClose();
  };

  return (
    <FormDialog title="修改活动" onClose={onClose} submit={{ label: '保存', run: save }}>
      <div className="grid-2">
        <Field label="活动名称" wide>
          <input value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label="日期">
          <input type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        </Field>
      </div>
      <h3>照片总说明</h3>
      <div className="grid-2">
        {CAPTION_FIELDS.map((f) => (
          <Field key={f} label={CAPTION_LABELS[f]}>
            <input value={caption[f] ?? ''} onChange={(e) => setCaption({ ...caption, [f]: e.target.value })} />
          </Field>
        ))}
      </div>
    </FormDialog>
  );
}
