import { useEffect, useState } from 'react';
import type { BinderPreflight, BinderReport } from '../../shared/api/binder.js';
import type { ChecklistResult } from '../../shared/api/checklist.js';
import { chinese } from '../../shared/errors.js';
import { PathField } from '../components/PathField.js';
import { useTask } from '../components/task.js';
import { Dialog, ErrorNote, Field, ProgressBar } from '../components/ui.js';
import { useApp, type ExportKind } from '../state/app-context.js';
import { baseName, joinPath, parentDir } from '../lib/format.js';

type Outcome = { kind: 'binder'; report: BinderReport; dir: string; extras: string[] } | { kind: 'checklist'; result: ChecklistResult; dir: string };

/** Binder and checklist export: options, a real progress bar, cancel, then the result and "open the folder". */
export function ExportDialog({ kind, onClose }: { kind: ExportKind; onClose: () => void }) {
  const { client, transport, year, nav, fail, changed } = useApp();
  const [out, setOut] = useState('');
  const [wholeYear, setWholeYear] = useState(true);
  const [single, setSingle] = useState(false);
  const [overview, setOverview] = useState(true);
  const [photosPerPage, setPhotosPerPage] = useState<1 | 2>(1);
  const [fitA4, setFitA4] = useState(true);
  const [spine, setSpine] = useState(false);
  const [duplex, setDuplex] = useState(false);
  const [withStatus, setWithStatus] = useState(false);
  const [catalogue, setCatalogue] = useState(true);
  const [boxes, setBoxes] = useState(false);
  const [numberFirst, setNumberFirst] = useState(false);
  const [preflight, setPreflight] = useState<BinderPreflight | null>(null);
  const [error, setError] = useState<string | null>(null);
  const task = useTask<Outcome>();

  useEffect(() => {
    client['app.exportDir']({ kind, year })
      .then((r) => setOut(r.path))
      .catch(fail);
  }, [client, kind, year, fail]);

  const item = !wholeYear && nav.item ? nav.item : undefined;
  useEffect(() => {
    if (kind !== 'binder') return;
    let live = true;
    client['binder.preflight']({ year, single, ...(item ? { item } : {}) })
      .then((p) => live && setPreflight(p))
      .catch(fail);
    return () => {
      live = false;
    };
  }, [client, kind, year, single, item, fail]);

  async function start() {
    if (!out.trim()) return setError('请填写保存位置');
    setError(null);
    const dir = out.trim();
    await task.run(async (o): Promise<Outcome> => {
      if (kind === 'binder') {
        const report = await client['binder.export'](
          { year, out: dir, single, overview, photosPerPage, fitA4, spine, duplex, withStatus, number: numberFirst, ...(item ? { item } : {}) },
          o,
        );
        const extras: string[] = [];
        if (catalogue) {
          const c = await client['binder.catalogue']({ year, out: joinPath(dir, `${year}年度归档文件目录.pdf`), ...(item ? { item } : {}) }, o);
          extras.push(`归档文件目录 ${c.rows} 条，${c.pages} 页`);
        }
        if (boxes) {
          const b = await client['binder.boxes']({ year, out: joinPath(dir, `${year}年度盒脊与备考表.pdf`), duplex }, o);
          extras.push(`盒脊标签与盒内备考表 ${b.boxes.length} 盒，${b.pages} 页`);
        }
        // 归档 first stored numbers: every view that shows them reloads.
        if (numberFirst) await changed();
        return { kind, report, dir, extras };
      }
      const result = await client['checklist.export']({ year, out: joinPath(dir, `${year}年度测评材料自查表.xlsx`) }, o);
      return { kind, result, dir: parentDir(result.path) };
    });
  }

  const title = kind === 'binder' ? `导出 ${year} 年度案卷（PDF）` : `导出 ${year} 年度自查表（Excel）`;
  const phase = task.state.phase;

  return (
    <Dialog
      title={title}
      onClose={phase === 'running' ? undefined : onClose}
      footer={
        phase === 'running' ? (
          <button onClick={task.cancel}>取消导出</button>
        ) : phase === 'done' ? (
          <>
            <OpenFolder dir={task.state.result.dir} />
            <button className="primary" onClick={onClose}>
              完成
            </button>
          </>
        ) : (
          <>
            <button onClick={onClose}>关闭</button>
            <button className="primary" onClick={() => void start()}>
              {phase === 'failed' ? '重新导出' : '开始导出'}
            </button>
          </>
        )
      }
    >
      {(phase === 'idle' || phase === 'failed') && (
        <div className="form">
          {kind === 'binder' && (
            <>
              <fieldset className="options">
                <legend>范围</legend>
                <label className="check">
                  <input type="radio" name="scope" checked={wholeYear} onChange={() => setWholeYear(true)} />
                  整个年度，每个测评项目一卷
                </label>
                <label className="check">
                  <input type="radio" name="scope" checked={!wholeYear} disabled={!nav.item} onChange={() => setWholeYear(false)} />
                  只导出当前选中的项目{nav.item ? `（${nav.item}）` : '（请先在左边选一个项目）'}
                </label>
              </fieldset>
              <fieldset className="options">
                <legend>内容</legend>
                <label className="check">
                  <input type="checkbox" checked={overview} onChange={(e) => setOverview(e.target.checked)} />
                  另附总目录
                </label>
                <label className="check">
                  <input type="checkbox" checked={single} onChange={(e) => setSingle(e.target.checked)} />
                  全部合成一个 PDF 文件
                </label>
                <label className="check">
                  <input type="checkbox" checked={fitA4} onChange={(e) => setFitA4(e.target.checked)} />
                  横版、A3 页面缩放到 A4 打印
                </label>
                <label className="check">
                  <input type="checkbox" checked={spine} onChange={(e) => setSpine(e.target.checked)} />
                  生成档案盒脊背标签
                </label>
                <label className="check">
                  <input type="checkbox" checked={duplex} onChange={(e) => setDuplex(e.target.checked)} />
                  双面打印（封面、目录、每件资料都从正面开始）
                </label>
                <label className="check" title="内部自查用；交给检查组的案卷不印">
                  <input type="checkbox" checked={withStatus} onChange={(e) => setWithStatus(e.target.checked)} />
                  在分隔页上印出自查情况（内部自查用）
                </label>
              </fieldset>
              <fieldset className="options">
                <legend>另附</legend>
                <label className="check">
                  <input type="checkbox" checked={catalogue} onChange={(e) => setCatalogue(e.target.checked)} />
                  归档文件目录（按档号排列）
                </label>
                <label className="check">
                  <input type="checkbox" checked={boxes} onChange={(e) => setBoxes(e.target.checked)} />
                  盒脊标签和盒内备考表（按盒打印）
                </label>
              </fieldset>
              {preflight && <PreflightNote preflight={preflight} numberFirst={numberFirst} onNumberFirst={setNumberFirst} />}
              <fieldset className="options">
                <legend>照片</legend>
                <label className="check">
                  <input type="radio" name="photos" checked={photosPerPage === 1} onChange={() => setPhotosPerPage(1)} />
                  每页一张（居中，下附说明）
                </label>
                <label className="check">
                  <input type="radio" name="photos" checked={photosPerPage === 2} onChange={() => setPhotosPerPage(2)} />
                  每页两张（省纸）
                </label>
              </fieldset>
            </>
          )}
          {kind === 'checklist' && (
            <p className="muted">自查表列出每个测评项目的完成情况、资料件数和所在卷、页号，可直接交给检查组。</p>
          )}
          <Field label="保存到文件夹" wide>
            <PathField value={out} onChange={setOut} forSaving name="out" />
          </Field>
          <ErrorNote text={error} />
          {phase === 'failed' && <div className={`note ${task.state.cancelled ? '' : 'note-error'}`}>{task.state.message}</div>}
        </div>
      )}
      {phase === 'running' && <ProgressBar progress={task.state.progress} label="正在准备…" />}
      {phase === 'done' && <ExportOutcome outcome={task.state.result} showPath={transport.shell === 'browser'} />}
    </Dialog>
  );
}

