/** The last part of a path, whichever separator the machine uses. */
export function baseName(p: string): string {
  return p.split(/[\\/]/).pop() ?? p;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
}

/** A path inside a folder, with the separator the folder's own path uses (Windows or not). */
export function joinPath(dir: string, name: string): string {
  const sep = dir.includes('\\') && !dir.includes('/') ? '\\' : '/';
  return dir.endsWith(sep) ? `${dir}${name}` : `${dir}${sep}${name}`;
}

/** The folder a file is in. */
export function parentDir(file: string): string {
  const cut = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return cut > 0 ? file.slice(0, cut) : file;
}

/** Display width of a character: CJK and full-width forms take two columns, like the dialog's font draws them. */
function columns(ch: string): number {
  return /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(ch) ? 2 : 1;
}

/**
 * A file name cut in the middle to fit `width` columns ("IMG_2025…093012.jpg"), keeping its start and its
 * extension, which are what tell one photo from the next. Counts characters, not UTF-16 units, so no character is
 * split.
 */
export function middleEllipsis(name: string, width = 40): string {
  const chars = [...name];
  const total = chars.reduce((n, c) => n + columns(c), 0);
  if (total <= width) return name;
  const room = width - 1;
  let tailRoom = Math.floor(room / 2);
  let headRoom = room - tailRoom;
  const head: string[] = [];
  for (const c of chars) {
    if (columns(c) > headRoom) break;
    headRoom -= columns(c);
    head.push(c);
  }
  const tail: string[] = [];
  for (let i = chars.length - 1; i >= head.length; i -= 1) {
    const c = chars[i]!;
    if (columns(c) > tailRoom + headRoom) break;
    tailRoom -= columns(c);
    tail.unshift(c);
  }
  return `${head.join('')}…${tail.join('')}`;
}
