import { useEffect, useRef, useState } from 'react';
import { RENAME_FIELDS, type RenameResult } from '../../../shared/api/records.js';
import { chinese } from '../../../shared/errors.js';
import { clerkMessage } from '../../api/client.js';
import { FormDialog } from '../../components/FormDialog.js';
import { ErrorNote, Field } from '../../components/ui.js';
import { useApp } from '../../state/app-context.js';

export const DEFAULT_RENAME_PATTERN = '{活动}照片（{序号}）';

/** Waits this long after the last keystroke before asking for a new preview, so typing a pattern stays smooth. */
const PREVIEW_DELAY_MS = 250;

/**
 * Renames a selection by a pattern. The preview is the core's own (records.rename with preview), so what the table
 * shows is exactly what applying writes; applying is one step, all or nothing, with one 撤销.
 */
export function RenameBatch({ ids, onClose }: { ids: number[]; onClose: () => void }) {
  const { client, notify, fail } = useApp();
  const [pattern, setPattern] = useState(DEFAULT_RENAME_PATTERN);
  const [start, setStart] = useState('1');
  const [preview, setPreview] = useState<RenameResult | null>(null);
  /** The pattern and start the preview shows: 改名 waits until it matches what is typed, so it applies what was seen. */
  const [previewed, setPreviewed] = useState('');
  const [previewError, setPreviewError] = useState<string | null>(null);
  const patternInput = useRef<HTMLInputElement>(null);
  const startNumber = /^\d{1,7}$/.test(start.trim()) ? Number(start.trim()) : null;

  useEffect(() => {
    let current = true;
    if (!pattern.trim() || startNumber === null) {
      setPreview(null);
      setPreviewError(startNumber === null ? '起始序号应为不小于 0 的整数。' : '请填写命名规则。');
      return;
    }
    const timer = setTimeout(() => {
      client['records.rename']({ ids, pattern, start: startNumber, preview: true })
        .then((r) => {
          if (!current) return;
          setPreview(r);
          setPreviewed(`${startNumber}|${pattern}`);
          setPreviewError(null);
        })
        .catch((err: unknown) => {
          if (!current) return;
          setPreview(null);
          setPreviewError(clerkMessage(err));
        });
    }, PREVIEW_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [client, ids, pattern, startNumber]);

  /** Puts a field's token where the cursor is, so a clerk builds the pattern by clicking. */
  function insertToken(token: string) {
    const input = patternInput.current;
    const at = input?.selectionStart ?? pattern.length;
    const end = input?.selectionEnd ?? at;
    setPattern(pattern.slice(0, at) + token + pattern.slice(end));
    requestAnimationFrame(() => {
      input?.focus();
      input?.setSelectionRange(at + token.length, at + token.length);
    });
  }

  const apply = async () => {
    if (startNumber === null) return;
    const r = await client['records.rename']({ ids, pattern, start: startNumber });
    // Something changed since the preview (a record lost its activity): the warning lists why, and nothing was renamed.
    if (!r.applied) {
      setPreview(r);
      return;
    }
    notify(`已改名 ${r.rows.length} 件资料`, { label: '撤销', run: () => void client['records.undo']({}).catch(fail) });
    onClose();
  };

  const problems = preview?.problems ?? [];
  const changed = preview?.rows.filter((r) => r.from !== r.to).length ?? 0;
  const blocked = !preview || previewed !== `${startNumber}|${pattern}` || problems.length > 0 || changed === 0;

  return (
    <FormDialog title={`批量改名 ${ids.length} 件资料`} onClose={onClose} disabled={blocked} submit={{ label: `改名 ${ids.length} 件`, run: apply }}>
      <div className="rename-form">
        <Field label="命名规则" wide hint="点下面的字段把它加到光标处；{序号:3} 表示序号补足 3 位（001）。">
          <input ref={patternInput} name="renamePattern" value={pattern} onChange={(e) => setPattern(e.target.value)} />
        </Field>
        <Field label="起始序号">
          <input name="renameStart" inputMode="numeric" value={start} onChange={(e) => setStart(e.target.value)} />
        </Field>
      </div>
      <div className="chips rename-tokens" aria-label="可用字段">
        {RENAME_FIELDS.map((f) => (
          <button key={f} type="button" className="small" onClick={() => insertToken(`{${f}}`)}>
            {`{${f}}`}
          </button>
        ))}
      </div>
      <ErrorNote text={previewError} />
      {problems.length > 0 && (
        <div className="note note-warn">
          <strong>{problems.length} 件不能按这个规则改名，请换一个规则或先补上缺的信息（改名是全部一起改，不会只改一部分）：</strong>
          <ul className="rename-problems">
            {problems.slice(0, 5).map((p) => (
              <li key={p.id}>{chinese(p.message)}</li>
            ))}
            {problems.length > 5 && <li>……还有 {problems.length - 5} 件</li>}
          </ul>
        </div>
      )}
      {preview && (
        <>
          <p className="muted">
            预览：{changed} 件的题名会改变{preview.rows.length - changed > 0 ? `，${preview.rows.length - changed} 件不变` : ''}。改名后可以撤销。
          </p>
          <div className="table-wrap rename-preview">
            <table className="table" aria-label="改名预览">
              <thead>
                <tr>
                  <th>原题名</th>
                  <th aria-label="改为" />
                  <th>新题名</th>
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((r) => (
                  <tr key={r.id} className={r.from === r.to ? 'unchanged' : ''}>
                    <td className="rename-from">{r.from}</td>
                    <td className="rename-arrow" aria-hidden="true">
                      →
                    </td>
                    <td className="rename-to">{r.to}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </FormDialog>
  );
}
