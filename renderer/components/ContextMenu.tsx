import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';

export interface MenuEntry {
  label: string;
  run: () => void;
  /** The key that does the same, shown beside the label. */
  shortcut?: string;
  disabled?: boolean;
  /** Why it is disabled, or what it does, as a tooltip. */
  hint?: string;
  danger?: boolean;
}

/** Where a menu opens: at the pointer, or below the element a keyboard opened it from. */
export interface MenuPoint {
  x: number;
  y: number;
}

const MARGIN = 4;

/** A menu point for an element opened by keyboard (the Menu key, Shift+F10): just below its top-left corner. */
export function pointOf(element: Element): MenuPoint {
  const r = element.getBoundingClientRect();
  return { x: r.left + 12, y: r.top + Math.min(r.height, 28) };
}

/**
 * A right-click menu: arrow keys, Home/End and Enter choose, Esc, Tab or a click outside close it, and it moves back
 * inside the window when it would run over an edge. Focus returns where it was.
 */
export function ContextMenu({ at, entries, label, onClose }: { at: MenuPoint; entries: readonly MenuEntry[]; label: string; onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  const [place, setPlace] = useState<MenuPoint>(at);
  // The menu's listeners live as long as it does; a caller's new closure each render must not reset its focus.
  const close = useRef(onClose);
  close.current = onClose;

  useLayoutEffect(() => {
    const menu = ref.current;
    if (!menu) return;
    const { width, height } = menu.getBoundingClientRect();
    setPlace({
      x: Math.max(MARGIN, Math.min(at.x, window.innerWidth - width - MARGIN)),
      y: Math.max(MARGIN, Math.min(at.y, window.innerHeight - height - MARGIN)),
    });
  }, [at.x, at.y]);

  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    ref.current?.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus();
    const dismiss = () => close.current();
    const outside = (e: Event) => {
      if (!ref.current?.contains(e.target as Node)) dismiss();
    };
    document.addEventListener('mousedown', outside, true);
    document.addEventListener('wheel', outside, true);
    window.addEventListener('blur', dismiss);
    window.addEventListener('resize', dismiss);
    return () => {
      document.removeEventListener('mousedown', outside, true);
      document.removeEventListener('wheel', outside, true);
      window.removeEventListener('blur', dismiss);
      window.removeEventListener('resize', dismiss);
      if (before?.isConnected) before.focus();
    };
  }, []);

  function onKeyDown(e: KeyboardEvent) {
    const buttons = Array.from(ref.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? []);
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const move = (to: number) => buttons[(to + buttons.length) % buttons.length]?.focus();
    // The window's own keys (Delete, Ctrl+A, F2) must not act on the list behind an open menu.
    e.stopPropagation();
    if (e.key === 'Escape' || e.key === 'Tab') {
      e.preventDefault();
      onClose();
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      move(at + 1);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      move(at < 0 ? -1 : at - 1);
    } else if (e.key === 'Home') {
      e.preventDefault();
      move(0);
    } else if (e.key === 'End') {
      e.preventDefault();
      move(-1);
    }
  }

  return (
    <div
      ref={ref}
      className="context-menu"
      role="menu"
      aria-label={label}
      style={{ left: place.x, top: place.y }}
      onKeyDown={onKeyDown}
      onContextMenu={(e) => e.preventDefault()}
    >
      {entries.map((entry) => (
        <button
          key={entry.label}
          role="menuitem"
          className={entry.danger ? 'danger' : undefined}
          disabled={entry.disabled}
          title={entry.hint}
          onClick={() => {
            entry.run();
            onClose();
          }}
        >
          <span>{entry.label}</span>
          {entry.shortcut && <kbd>{entry.shortcut}</kbd>}
        </button>
      ))}
    </div>
  );
}
