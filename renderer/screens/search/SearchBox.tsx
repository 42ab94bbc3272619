import { forwardRef, useEffect, useState } from 'react';
import type { SearchHit } from '../../../shared/api/search.js';
import { Icon } from '../../components/ui.js';
import { useApp } from '../../state/app-context.js';
import { SearchResults } from './SearchResults.js';

/**
 * The global search: every year at once. Typing opens the results view (total, paging, filters); choosing a hit
 * opens the record in its year, or whatever `onOpen` does (查阅模式 opens it in its own viewer).
 */
export const SearchBox = forwardRef<HTMLInputElement, { onOpen?: (hit: SearchHit) => void }>(function SearchBox({ onOpen }, ref) {
  const { setYear, go } = useApp();
  const [query, setQuery] = useState('');
  const [settled, setSettled] = useState('');
  const [open, setOpen] = useState(false);

  // The core is asked once typing pauses, not on every key.
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(query.trim()), 250);
    return () => window.clearTimeout(timer);
  }, [query]);

  function choose(hit: SearchHit) {
    if (onOpen) onOpen(hit);
    else {
      setYear(hit.year);
      go({ screen: 'records', item: null, inbox: false, records: [hit.id] });
    }
    setOpen(false);
  }

  return (
    <div className="search" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
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
          if (e.key === 'Enter') {
            setSettled(query.trim());
            setOpen(true);
          }
        }}
      />
      {open && settled && <SearchResults query={settled} onOpen={choose} onClose={() => setOpen(false)} />}
    </div>
  );
});
