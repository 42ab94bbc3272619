import { useApp } from '../../state/app-context.js';
import { useData } from '../../state/use-data.js';

/**
 * "识别文字 12/40" in the top bar while scans are being read in the background; nothing otherwise. The archive service
 * announces every page it reads, so this follows the reading without polling.
 */
export function OcrProgress() {
  const { client } = useApp();
  const status = useData(() => client['ocr.status']({}), []).data;
  if (!status?.running || status.total === 0) return null;
  return (
    <span className="ocr-progress" role="status" title="正在后台识别照片和扫描件上的文字，可在 设置 里关闭">
      识别文字 {status.done}/{status.total}
    </span>
  );
}
