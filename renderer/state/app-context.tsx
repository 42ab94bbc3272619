import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { AppState } from '../../shared/api/app.js';
import type { ArchiveInfo } from '../../shared/api/archive.js';
import { touches, windowWritesOf } from '../../shared/api/live.js';
import { clerkMessage, createClient, type Client } from '../api/client.js';
import type { Transport } from '../api/transport.js';
import { LiveData } from './live.js';

export type Screen = 'records' | 'activities' | 'ledger' | 'index' | 'years' | 'settings';
export type ExportKind = 'binder' | 'checklist';

export interface Nav {
  screen: Screen;
  /** Selected index item code; null shows every record of the year. */
  item: string | null;
  /** Selected record ids; the first is shown in the detail pane. */
  records: number[];
  /** Showing the inbox (待归类): the year's records linked to no item. */
  inbox?: boolean;
  /** Records just added: the list shows them without selecting them. */
  highlight?: number[];
}

export interface Toast {
  id: number;
  kind: 'info' | 'error';
  text: string;
  action?: { label: string; run: () => void };
}

export interface AppContextValue {
  client: Client;
  transport: Transport;
  state: AppState;
  archive: ArchiveInfo | null;
  refresh(): Promise<void>;
  year: number;
  setYear(year: number): void;
  /** What the views read and the core's change events (live.ts); useData uses it, screens never need to. */
  live: LiveData;
  nav: Nav;
  go(next: Partial<Nav>): void;
  exportDialog: ExportKind | null;
  openExport(kind: ExportKind | null): void;
  toasts: Toast[];
  notify(text: string, action?: Toast['action']): void;
  fail(err: unknown): void;
  dismiss(id: number): void;
}

const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp outside AppProvider');
  return value;
}

function defaultYear(archive: ArchiveInfo | null): number {
  const years = archive?.years.map((y) => y.year) ?? [];
  return years.length > 0 ? Math.max(...years) : new Date().getFullYear();
}

export function AppProvider({ transport, initial, children }: { transport: Transport; initial: AppState; children: ReactNode }) {
  const live = useMemo(() => new LiveData(), []);
  const refreshState = useRef<() => void>(() => undefined);
  // This window's own writes refresh its views as soon as the call returns; the core's change event (below) brings
  // the same news, and the changes made elsewhere.
  const client = useMemo(
    () =>
      createClient(transport, {
        called: (name) => live.noteCall(name),
        ended: (name) => {
          const topics = windowWritesOf(name);
          if (topics.length === 0) return;
          live.publish(topics);
          if (touches(['app.state'], topics)) refreshState.current();
        },
      }),
    [transport, live],
  );
  const [state, setState] = useState(initial);
  const [year, setYear] = useState(defaultYear(initial.archive));
  const [nav, setNav] = useState<Nav>({ screen: 'records', item: null, records: [] });
  const [exportDialog, openExport] = useState<ExportKind | null>(null);
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextToast = useRef(1);
  const archivePath = state.archive?.path ?? null;

  const refresh = useCallback(async () => {
    const next = await client['app.state']({});
    setState(next);
  }, [client]);
  refreshState.current = () => void refresh().catch(() => undefined);

  // A different archive starts at its newest year with nothing selected.
  useEffect(() => {
    setYear(defaultYear(state.archive));
    setNav({ screen: 'records', item: null, records: [] });
    // Only when another archive is opened, not on every refresh of its info.
  }, [archivePath]);

  // The year shown is always one the archive has (the first year of a new archive is declared after it opens).
  const years = state.archive?.years.map((y) => y.year).join(',') ?? '';
  useEffect(() => {
    if (state.archive && !state.archive.years.some((y) => y.year === year)) setYear(defaultYear(state.archive));
  }, [years]);

  const dismiss = useCallback((id: number) => setToasts((t) => t.filter((x) => x.id !== id)), []);
  const push = useCallback(
    (toast: Omit<Toast, 'id'>) => {
      const id = nextToast.current++;
      setToasts((t) => [...t.slice(-3), { ...toast, id }]);
      window.setTimeout(() => dismiss(id), toast.kind === 'error' ? 12000 : 6000);
    },
    [dismiss],
  );

  // The core says what each call wrote: the views that read it refetch, and the archive's info (years, counts)
  // when it is among them. A notice (the archive service restarted) is shown as it comes.
  useEffect(
    () =>
      transport.onEvent((event) => {
        if (event.type === 'notice') return push({ kind: event.level, text: event.message });
        live.publish(event.topics);
        if (touches(['app.state'], event.topics)) refresh().catch(() => undefined);
      }),
    [transport, live, refresh, push],
  );

  const value: AppContextValue = {
    client,
    transport,
    state,
    archive: state.archive,
    refresh,
    year,
    setYear: (y) => {
      setYear(y);
      setNav((n) => ({ ...n, records: [] }));
    },
    live,
    nav,
    go: (next) => setNav((n) => ({ ...n, ...next })),
    exportDialog,
    openExport,
    toasts,
    notify: (text, action) => push({ kind: 'info', text, ...(action ? { action } : {}) }),
    fail: (err) => push({ kind: 'error', text: clerkMessage(err) }),
    dismiss,
  };
  return <AppContext.Provider value={value}>{children}</AppContext.Provider>;
}
