import type { Suggestion } from '../../../shared/api/suggest.js';
import { useApp } from '../../state/app-context.js';
import { useData } from '../../state/use-data.js';

/**
 * The three items Taizhang suggests for a record, each a one-click choice with its reason. Used in the record detail
 * (the inbox shows the same detail) and in the result of a filing, for what went to 待归类.
 */
export function Suggestions({ recordId, current, onPick }: { recordId: number; current: readonly string[]; onPick: (code: string) => void }) {
  const { client } = useApp();
  const result = useData(() => client['suggest.record']({ recordId }), [recordId]);
  const list = (result.data?.suggestions ?? []).filter((s) => !current.includes(s.code));
  if (list.length === 0) return null;
  return (
    <div className="suggestions" aria-label="建议归入">
      <span className="muted">建议归入：</span>
      {list.map((s: Suggestion) => (
        <button key={s.code} className="small suggestion" title={s.reason} onClick={() => onPick(s.code)}>
          <span className="code">{s.code}</span> {s.title}
          <span className="muted small-print">（{s.reason}）</span>
        </button>
      ))}
    </div>
  );
}
