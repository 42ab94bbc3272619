import type { FileLocation } from '../../../shared/api/records.js';
import { Dialog } from '../../components/ui.js';
import { useApp } from '../../state/app-context.js';

/** Kinds the window can hand back as a download: the preview serves exactly these. */
const DOWNLOADABLE = new Set(['pdf', 'image']);

/**
 * 在文件夹中显示 where no file manager can be opened (the browser): where the readable copy of each of the record's
 * files lies on this PC (查看副本, named by title, never the library's hash names), that it is only a copy, and, for
 * a PDF or a photo, the file itself under its own name.
 */
export function FileLocations({ title, files, onClose }: { title: string; files: readonly FileLocation[]; onClose: () => void }) {
  const { transport, notify } = useApp();
  const copy = (file: FileLocation) =>
    void navigator.clipboard.writeText(file.path).then(
      () => notify(`已复制「${file.name}」副本的位置`),
      () => notify('无法复制，请选中位置后按 Ctrl+C'),
    );
  return (
    <Dialog title={`「${title}」的文件在哪里`} onClose={onClose} wide footer={<button onClick={onClose}>关闭</button>}>
      <p className="muted">
        这里不能直接打开文件夹。下面是这件资料的查看副本所在的位置，可以在文件管理器里找到并打开。这是一份副本：在副本上修改不会改变档案里的资料，要修改请在台账里操作。
      </p>
      <ul className="file-locations">
        {files.map((f) => (
          <li key={f.fileId}>
            <strong>{f.name}</strong>
            {f.present ? (
              <dl>
                <dt>所在文件夹</dt>
                <dd className="location">{f.folder}</dd>
                <dt>副本文件名</dt>
                <dd className="location">{f.path.slice(f.folder.length + 1)}</dd>
              </dl>
            ) : (
              <p className="note note-error">文件库中找不到这个文件，请到“设置”里检查档案</p>
            )}
            {f.present && (
              <div className="file-location-actions">
                <button onClick={() => copy(f)}>复制位置</button>
                {DOWNLOADABLE.has(f.kind) && (
                  <a className="link-button" href={transport.previewUrl(f.sha256, 'file')} download={f.name}>
                    下载此文件
                  </a>
                )}
              </div>
            )}
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
