import { useEffect, useRef, type ReactNode } from 'react';
import type { Progress } from '../../shared/api/method.js';
import { chinese } from '../../shared/errors.js';
import type { Completeness } from '../../shared/api/status.js';
import { middleEllipsis } from '../lib/format.js';

const BADGE_CLASS: Record<Completeness, string> = { 齐全: 'ok', 部分: 'part', 缺失: 'missing', 不适用: 'na' };

export function StatusBadge({ status, title }: { status: Completeness; title?: string }) {
  return (
    <span className={`badge badge-${BADGE_CLASS[status]}`} title={title}>
      {status}
    </span>
  );
}

export function Dialog({
  title,
  onClose,
  children,
  footer,
  wide = false,
}: {
  title: string;
  onClose?: () => void;
  children: ReactNode;
  footer?: ReactNode;
  wide?: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  // Focus once, when the dialog opens: a parent re-rendering (live data arriving) must not pull the cursor back to
  // the first field while the clerk types in another.
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('input, select, textarea, button.primary')?.focus();
  }, []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && onClose) onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="backdrop">
      <div className={`dialog${wide ? ' dialog-wide' : ''}`} role="dialog" aria-modal="true" aria-label={title} ref={ref}>
        <div className="dialog-head">
          <h2>{title}</h2>
          {onClose && (
            <button className="icon-button" onClick={onClose} aria-label="关闭">
              ×
            </button>
          )}
        </div>
        <div className="dialog-body">{children}</div>
        {footer && <div className="dialog-foot">{footer}</div>}
      </div>
    </div>
  );
}

/**
 * Every long task's bar. The item being worked on (a file's own name) is cut in the middle to one line, and the
 * counter never shrinks, so a long name can neither push the counter out nor make the dialog scroll sideways.
 */
export function ProgressBar({ progress, label }: { progress: Progress | null; label?: string }) {
  const total = progress?.total ?? 0;
  const done = progress?.done ?? 0;
  const percent = total > 0 ? Math.min(100, Math.round((done / total) * 100)) : null;
  const item = progress?.message ? chinese(progress.message) : '';
  return (
    <div className="progress">
      <div className="progress-text">
        <span className="progress-stage">
          {progress ? chinese(progress.stage) : (label ?? '正在准备…')}
          {item && (
            <>
              ：
              <span className="progress-item" title={item}>
                {middleEllipsis(item, 32)}
              </span>
            </>
          )}
        </span>
        {percent !== null && (
          <span className="progress-count">
            第 {done} / {total} 个（{percent}%）
          </span>
        )}
      </div>
      <div
        className={`progress-track${percent === null ? ' progress-indeterminate' : ''}`}
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
      >
        <div className="progress-fill" style={{ width: `${percent ?? 30}%` }} />
      </div>
    </div>
  );
}

export function Field({ label, children, hint, wide = false }: { label: string; children: ReactNode; hint?: string; wide?: boolean }) {
  return (
    <label className={`field${wide ? ' field-wide' : ''}`}>
      <span className="field-label">{label}</span>
      {children}
      {hint && <span className="field-hint">{hint}</span>}
    </label>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <div className="empty-title">{title}</div>
      {children && <div className="empty-text">{children}</div>}
    </div>
  );
}

export function ErrorNote({ text }: { text: string | null }) {
  return text ? (
    <div className="note note-error" role="alert">
      {text}
    </div>
  ) : null;
}

export function Seal({ small = false }: { small?: boolean }) {
  return (
    <span className={`seal${small ? ' seal-small' : ''}`} aria-hidden="true">
      台账
    </span>
  );
}

const ICONS = {
  search: 'M10.5 3a7.5 7.5 0 015.96 12.06l4.24 4.24-1.4 1.4-4.24-4.24A7.5 7.5 0 1110.5 3zm0 2a5.5 5.5 0 100 11 5.5 5.5 0 000-11z',
  book: 'M5 3h11a3 3 0 013 3v15H8a3 3 0 01-3-3V3zm2 2v11.2c.3-.1.6-.2 1-.2h9V6a1 1 0 00-1-1H7z',
  sheet: 'M4 3h16a1 1 0 011 1v16a1 1 0 01-1 1H4a1 1 0 01-1-1V4a1 1 0 011-1zm1 5v4h6V8H5zm8 0v4h6V8h-6zm-8 6v5h6v-5H5zm8 0v5h6v-5h-6z',
  upload: 'M12 3l6 6h-4v6h-4V9H6l6-6zM4 17h2v2h12v-2h2v4H4v-4z',
} as const;

export function Icon({ name, size = 18 }: { name: keyof typeof ICONS; size?: number }) {
  return (
    <svg className="icon" width={size} height={size} viewBox="0 0 24 24" aria-hidden="true">
      <path d={ICONS[name]} fill="currentColor" />
    </svg>
  );
}

/** A long task's progress bar with its 取消 button while it runs, and its failure once it has failed. */
export function TaskProgress({ state, onCancel }: { state: { phase: string; progress?: Progress | null; message?: string }; onCancel: () => void }) {
  if (state.phase === 'running') {
    return (
      <>
        <ProgressBar progress={state.progress ?? null} />
        <button className="small" onClick={onCancel}>
          取消
        </button>
      </>
    );
  }
  return state.phase === 'failed' ? <ErrorNote text={state.message ?? null} /> : null;
}
