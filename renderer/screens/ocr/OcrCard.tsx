import { useEffect, useState } from 'react';
import type { OcrRunResult } from '../../../shared/api/ocr.js';
import { useTask } from '../../components/task.js';
import { ErrorNote, TaskProgress } from '../../components/ui.js';
import { useApp } from '../../state/app-context.js';
import { useData } from '../../state/use-data.js';

/** Settings: the switch for background OCR, what waits, and reading everything now. */
export function OcrCard() {
  const { client, notify, fail } = useApp();
  const status = useData(() => client['ocr.status']({}), []);
  const task = useTask<OcrRunResult>();
  const s = status.data;
  // The box follows the click at once; the archive's answer confirms it (or puts it back on failure).
  const [enabled, setEnabled] = useState(true);
  useEffect(() => {
    if (s) setEnabled(s.enabled);
  }, [s]);
  const toggle = (on: boolean) => {
    setEnabled(on);
    client['ocr.setEnabled']({ enabled: on })
      .then(() => {
        status.reload();
        notify(on ? '已开启文字识别' : '已关闭文字识别');
      })
      .catch((err: unknown) => {
        setEnabled(!on);
        fail(err);
      });
  };
  const runNow = async () => {
    const r = await task.run((o) => client['ocr.run']({}, o));
    if (r) {
      notify(`识别了 ${r.pages} 页，涉及 ${r.records} 件资料`);
    }
  };
  return (
    <section className="card">
      <h3>文字识别</h3>
      <p className="muted">自动识别照片和扫描件上的文字，识别出的文字可以搜索，并在资料详情里校对。全部在本机完成，不联网。</p>
      <label className="check">
        <input type="checkbox" name="ocrEnabled" checked={enabled} onChange={(e) => toggle(e.target.checked)} />
        导入后在后台自动识别
      </label>
      {s && (
        <p className="muted">
          等待识别 {s.waitingFiles} 个文件{s.failedFiles > 0 ? `，${s.failedFiles} 个文件无法识别` : ''}
        </p>
      )}
      <div className="form-actions">
        <button onClick={() => void runNow()} disabled={task.state.phase === 'running' || s?.waitingFiles === 0}>
          现在全部识别
        </button>
      </div>
      <TaskProgress state={task.state} onCancel={task.cancel} />
      <ErrorNote text={status.error} />
    </section>
  );
}
