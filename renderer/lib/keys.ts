/** Typing in a field keeps its own keys (Delete, Ctrl+Z, Ctrl+A, Enter, F2). */
export function isEditable(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

/** A dialog or a menu is open: the window's shortcuts wait until it closes. */
export function overlayOpen(): boolean {
  return document.querySelector('[role="dialog"], [role="menu"]') !== null;
}
