import { useEffect, useState } from 'react';
import type { StoredFile } from '../../../shared/api/records.js';
import { useApp } from '../../state/app-context.js';

/** A picture of the file: the photo itself, a PDF's first page (its print image), or the PDF in the viewer. */
export function FilePreview({ file }: { file: StoredFile | null }) {
  const { transport } = useApp();
  const [failed, setFailed] = useState(false);
  const [pdfOpen, setPdfOpen] = useState(false);
  useEffect(() => {
    setFailed(false);
    setPdfOpen(false);
  }, [file?.sha256]);

  if (!file) return <div className="preview preview-empty">没有文件</div>;
  if (file.kind === 'pdf' && pdfOpen) {
    return (
      <div className="preview preview-pdf">
        <iframe title={`预览 ${file.name}`} src={transport.previewUrl(file.sha256, 'file')} />
        <button className="small" onClick={() => setPdfOpen(false)}>
          收起
        </button>
      </div>
    );
  }
  if ((file.kind === 'image' || file.kind === 'pdf') && !failed) {
    return (
      <div className="preview">
        <img src={transport.previewUrl(file.sha256, 'print')} alt={`预览 ${file.name}`} onError={() => setFailed(true)} />
        {file.kind === 'pdf' && (
          <button className="small preview-open" onClick={() => setPdfOpen(true)}>
            查看全部 {file.pages ?? ''} 页
          </button>
        )}
      </div>
    );
  }
  if (file.kind === 'pdf') {
    return (
      <div className="preview preview-empty">
        <span>PDF 文件，共 {file.pages ?? '?'} 页</span>
        <button className="small" onClick={() => setPdfOpen(true)}>
          在窗口中查看
        </button>
      </div>
    );
  }
  return <div className="preview preview-empty">{file.kind === 'docx' || file.kind === 'office' ? 'Word/WPS 文件，无法直接预览' : '此类文件无法预览'}</div>;
}
