import { useEffect, useRef, useState } from 'react';
import type { RecordSummary } from '../../../shared/api/records.js';
import { useApp } from '../../state/app-context.js';

/**
 * Renames one record where its title is shown (F2): Enter or leaving the field saves, Esc keeps the old title.
 * An empty or unchanged title saves nothing.
 */
export function InlineRename({ record, onDone }: { record: RecordSummary; onDone: () => void }) {
  const { client, notify, fail } = useApp();
  const [title, setTitle] = useState(record.title);
  const ref = useRef<HTMLInputElement>(null);
  const finished = useRef(false);

  // After the effects of what opened it (a menu giving focus back), so the field keeps the focus.
  useEffect(() => {
    ref.current?.focus();
    ref.current?.select();
  }, []);

  function finish(save: boolean) {
    if (finished.current) return;
    finished.current = true;
    onDone();
    const next = title.trim();
    if (!save || !next || next === record.title) return;
    client['records.update']({ id: record.id, title: next })
      .then(() => notify(`已改名为「${next}」`, { label: '撤销', run: () => void client['records.undo']({}).catch(fail) }))
      .catch(fail);
  }

  return (
    <input
      ref={ref}
      className="inline-rename"
      name="inlineTitle"
      aria-label="新的题名"
      value={title}
      maxLength={500}
      onChange={(e) => setTitle(e.target.value)}
      onClick={(e) => e.stopPropagation()}
      onDoubleClick={(e) => e.stopPropagation()}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Enter') {
          e.preventDefault();
          finish(true);
        } else if (e.key === 'Escape') {
          e.preventDefault();
          finish(false);
        }
      }}
      onBlur={() => finish(true)}
    />
  );
}
