import { useState } from 'react';
import type { SearchHit } from '../../shared/api/search.js';
import { ErrorNote } from '../components/ui.js';
import { useApp } from '../state/app-context.js';

export interface EvidenceRef {
  id: number;
  title: string;
}

/** Links records of the archive to a rectification as proof (佐证资料): find them by any words, add, remove. */
export function EvidencePicker({ value, onChange }: { value: EvidenceRef[]; onChange: (next: EvidenceRef[]) => void }) {
  const { client } = useApp();
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [error, setError] = useState<string | null>(null);

  const find = async () => {
    if (!query.trim()) return;
    try {
      setError(null);
      setHits((await client['search.query']({ query, limit: 8 })).results);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  const linked = new Set(value.map((e) => e.id));

  return (
    <div className="evidence">
      {value.length > 0 ? (
        <ul className="chips" aria-label="佐证资料">
          {value.map((e) => (
            <li key={e.id} className="chip" title={e.title}>
              <span>{e.title}</span>
              <button className="chip-x" aria-label={`去掉 ${e.title}`} onClick={() => onChange(value.filter((x) => x.id !== e.id))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">还没有佐证资料。整改后的照片、记录等归档后，可在这里找到并关联。</p>
      )}
      <div className="row">
        <input
          aria-label="查找佐证资料"
          placeholder="输入题名中的字词查找档案中的材料"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void find();
            }
          }}
        />
        <button onClick={() => void find()}>查找</button>
      </div>
      <ErrorNote text={error} />
      {hits.length > 0 && (
        <ul className="evidence-hits">
          {hits.map((h) => (
            <li key={h.id}>
              <span>
                {h.year} · {h.title}
              </span>
              <button disabled={linked.has(h.id)} onClick={() => onChange([...value, { id: h.id, title: h.title }])}>
                {linked.has(h.id) ? '已关联' : '关联'}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
