import { createContext, useContext, useState, type ReactNode } from 'react';
import type { IndexItem } from '../../../shared/api/index.js';
import type { AddResult, FolderPlan } from '../../../shared/api/records.js';
import { chinese } from '../../../shared/errors.js';
import { clerkMessage } from '../../api/client.js';
import { Dialog, ProgressBar } from '../../components/ui.js';
import { useTask } from '../../components/task.js';
import { useApp } from '../../state/app-context.js';
import { baseName } from '../../lib/format.js';
import type { Dropped } from './drop.js';
import { usePickFiles, usePickFolder } from './pick.js';
import { ImportReview } from './ImportReview.js';
import { Suggestions } from '../suggest/Suggestions.js';
import { otherYearNotes } from './other-years.js';

interface FilingApi {
  /** Files the dropped files under an item (or none) and reviews dropped folders before importing them. */
  fileDrop(dropped: Dropped, item: string | null): void;
  addFiles(item: string | null): void;
  importFolder(): void;
}

const FilingContext = createContext<FilingApi | null>(null);

export function useFiling(): FilingApi {
  const value = useContext(FilingContext);
  if (!value) throw new Error('useFiling outside FilingProvider');
  return value;
}

type Step =
  | { kind: 'idle' }
  | { kind: 'preparing'; text: string }
  | { kind: 'adding'; count: number; item: string | null }
  | { kind: 'review'; dir: string; plan: FolderPlan; item: IndexItem | null }
  | { kind: 'importing'; dir: string; plan: FolderPlan }
  | { kind: 'result'; result: AddResult; title: string };

/** Filing in one place: drops, file dialogs, the folder import review, and their progress and results. */
export function FilingProvider({ children }: { children: ReactNode }) {
  const { client, transport, year, go, notify, fail } = useApp();
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const task = useTask<AddResult>();
  const pickFiles = usePickFiles();
  const pickFolder = usePickFolder();

  async function add(paths: string[], item: string | null) {
    setStep({ kind: 'adding', count: paths.length, item });
    const result = await task.run((o) => client['records.add']({ files: paths, year, items: item ? [item] : [] }, o));
    finish(result, '添加文件');
  }

  function finish(result: AddResult | null, title: string) {
    if (!result) return; // the progress dialog shows the failure or the cancellation
    const ids = result.records.map((r) => r.id);
    // Shown, not selected: a Delete or a bulk edit right after an import must not catch the whole import.
    if (ids.length > 0) go({ records: [], highlight: ids });
    const fresh = result.records.length;
    if (result.warnings.length === 0 && result.errors.length === 0 && result.duplicates.length === 0 && result.inbox === 0) {
      // Nothing to say: a record gone to another year's 待归类 is in the inbox, and comes with a warning.
      setStep({ kind: 'idle' });
      task.reset();
      notify(`已添加 ${fresh} 件资料`, { label: '撤销', run: () => void client['records.undo']({}).catch(fail) });
    } else {
      setStep({ kind: 'result', result, title });
    }
  }

  async function review(dir: string, item: IndexItem | null = null) {
    setStep({ kind: 'preparing', text: '正在查看文件夹里有什么…' });
    try {
      const plan = await client['records.planFolder']({ dir, year, ...(item ? { items: [item.code] } : {}) });
      setStep({ kind: 'review', dir, plan, item });
    } catch (err) {
      setStep({ kind: 'idle' });
      fail(err);
    }
  }

  async function commitImport(dir: string, plan: FolderPlan, item: IndexItem | null) {
    setStep({ kind: 'importing', dir, plan });
    const result = await task.run((o) => client['records.importFolder']({ dir, year, ...(item ? { items: [item.code] } : {}) }, o));
    finish(result, '导入文件夹');
  }

  async function guarded(text: string, work: () => Promise<void>) {
    setStep({ kind: 'preparing', text });
    try {
      await work();
    } catch (err) {
      setStep({ kind: 'idle' });
      fail(err);
    }
  }

  const api: FilingApi = {
    fileDrop: (dropped, item) =>
      void guarded('正在读取拖入的文件…', async () => {
        if (dropped.files.length > 0) await add(await transport.stageFiles(dropped.files), item);
        const folder = dropped.folders[0];
        if (folder) await review(await transport.stageFolder(folder));
        if (dropped.folders.length > 1) notify('一次只能导入一个文件夹，其余的请再拖一次');
      }),
    addFiles: (item) =>
      void guarded('请选择文件…', async () => {
        const paths = await pickFiles('records');
        if (paths) await add(paths, item);
        else setStep({ kind: 'idle' });
      }),
    importFolder: () =>
      void guarded('请选择文件夹…', async () => {
        const dir = await pickFolder();
        if (dir) await review(dir);
        else setStep({ kind: 'idle' });
      }),
  };

  const close = () => {
    setStep({ kind: 'idle' });
    task.reset();
  };

  return (
    <FilingContext.Provider value={api}>
      {children}
      {step.kind === 'preparing' && (
        <Dialog title="请稍候">
          <ProgressBar progress={null} label={step.text} />
        </Dialog>
      )}
      {(step.kind === 'adding' || step.kind === 'importing') && (
        <Dialog
          title={step.kind === 'adding' ? `正在添加 ${step.count} 个文件` : '正在导入文件夹'}
          footer={
            task.state.phase === 'running' ? (
              <button onClick={task.cancel}>取消</button>
            ) : (
              <button className="primary" onClick={close}>
                关闭
              </button>
            )
          }
        >
          {task.state.phase === 'running' && <ProgressBar progress={task.state.progress} label="正在复制文件、读取页数和文字…" />}
          {task.state.phase === 'failed' && <div className="note note-error">{task.state.message}</div>}
        </Dialog>
      )}
      {step.kind === 'review' && (
        <ImportReview
          plan={step.plan}
          defaultItem={step.item}
          onDefaultItem={(item) => void review(step.dir, item)}
          onCancel={close}
          onConfirm={() => void commitImport(step.dir, step.plan, step.item).catch((e) => fail(clerkMessage(e)))}
        />
      )}
      {step.kind === 'result' && <AddResultDialog title={step.title} result={step.result} onClose={close} />}
    </FilingContext.Provider>
  );
}

