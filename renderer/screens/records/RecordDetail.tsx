import { useEffect, useState } from 'react';
import type { IndexItem } from '../../../shared/api/index.js';
import type { RecordDetail as Detail, StoredFile } from '../../../shared/api/records.js';
import { CAPTION_FIELDS, CAPTION_LABELS, RECORD_TYPES, RETENTION_PERIODS, SECRECY_LEVELS, type Caption, type Secrecy, type RecordType, type RetentionPeriod } from '../../../shared/domain/record.js';
import { chinese } from '../../../shared/errors.js';
import { clerkMessage } from '../../api/client.js';
import { ItemPicker } from '../../components/ItemPicker.js';
import { Empty, ErrorNote, Field } from '../../components/ui.js';
import { useApp } from '../../state/app-context.js';
import { formatBytes } from '../../lib/format.js';
import { overlayOpen } from '../../lib/keys.js';
import { itemPath } from '../../lib/tree-nodes.js';
import { IdentitySection } from '../archival/IdentitySection.js';
import { FilePreview } from './FilePreview.js';
import { itemNumber } from '../../../shared/domain/item-text.js';
import { RecognisedText } from '../ocr/RecognisedText.js';
import { Suggestions } from '../suggest/Suggestions.js';

interface Draft {
  title: string;
  titleSupplied: boolean;
  docNo: string;
  author: string;
  date: string;
  type: RecordType;
  retention: RetentionPeriod;
  secrecy: Secrecy;
  activity: string;
  tags: string;
  note: string;
  caption: Caption;
  items: string[];
  attachmentConfirmed: boolean;
}

function draftOf(r: Detail): Draft {
  return {
    title: r.title,
    titleSupplied: r.titleSupplied,
    docNo: r.docNo,
    author: r.author,
    date: r.date ?? '',
    type: r.type,
    retention: r.retention,
    secrecy: (SECRECY_LEVELS as readonly string[]).includes(r.secrecy) ? (r.secrecy as Secrecy) : '',
    activity: r.activity ?? '',
    tags: r.tags.join('，'),
    note: r.note,
    caption: { ...r.caption },
    items: r.items.map((i) => i.code),
    attachmentConfirmed: r.attachmentConfirmed,
  };
}

export const ATTACHMENT_ONLY_NOTE = '这件资料的文件都只能作为附件保存，不能编入案卷；经确认后才算作本项目的材料。';

