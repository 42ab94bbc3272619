import { useEffect, useState } from 'react';
import type { HubLink, PackageResult, SendResult } from '../../../shared/api/package.js';
import { chinese } from '../../../shared/errors.js';
import { clerkMessage } from '../../api/client.js';
import { PathField } from '../../components/PathField.js';
import { useTask } from '../../components/task.js';
import { Dialog, ErrorNote, Field, ProgressBar } from '../../components/ui.js';
import { baseName } from '../../lib/format.js';
import { useApp } from '../../state/app-context.js';

type Outcome = { written: PackageResult; sent: SendResult | null; sendError: string | null };

/**
 * 上报: writes the year's 上报包 and either keeps it as a file (for a USB stick or the 政务网) or sends it to the
 * 街道/区 hub this archive is linked to. The package is always saved first, so a failed send loses nothing.
 */
export function SubmitDialog({ year, onClose }: { year: number; onClose: () => void }) {
  const { client, transport, fail } = useApp();
  const [out, setOut] = useState('');
  const [link, setLink] = useState<HubLink | null>(null);
  const [send, setSend] = useState(false);
  const [editingLink, setEditingLink] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const task = useTask<Outcome>();

  useEffect(() => {
    client['app.exportDir']({ kind: 'package', year })
      .then((r) => setOut(r.path))
      .catch(fail);
    client['package.hub']({})
      .then((l) => {
        setLink(l);
        setSend(Boolean(l.url && l.hasToken));
      })
      .catch(fail);
  }, [client, year, fail]);

  const linked = Boolean(link?.url && link.hasToken);

  async function start() {
    if (!out.trim()) return setError('请填写保存位置');
    if (send && !linked) return setError('请先设置汇总平台的地址和上传令牌，或选择只保存为文件');
    setError(null);
    await task.run(async (o): Promise<Outcome> => {
      const written = await client['package.create']({ year, out: out.trim() }, o);
      if (!send) return { written, sent: null, sendError: null };
      try {
        return { written, sent: await client['package.send']({ file: written.path }, o), sendError: null };
      } catch (err) {
        // The package is on disk whatever the hub did; the clerk can send it again or carry it.
        return { written, sent: null, sendError: clerkMessage(err) };
      }
    });
  }

  const phase = task.state.phase;
  return (
    <Dialog
      title={`上报 ${year} 年度材料`}
      onClose={phase === 'running' ? undefined : onClose}
      footer={
        phase === 'running' ? (
          <button onClick={task.cancel}>取消</button>
        ) : phase === 'done' ? (
          <button className="primary" onClick={onClose}>
            完成
          </button>
        ) : (
          <>
            <button onClick={onClose}>关闭</button>
            <button className="primary" onClick={() => void start()} disabled={editingLink}>
              {phase === 'failed' ? '重新生成' : send ? '生成并发送' : '生成上报包'}
            </button>
          </>
        )
      }
    >
      {(phase === 'idle' || phase === 'failed') && (
        <div className="form">
          <p className="muted">
            上报包是一个压缩包（.zip 文件），含本年度归入测评项目的全部材料、档号、案卷、自查表、归档文件目录和移交登记表，每个文件都有校验值，改动任何内容都会被发现。
          </p>
          <Field label="保存到文件夹" wide>
            <PathField value={out} onChange={setOut} forSaving name="out" />
          </Field>
          <fieldset className="options">
            <legend>交送方式</legend>
            <label className="check">
              <input type="radio" name="send" checked={!send} onChange={() => setSend(false)} />
              只保存为文件（用 U 盘或政务网交给街道）
            </label>
            <label className="check">
              <input type="radio" name="send" checked={send} onChange={() => setSend(true)} />
              保存后发送到汇总平台{link?.url ? `（${link.url}）` : ''}
            </label>
          </fieldset>
          {send && (editingLink || !linked) && link && <HubLinkForm link={link} onSaved={(l) => (setLink(l), setEditingLink(false))} onCancel={linked ? () => setEditingLink(false) : undefined} />}
          {send && linked && !editingLink && (
            <p className="muted">
              已设置上传令牌。<button className="link" onClick={() => setEditingLink(true)}>更改汇总平台或令牌</button>
            </p>
          )}
          <ErrorNote text={error} />
          {phase === 'failed' && <div className={`note ${task.state.cancelled ? '' : 'note-error'}`}>{task.state.message}</div>}
        </div>
      )}
      {phase === 'running' && <ProgressBar progress={task.state.progress} label="正在准备…" />}
      {phase === 'done' && <SubmitOutcome outcome={task.state.result} showPath={transport.shell === 'browser'} />}
    </Dialog>
  );
}

/** The hub's address and the community's upload token, given by the 街道; the token is written once and never shown. */
function HubLinkForm({ link, onSaved, onCancel }: { link: HubLink; onSaved: (link: HubLink) => void; onCancel: (() => void) | undefined }) {
  const { client } = useApp();
  const [url, setUrl] = useState(link.url ?? '');
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    if (!url.trim()) return setError('请填写汇总平台地址');
    if (!link.hasToken && !token.trim()) return setError('请填写街道给的上传令牌');
    try {
      onSaved(await client['package.setHub']({ url: url.trim(), ...(token.trim() ? { token: token.trim() } : {}) }));
    } catch (err) {
      setError(clerkMessage(err));
    }
  };
  return (
    <div className="note hub-link">
      <div className="grid-2">
        <Field label="汇总平台地址" wide hint="街道或区创城办提供的网址">
          <input value={url} onChange={(e) => setUrl(e.target.value)} />
        </Field>
        <Field label="上传令牌" wide hint={link.hasToken ? '已保存过令牌；留空则继续使用原来的' : '只用于上传本社区的上报包，不能查看任何内容'}>
          <input type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} />
        </Field>
      </div>
      <ErrorNote text={error} />
      <div className="form-actions">
        {onCancel && <button onClick={onCancel}>取消</button>}
        <button onClick={() => void save()}>保存设置</button>
      </div>
    </div>
  );
}

function SubmitOutcome({ outcome, showPath }: { outcome: Outcome; showPath: boolean }) {
  const { written, sent, sendError } = outcome;
  return (
    <div className="outcome">
      <p className="lead text-ok">上报包已生成：{baseName(written.path)}</p>
      <p>
        {written.records} 件资料，{written.files} 个文件，共 {(written.bytes / 1024 / 1024).toFixed(1)} MB。
      </p>
      <p className="muted">校验值：{written.contentHash.slice(0, 16)}…（打印在移交登记表上）</p>
      {sent?.ok && <p className="text-ok">{sent.duplicate ? '汇总平台已经收到过这个上报包，没有重复保存。' : '已发送到汇总平台，平台核对无误后已收下。'}</p>}
      {sent && !sent.ok && (
        <div className="note note-error">
          <strong>汇总平台没有收下：</strong>
          <ul>
            {sent.problems.map((p, i) => (
              <li key={i}>{chinese(p)}</li>
            ))}
          </ul>
          <p>上报包仍保存在本机，可改正后重新发送，或用 U 盘交送。</p>
        </div>
      )}
      {sendError && <div className="note note-error">{sendError}</div>}
      {written.warnings.length > 0 && (
        <div className="note note-warn">
          <strong>有 {written.warnings.length} 处需要留意：</strong>
          <ul>
            {written.warnings.map((w, i) => (
              <li key={i}>{chinese(w)}</li>
            ))}
          </ul>
        </div>
      )}
      {showPath && <p className="path">{written.path}</p>}
    </div>
  );
}
