/**
 * Display names for stored files. The bytes live under their hash, so a name never becomes a path inside the
 * archive; but names travel on (folder export, zip for auditors, a clerk's Windows desktop), so they are made safe
 * for Windows and free of path parts here, once.
 */

const WINDOWS_RESERVED = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])$/i;
/**
 * Control characters, and the invisible ones that change how a name reads: bidi overrides and isolates
 * ("照片\u202Egpj.exe" displays as "照片exe.jpg"), marks, line and paragraph separators, the byte-order mark.
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;
const FORBIDDEN = /[<>:"|?*]/;
/** Long enough for real Chinese titles, short enough for Windows paths once nested in an export folder. */
export const MAX_NAME_LENGTH = 120;
/** File systems count bytes (255 on ext4 and NTFS in UTF-16 units); a Chinese character is three bytes in UTF-8. */
export const MAX_NAME_BYTES = 240;

export interface SafeName {
  name: string;
  /** What was changed, for a warning; null when the name was already safe. */
  changes: string[];
}

export function safeFileName(raw: string, fallbackExt = ''): SafeName {
  const changes: string[] = [];
  let name = raw.normalize('NFC');
  if (/[\\/]/.test(name)) {
    // A name carrying a path ("../../x.pdf", "C:\\x.pdf") keeps only its last part.
    name = name.split(/[\\/]/).filter(Boolean).pop() ?? '';
    changes.push('去掉了名称中的路径 / removed a path');
  }
  if (CONTROL.test(name)) {
    name = name.replace(new RegExp(CONTROL.source, 'g'), '');
    changes.push('去掉了控制字符或不可见的方向字符 / removed control or invisible direction characters');
  }
  if (FORBIDDEN.test(name)) {
    name = name.replace(new RegExp(FORBIDDEN.source, 'g'), '_');
    changes.push('替换了 Windows 不允许的字符 <>:"|?* / replaced characters Windows forbids');
  }
  const trimmed = name.replace(/^[\s.]+/, '').replace(/[\s.]+$/, '');
  if (trimmed !== name) {
    changes.push('去掉了首尾的点或空格 / removed leading or trailing dots and spaces');
    name = trimmed;
  }
  // Windows reserves "CON" and also "CON.txt", "con.tar.gz", "CON .pdf": whatever precedes the first dot counts,
  // trailing spaces aside.
  const firstPart = name.split('.')[0] ?? '';
  if (WINDOWS_RESERVED.test(firstPart.trimEnd())) {
    name = `${firstPart}_${name.slice(firstPart.length)}`;
    changes.push(`「${firstPart}」是 Windows 保留名 / reserved on Windows`);
  }
  const { ext } = splitExtension(name);
  const short = shortenName(name);
  if (short !== name) {
    name = short;
    changes.push(`名称过长，已截短 / name shortened`);
  }
  if (name === '' || splitExtension(name).stem === '') {
    name = `未命名${ext || fallbackExt}`;
    changes.push('名称为空，改为「未命名」 / empty name');
  }
  return { name, changes };
}

/** A name within MAX_NAME_LENGTH characters and MAX_NAME_BYTES bytes of UTF-8, its extension kept. */
export function shortenName(name: string): string {
  const fits = (n: string) => [...n].length <= MAX_NAME_LENGTH && Buffer.byteLength(n, 'utf8') <= MAX_NAME_BYTES;
  if (fits(name)) return name;
  const { stem, ext } = splitExtension(name);
  const chars = [...stem];
  while (chars.length > 1 && !fits(chars.join('') + ext)) chars.pop();
  return chars.join('') + ext;
}

/** "活动方案.final.pdf" → { stem: "活动方案.final", ext: ".pdf" }; a leading dot is not an extension. */
export function splitExtension(name: string): { stem: string; ext: string } {
  const m = /^(.+?)(\.[A-Za-z0-9]{1,8})$/.exec(name);
  return m ? { stem: m[1] ?? '', ext: m[2] ?? '' } : { stem: name, ext: '' };
}

/** Windows paths stay under 260 characters when folder and file names are kept this short. */
const ITEM_NAME_CHARS = 40;
export const TITLE_CHARS = 50;

/** A title is text, not a path: its slashes must not make safeFileName drop everything before them (and the 件号). */
export function nameText(text: string, chars: number): string {
  return [...text.replace(/[\\/]/g, '_')].slice(0, chars).join('');
}

/** The folder of an item in an export or among the view copies: "1.2.3 志愿服务活动", or a bare name without a code. */
export function itemFolderName(p: { code: string; itemTitle: string }): string {
  return safeFileName(p.code ? `${nameText(p.code, ITEM_NAME_CHARS)} ${nameText(p.itemTitle, ITEM_NAME_CHARS)}` : p.itemTitle).name;
}