/** The right pane: one record's metadata, photo caption, item links and files, edited in place. */
export function RecordDetail({ record, items, onDelete }: { record: Detail; items: readonly IndexItem[]; onDelete: () => void }) {
  const { client, notify, fail } = useApp();
  const [draft, setDraft] = useState<Draft>(() => draftOf(record));
  const [picking, setPicking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [file, setFile] = useState<StoredFile | null>(record.fileList[0] ?? null);

  useEffect(() => {
    setDraft(draftOf(record));
    setFile(record.fileList[0] ?? null);
    setError(null);
  }, [record]);

  const original = draftOf(record);
  const dirty = JSON.stringify(draft) !== JSON.stringify(original);
  const isPhoto = draft.type === '照片' || record.fileList.some((f) => f.kind === 'image');
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  /** One click on a suggestion files the record there at once (other unsaved edits stay in the form). */
  async function fileUnder(code: string) {
    try {
      await client['records.update']({ id: record.id, items: [...record.items.map((i) => i.code), code] });
      notify(`已归入 ${code}`, { label: '撤销', run: () => void client['records.undo']({}).catch(fail) });
    } catch (err) {
      setError(clerkMessage(err));
    }
  }

  // Ctrl+S (⌘S) saves, from inside a field too, where the edits are typed.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.shiftKey || e.altKey || e.key.toLowerCase() !== 's') return;
      e.preventDefault();
      if (dirty && !saving && !overlayOpen()) void save();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  async function save() {
    setSaving(true);
    setError(null);
    try {
      await client['records.update']({
        id: record.id,
        title: draft.title,
        titleSupplied: draft.titleSupplied,
        docNo: draft.docNo,
        author: draft.author,
        date: draft.date.trim() || null,
        type: draft.type,
        retention: draft.retention,
        secrecy: draft.secrecy,
        activity: draft.activity.trim() || null,
        tags: draft.tags.split(/[,，、\s]+/).map((t) => t.trim()).filter(Boolean),
        note: draft.note,
        caption: draft.caption,
        items: draft.items,
        ...(record.attachmentOnly ? { attachmentConfirmed: draft.attachmentConfirmed } : {}),
      });
      notify('已保存', { label: '撤销', run: () => void client['records.undo']({}).catch(fail) });
    } catch (err) {
      setError(clerkMessage(err));
    } finally {
      setSaving(false);
    }
  }

  return (
    <div className="detail">
      <div className="detail-scroll">
        <FilePreview file={file} />
        {record.fileList.length > 1 && (
          <ul className="file-list" aria-label="文件">
            {record.fileList.map((f) => (
              <li key={f.id}>
                <button className={f.id === file?.id ? 'on' : ''} onClick={() => setFile(f)}>
                  {f.name}
                </button>
              </li>
            ))}
          </ul>
        )}
        {file && (
          <p className="file-meta">
            {file.name} · {formatBytes(file.size)}
            {file.pages ? ` · ${file.pages} 页` : ''}
            {file.width ? ` · ${file.width}×${file.height}` : ''}
            {file.exifDate ? ` · 拍摄于 ${file.exifDate.slice(0, 10)}` : ''}
          </p>
        )}
        {record.fileList.some((f) => f.binderNote) && (
          <div className="note note-warn">
            {record.fileList
              .filter((f) => f.binderNote)
              .map((f) => `${f.name}：${chinese(f.binderNote ?? '')}`)
              .join('；')}
          </div>
        )}

        {record.attachmentOnly && (
          <div className={`note ${draft.attachmentConfirmed ? '' : 'note-warn'} attachment-note`}>
            <p>{ATTACHMENT_ONLY_NOTE}</p>
            <label className="check">
              <input type="checkbox" name="attachmentConfirmed" checked={draft.attachmentConfirmed} onChange={(e) => set('attachmentConfirmed', e.target.checked)} />
              确认这件资料是本项目的材料（保存后计入齐全情况）
            </label>
          </div>
        )}

        <section className="detail-section">
          <h3>归入测评项目</h3>
          <ul className="chips" aria-label="已归入的测评项目">
            {draft.items.map((code) => (
              <li key={code} className="chip" title={itemPath(items, code)}>
                <span>
                  <ChipText code={code} items={items} />
                </span>
                <button className="chip-x" aria-label={`取消归入 ${code}`} onClick={() => set('items', draft.items.filter((c) => c !== code))}>
                  ×
                </button>
              </li>
            ))}
            {draft.items.length === 0 && <li className="muted">还没有归入任何项目，组卷时不会出现。</li>}
          </ul>
          <button className="small" onClick={() => setPicking(true)}>
            ＋ 归入其他项目
          </button>
          <Suggestions recordId={record.id} current={draft.items} onPick={(code) => void fileUnder(code)} />
        </section>

        <IdentitySection record={record} />

        <RecognisedText recordId={record.id} signIn={draft.type === '签到表'} />

        {isPhoto && (
          <section className="detail-section">
            <h3>照片说明</h3>
            <div className="grid-2">
              {CAPTION_FIELDS.map((f) => {
                // The binder prints the activity's 总说明 where the photo has nothing of its own; show the same here.
                const inherited = draft.caption[f]?.trim() ? '' : (record.inheritedCaption[f] ?? '');
                return (
                  <Field key={f} label={CAPTION_LABELS[f]} wide={f === 'subject' || f === 'people' || f === 'background'} hint={inherited ? '沿用活动说明' : undefined}>
                    <input
                      name={`caption-${f}`}
                      className={inherited ? 'inherited-caption' : undefined}
                      placeholder={inherited}
                      title={inherited ? `沿用活动说明：${inherited}（在此填写即可单独修改）` : undefined}
                      value={draft.caption[f] ?? ''}
                      onChange={(e) => set('caption', { ...draft.caption, [f]: e.target.value })}
                    />
                  </Field>
                );
              })}
            </div>
          </section>
        )}

        <section className="detail-section">
          <h3>基本信息</h3>
          <Field label="题名" wide>
            <textarea name="title" rows={2} value={draft.title} onChange={(e) => set('title', e.target.value)} />
          </Field>
          <label className="check">
            <input type="checkbox" checked={draft.titleSupplied} onChange={(e) => set('titleSupplied', e.target.checked)} />
            题名是自拟的（目录中加方括号［ ］）
          </label>
          <div className="grid-2">
            <Field label="类型">
              <select name="type" value={draft.type} onChange={(e) => set('type', e.target.value as RecordType)}>
                {RECORD_TYPES.map((t) => (
                  <option key={t}>{t}</option>
                ))}
              </select>
            </Field>
            <Field label="日期">
              <input name="date" type="date" value={draft.date} onChange={(e) => set('date', e.target.value)} />
            </Field>
            <Field label="文号">
              <input name="docNo" value={draft.docNo} onChange={(e) => set('docNo', e.target.value)} />
            </Field>
            <Field label="责任者">
              <input name="author" value={draft.author} onChange={(e) => set('author', e.target.value)} />
            </Field>
            <Field label="所属活动" wide>
              <input name="activity" value={draft.activity} onChange={(e) => set('activity', e.target.value)} placeholder="如 学雷锋志愿服务活动" />
            </Field>
            <Field label="保管期限">
              <select name="retention" value={draft.retention} onChange={(e) => set('retention', e.target.value as RetentionPeriod)}>
                {RETENTION_PERIODS.map((t) => (
                  <option key={t}>{t}</option>
                ))}
              </select>
            </Field>
            <Field label="密级">
              <select name="secrecy" value={draft.secrecy} onChange={(e) => set('secrecy', e.target.value as Secrecy)}>
                {SECRECY_LEVELS.map((t) => (
                  <option key={t} value={t}>
                    {t || '无'}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="标签">
              <input name="tags" value={draft.tags} onChange={(e) => set('tags', e.target.value)} placeholder="用逗号分开" />
            </Field>
          </div>
        </section>

        <section className="detail-section">
          <Field label="备注" wide>
            <textarea name="note" rows={2} value={draft.note} onChange={(e) => set('note', e.target.value)} />
          </Field>
        </section>
      </div>
      <div className="detail-actions">
        <ErrorNote text={error} />
        <div className="row">
          <button className="danger-link" onClick={onDelete} title="可以在 设置 › 回收站 里恢复">
            移到回收站
          </button>
          <span className="spacer" />
          {dirty && (
            <button onClick={() => setDraft(original)} disabled={saving}>
              放弃修改
            </button>
          )}
          <button className="primary" onClick={() => void save()} disabled={!dirty || saving} title="也可以按 Ctrl+S 保存">
            {saving ? '正在保存…' : dirty ? '保存修改' : '已保存'}
          </button>
        </div>
      </div>
      {picking && (
        <ItemPicker
          items={items}
          exclude={draft.items}
          title="归入测评项目"
          onClose={() => setPicking(false)}
          onPick={(item) => {
            set('items', [...draft.items, item.code]);
            setPicking(false);
          }}
        />
      )}
    </div>
  );
}

function ChipText({ code, items }: { code: string; items: readonly IndexItem[] }) {
  const item = items.find((i) => i.code === code);
  return (
    <>
      <span className="code">{code}</span>
      {item && itemNumber(item) !== code && <span className="city-number">（{itemNumber(item)}）</span>} {item?.title ?? ''}
    </>
  );
}

export function NoRecord({ count }: { count: number }) {
  return (
    <div className="detail">
      <Empty title={count > 1 ? `已选 ${count} 件` : '请在中间选一件资料'}>
        {count > 1 ? '可以用列表下方的"批量修改"一次修改它们，或按 Delete 键移到回收站。' : '选中后，可以在这里修改题名、日期、照片说明，并查看文件。'}
      </Empty>
    </div>
  );
}