function ExportOutcome({ outcome, showPath }: { outcome: Outcome; showPath: boolean }) {
  if (outcome.kind === 'checklist') {
    const r = outcome.result;
    return (
      <div className="outcome">
        <p className="lead text-ok">自查表已生成：{baseName(r.path)}</p>
        <p>
          共 {r.rows} 行，{r.sheets.length} 个工作表（{r.sheets.join('、')}）。
        </p>
        {showPath && <p className="path">{r.path}</p>}
      </div>
    );
  }
  const r = outcome.report;
  const pages = r.volumes.reduce((n, v) => n + v.pages, 0);
  return (
    <div className="outcome">
      <p className="lead text-ok">
        案卷已生成：{r.volumes.length} 卷，共 {pages} 页。
      </p>
      <ul className="volume-list">
        {r.volumes.map((v) => (
          <li key={v.path}>
            <span>{v.title}</span>
            <span className="muted">
              {v.documents.length} 件 · {v.pages} 页
            </span>
          </li>
        ))}
      </ul>
      {r.warnings.length > 0 && (
        <div className="note note-warn">
          <strong>有 {r.warnings.length} 处需要留意：</strong>
          <ul>
            {r.warnings.map((w, i) => (
              <li key={i}>{w.file ? `${baseName(w.file)}：${chinese(w.message)}` : chinese(w.message)}</li>
            ))}
          </ul>
        </div>
      )}
      {outcome.extras.length > 0 && <p>另附：{outcome.extras.join('；')}。</p>}
      {showPath && <p className="path">{outcome.dir}</p>}
    </div>
  );
}

/** What the export would print before it starts: drafts (with the offer to archive them first) and caption gaps. */
function PreflightNote({
  preflight,
  numberFirst,
  onNumberFirst,
}: {
  preflight: BinderPreflight;
  numberFirst: boolean;
  onNumberFirst: (value: boolean) => void;
}) {
  const drafts = preflight.drafts.length;
  const gaps = preflight.captionGaps.length;
  if (drafts === 0 && gaps === 0) return <p className="muted">共 {preflight.volumes} 卷、{preflight.pieces} 件，都已归档。</p>;
  return (
    <div className="note note-warn">
      {drafts > 0 && (
        <>
          <p>
            有 {drafts} 件资料还没有归档，导出时没有件号、每页印“草稿（未归档）”
            {drafts <= 3 ? `：${preflight.drafts.map((d) => d.title).join('、')}` : ''}。
          </p>
          <label className="check">
            <input type="checkbox" checked={numberFirst} onChange={(e) => onNumberFirst(e.target.checked)} />
            先归档这 {drafts} 件（编上件号和档号，以后不再改变），再导出
          </label>
        </>
      )}
      {gaps > 0 && <p>有 {gaps} 张照片的说明不全（时间、地点、人物、事由等），印出后检查组会看到空白。</p>}
    </div>
  );
}

function OpenFolder({ dir }: { dir: string }) {
  const { client, notify, fail } = useApp();
  const open = () =>
    client['app.showFolder']({ path: dir })
      .then((r) => !r.shown && notify(`请在文件管理器中打开：${dir}`))
      .catch(fail);
  return <button onClick={() => void open()}>打开文件夹</button>;
}
