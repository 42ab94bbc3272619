/**
 * Display names for stored files. The bytes live under their hash, so a name never becomes a path inside the
 * archive; but names travel on (folder export, zip for auditors, a clerk's Windows desktop), so they are made safe
 * for Windows and free of path parts here, once.
 */

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
const CONTROL = /[\u0000-\u001f\u007f]/;
const FORBIDDEN = /[<>:"|?*]/;
/** Long enough for real Chinese titles, short enough for Windows paths once nested in an export folder. */
export const MAX_NAME_LENGTH = 120;

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
    changes.push('去掉了控制字符 / removed control characters');
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
  // Windows reserves "CON" and also "CON.txt", "con.tar.gz": whatever precedes the first dot counts.
  const firstPart = name.split('.')[0] ?? '';
  if (WINDOWS_RESERVED.test(firstPart)) {
    name = `${firstPart}_${name.slice(firstPart.length)}`;
    changes.push(`「${firstPart}」是 Windows 保留名 / reserved on Windows`);
  }
  const { ext } = splitExtension(name);
  if ([...name].length > MAX_NAME_LENGTH) {
    const parts = splitExtension(name);
    const keep = MAX_NAME_LENGTH - [...parts.ext].length;
    name = [...parts.stem].slice(0, Math.max(1, keep)).join('') + parts.ext;
    changes.push(`名称过长，截为 ${MAX_NAME_LENGTH} 字 / name shortened`);
  }
  if (name === '' || splitExtension(name).stem === '') {
    name = `未命名${ext || fallbackExt}`;
    changes.push('名称为空，改为「未命名」 / empty name');
  }
  return { name, changes };
}

/** "活动方案.final.pdf" → { stem: "活动方案.final", ext: ".pdf" }; a leading dot is not an extension. */
export function splitExtension(name: string): { stem: string; ext: string } {
  const m = /^(.+?)(\.[A-Za-z0-9]{1,8})$/.exec(name);
  return m ? { stem: m[1] ?? '', ext: m[2] ?? '' } : { stem: name, ext: '' };
}
