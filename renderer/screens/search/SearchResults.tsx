import { useMemo, useState } from 'react';
import type { SearchHit, SearchResult } from '../../../shared/api/search.js';
import { ErrorNote } from '../../components/ui.js';
import { snippetParts } from '../../lib/activity-marks.js';
import { useApp } from '../../state/app-context.js';
import { useData } from '../../state/use-data.js';
import { YearOptions } from '../../components/YearOptions.js';

/** What one click on 显示更多 adds. */
export const SEARCH_PAGE = 50;
/** The most the core gives in one call (shared/api/search.ts): longer lists are read in slices of this size. */
const MAX_SLICE = 500;

/**
 * Every match of a query, not just the first page: the real total, 显示更多 for the next 50, a thumbnail for photo
 * hits, the matched words marked, and filters by year and by 测评项目 (an item of the year's index, with what is
 * filed under it across mapped editions, as the core's item filter does). Choosing a hit is the caller's.
 */
export function SearchResults({ query, onOpen, onClose }: { query: string; onOpen: (hit: SearchHit) => void; onClose: () => void }) {
  const { client, archive, year: currentYear, transport } = useApp();
  const [year, setYear] = useState<number | null>(null);
  const [item, setItem] = useState<string | null>(null);
  const [shown, setShown] = useState(SEARCH_PAGE);
  const itemYear = year ?? currentYear;
  const items = useData(() => client['index.list']({ year: itemYear }), [itemYear]);
  const filters = { ...(year !== null ? { year } : {}), ...(item !== null ? { item } : {}) };
  const result = useData(() => readSlices(client['search.query'], query, filters, shown), [query, year, item, shown]);
  const topItems = useMemo(() => (items.data ?? []).filter((i) => i.level <= 2), [items.data]);

  const hits = result.data?.results ?? [];
  const total = result.data?.total ?? null;
  const resetWith = (apply: () => void) => {
    apply();
    setShown(SEARCH_PAGE);
  };

  return (
    <section className="search-panel" aria-label="搜索结果" tabIndex={-1}>
      <div className="search-panel-head">
        <h2 className="search-panel-count" aria-live="polite">
          {total === null ? '正在查找…' : total === 0 ? `没有找到含“${query}”的资料` : `找到 ${total} 件`}
        </h2>
        <label className="search-filter">
          <span>年度</span>
          <select aria-label="按年度筛选" value={year ?? ''} onChange={(e) => resetWith(() => (setYear(e.target.value ? Number(e.target.value) : null), setItem(null)))}>
            <option value="">全部年度</option>
            <YearOptions years={archive?.years ?? []} />
          </select>
        </label>
        <label className="search-filter">
          <span>测评项目</span>
          <select aria-label="按测评项目筛选" value={item ?? ''} onChange={(e) => resetWith(() => setItem(e.target.value || null))}>
            <option value="">全部项目</option>
            {topItems.map((i) => (
              <option key={i.code} value={i.code}>
                {i.level > 1 ? '　' : ''}
                {i.code} {i.title}
              </option>
            ))}
          </select>
        </label>
        <span className="spacer" />
        <button className="icon-button" onClick={onClose} aria-label="关闭搜索结果">
          ×
        </button>
      </div>
      <ErrorNote text={result.error} />
      <ol className="search-list">
        {hits.map((hit) => (
          <li key={hit.id}>
            <button className="search-hit search-hit-row" onClick={() => onOpen(hit)}>
              {hit.thumb ? (
                <img className="search-thumb" src={transport.previewUrl(hit.thumb, 'thumb')} alt={`照片 ${hit.title}`} loading="lazy" />
              ) : (
                <span className="search-thumb search-thumb-none" aria-hidden="true">
                  {hit.type}
                </span>
              )}
              <span className="search-hit-body">
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
                <span className="search-paths">
                  {hit.archivalCode && <span className="code search-code">档号 {hit.archivalCode}</span>}
                  {hit.items.map((path) => (
                    <span key={path} className="search-path">
                      {path}
                    </span>
                  ))}
                  {hit.items.length === 0 && <span className="search-path">待归类</span>}
                </span>
              </span>
            </button>
          </li>
        ))}
      </ol>
      {total !== null && hits.length < total && (
        <div className="search-more">
          <button onClick={() => setShown((n) => n + SEARCH_PAGE)} disabled={result.loading}>
            显示更多（已显示 {hits.length} / {total} 件）
          </button>
        </div>
      )}
      {total !== null && total > 0 && hits.length >= total && <div className="search-more muted">已全部显示</div>}
    </section>
  );
}

type SearchCall = (args: { query: string; year?: number; item?: string; offset: number; limit: number }) => Promise<SearchResult>;

/** The first `count` matches, read in slices the core accepts; each slice is a piece of one order (search.ts). */
async function readSlices(search: SearchCall, query: string, filters: { year?: number; item?: string }, count: number): Promise<SearchResult> {
  const slices: Promise<SearchResult>[] = [];
  for (let offset = 0; offset < count; offset += MAX_SLICE) {
    slices.push(search({ query, ...filters, offset, limit: Math.min(MAX_SLICE, count - offset) }));
  }
  const pages = await Promise.all(slices);
  return { total: pages[0]?.total ?? 0, results: pages.flatMap((p) => p.results) };
}