function AddResultDialog({ title, result, onClose }: { title: string; result: AddResult; onClose: () => void }) {
  const { year } = useApp();
  const fresh = result.records;
  const duplicates = result.duplicates;
  // A file sent to its own year's 待归类 is already said in the per-year note above the list.
  const warnings = result.warnings.filter((w) => w.otherYear === undefined);
  return (
    <Dialog
      title={`${title}：完成`}
      onClose={onClose}
      footer={
        <button className="primary" onClick={onClose}>
          知道了
        </button>
      }
    >
      <p className="lead">
        已添加 {fresh.length} 件资料{result.inbox > 0 ? `，其中 ${result.inbox} 件还没有归入测评项目，放在“待归类”里` : ''}。
      </p>
      {otherYearNotes(fresh, year, '已放入').map((text) => (
        <p key={text} className="note note-warn other-year">
          {text}
        </p>
      ))}
      <InboxFiling records={fresh.filter((r) => r.inbox && r.year === year)} />
      {duplicates.length > 0 && (
        <p className="note">
          {duplicates.length} 个文件档案里已经有了，没有重复添加：{duplicates.map((d) => d.title ?? baseName(d.file)).join('、')}
        </p>
      )}
      {result.errors.length > 0 && (
        <div className="note note-error">
          <strong>{result.errors.length} 个文件没有添加：</strong>
          <ul>
            {result.errors.map((e) => (
              <li key={e.file}>
                {baseName(e.file)}：{chinese(e.message)}
              </li>
            ))}
          </ul>
        </div>
      )}
      {warnings.length > 0 && (
        <div className="note note-warn">
          <strong>请留意：</strong>
          <ul>
            {warnings.map((w, i) => (
              <li key={`${w.file}-${i}`}>
                {baseName(w.file)}：{chinese(w.message)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </Dialog>
  );
}

/** How many just-added inbox records get their suggestions here; the rest are filed from 待归类 in the list. */
const SUGGESTED_HERE = 10;

/** Files that went to 待归类, each with its suggested items as one-click choices. */
function InboxFiling({ records }: { records: AddResult['records'] }) {
  const { client, fail } = useApp();
  const [filed, setFiled] = useState<Map<number, string>>(new Map());
  if (records.length === 0) return null;
  const file = (id: number, code: string) =>
    client['records.update']({ id, items: [code] })
      .then(() => setFiled((m) => new Map(m).set(id, code)))
      .catch(fail);
  const shown = records.slice(0, SUGGESTED_HERE);
  return (
    <div className="inbox-filing">
      <p>可以现在就归入：</p>
      <ul>
        {shown.map((r) => (
          <li key={r.id}>
            <span className="inbox-title">{r.title}</span>
            {filed.has(r.id) ? (
              <span className="text-ok">已归入 {filed.get(r.id)}</span>
            ) : (
              <Suggestions recordId={r.id} current={[]} onPick={(code) => void file(r.id, code)} />
            )}
          </li>
        ))}
      </ul>
      {records.length > shown.length && <p className="muted">其余 {records.length - shown.length} 件请在左边“待归类”里归入。</p>}
    </div>
  );
}
