import { useEffect, useState } from 'react';
import type { OcrStatus } from '../../../shared/api/ocr.js';
import { useApp } from '../../state/app-context.js';

const POLL_MS = 3000;

/** "识别文字 12/40" in the top bar while scans are being read in the background; nothing otherwise. */
export function OcrProgress() {
  const { client } = useApp();
  const [status, setStatus] = useState<OcrStatus | null>(null);
  useEffect(() => {
    let stop = false;
    const poll = async () => {
      try {
        const s = await client['ocr.status']({});
        if (stop) return;
        setStatus(s);
      } catch {
        // No archive open, or it is closing: try again on the next tick.
      }
    };
    void poll();
    const timer = setInterval(() => void poll(), POLL_MS);
    return () => {
      stop = true;
      clearInterval(timer);
    };
  }, [client]);
  if (!status?.running || status.total === 0) return null;
  return (
    <span className="ocr-progress" role="status" title="正在后台识别照片和扫描件上的文字，可在 设置 里关闭">
      识别文字 {status.done}/{status.total}
    </span>
  );
}
