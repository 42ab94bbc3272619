import { forwardRef, useEffect, useState } from 'react';
import type { SearchHit } from '../../shared/api/search.js';
import { clerkMessage } from '../api/client.js';
import { Icon } from '../components/ui.js';
import { snippetParts } from '../lib/activity-marks.js';
import { useApp } from '../state/app-context.js';

/** The global search: every year at once, with each hit's year and item paths; choosing one opens it. */
export const SearchBox = forwardRef<HTMLInputElement>(function SearchBox(_props, ref) {
  const { client, setYear, go } = useApp();
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setHits(null);
      setError(null);
      return;
    }
    let current = true;
    const timer = window.setTimeout(() => {
      client['search.query']({ query: q, limit: 50 })
        .then((r) => current && (setHits(r.results), setError(null)))
        .catch((err: unknown) => current && setError(clerkMessage(err)));
    }, 250);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [query, client]);

  function choose(hit: SearchHit) {
    setYear(hit.year);
    go({ screen: 'records', item: null, records: [hit.id] });
    setOpen(false);
  }

  return (
    <div className="search" onBlur={(e) => !e.currentTarget.contains(e.relatedTarget) && setOpen(false)}>
      <Icon name="search" />
      <input
        ref={ref}
        type="search"
        value={query}
        placeholder="搜索全部年度的资料（Ctrl+F）"
        aria-label="搜索全部年度的资料"
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setOpen(false);
          if (e.key === 'Enter' && hits?.[0]) choose(hits[0]);
        }}
      />
      {open && query.trim() && (hits || error) && (
        <div className="search-results" role="listbox" aria-label="搜索结果">
          {error && <div className="note note-error">{error}</div>}
          {hits && hits.length === 0 && <div className="muted search-none">没有找到含"{query.trim()}"的资料</div>}
          {hits && hits.length > 0 && <div className="search-count">找到 {hits.length} 件</div>}
          {hits?.map((hit) => (
            <button key={hit.id} className="search-hit" role="option" aria-selected={false} onClick={() => choose(hit)}>
              <span className="search-hit-head">
                <span className="year-tag">{hit.year}年</span>
                <span className={`type type-${hit.type}`}>{hit.type}</span>
                <span className="search-title">{hit.title}</span>
                {hit.date && <span className="muted">{hit.date}</span>}
              </span>
              {hit.snippet && (
                <span className="search-snippet">
                  {snippetParts(hit.snippet).map((p, i) => (p.hit ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
                </span>
              )}
              {hit.items.map((path) => (
                <span key={path} className="search-path">
                  {path}
                </span>
              ))}
              {hit.items.length === 0 && <span className="search-path">待归类</span>}
            </button>
          ))}
        </div>
      )}
    </div>
  );
});
