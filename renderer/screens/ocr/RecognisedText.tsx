import { useEffect, useState } from 'react';
import type { OcrPage } from '../../../shared/api/ocr.js';
import { clerkMessage } from '../../api/client.js';
import { ErrorNote } from '../../components/ui.js';
import { useApp } from '../../state/app-context.js';
import { useData } from '../../state/use-data.js';

/** The record detail's recognised text: each page as read, editable; the clerk's correction is kept and searched. */
export function RecognisedText({ recordId, signIn }: { recordId: number; signIn: boolean }) {
  const { client } = useApp();
  const text = useData(() => client['ocr.text']({ recordId }), [recordId]);
  const t = text.data;
  if (!t || (t.pages.length === 0 && t.waiting === 0)) return null;
  return (
    <section className="detail-section">
      <h3>识别文字</h3>
      {t.pages.length === 0 && <p className="muted">还有 {t.waiting} 个文件等待识别。</p>}
      {t.pages.map((p) => (
        <PageText key={`${p.sha256}-${p.page}`} recordId={recordId} page={p} multi={t.pages.length > 1} />
      ))}
      {signIn && t.pages.length > 0 && <Attendance recordId={recordId} />}
      <ErrorNote text={text.error} />
    </section>
  );
}

function PageText({ recordId, page, multi }: { recordId: number; page: OcrPage; multi: boolean }) {
  const { client, notify } = useApp();
  const [value, setValue] = useState(page.effective);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setValue(page.effective), [page.effective]);
  const save = async (text: string) => {
    try {
      await client['ocr.correct']({ recordId, sha256: page.sha256, page: page.page, text });
      notify(text.trim() ? '校对已保存' : '已恢复识别结果');
    } catch (err) {
      setError(clerkMessage(err));
    }
  };
  return (
    <div className="ocr-page">
      {multi && (
        <div className="muted">
          {page.fileName} 第 {page.page} 页{page.corrected !== null ? '（已校对）' : ''}
        </div>
      )}
      <textarea name="ocrText" rows={5} value={value} onChange={(e) => setValue(e.target.value)} aria-label="识别文字" />
      <div className="row">
        {page.corrected !== null && (
          <button className="small" onClick={() => void save('')}>
            恢复识别结果
          </button>
        )}
        <span className="spacer" />
        <button className="small" disabled={value === page.effective} onClick={() => void save(value)}>
          保存校对
        </button>
      </div>
      <ErrorNote text={error} />
    </div>
  );
}

/** A sign-in sheet: the filled name rows counted, offered as 实到人数 and kept only when the clerk confirms. */
function Attendance({ recordId }: { recordId: number }) {
  const { client, notify, fail } = useApp();
  const offer = useData(() => client['ocr.attendance']({ recordId }), [recordId]);
  const [count, setCount] = useState('');
  const o = offer.data;
  useEffect(() => setCount(o ? String(o.confirmed ?? o.count) : ''), [o]);
  if (!o || o.count === 0) return null;
  const confirm = () =>
    client['ocr.confirmAttendance']({ recordId, count: Number(count) })
      .then(() => {
        notify(`实到人数已记为 ${count} 人`);
      })
      .catch(fail);
  return (
    <div className="note">
      签到表上识别出 {o.count} 人{o.activity ? `（${o.activity}）` : ''}。
      {o.activityId === null ? (
        <span className="muted"> 先填写“所属活动”，才能记录实到人数。</span>
      ) : (
        <span className="row">
          实到人数 <input name="attendance" type="number" min={0} value={count} onChange={(e) => setCount(e.target.value)} style={{ width: '5em' }} />
          <button className="small primary" onClick={() => void confirm()} disabled={!/^\d+$/.test(count)}>
            {o.confirmed === null ? '确认' : '更新'}
          </button>
          {o.confirmed !== null && <span className="muted">已记录 {o.confirmed} 人</span>}
        </span>
      )}
    </div>
  );
}
