import { execFileSync } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';

/**
 * Whether a folder lies on a network filesystem (SMB/CIFS, NFS, SSHFS…), where SQLite's WAL mode is unsafe: its
 * shared-memory index needs one machine's memory, and network locks are unreliable. Returns the filesystem's name,
 * or null for a local disk.
 */

const NETWORK_TYPES = new Set(['cifs', 'smb3', 'smbfs', 'smb', 'nfs', 'nfs4', 'fuse.sshfs', 'sshfs', 'afs', 'ncpfs', '9p', 'fuse.rclone', 'davfs', 'fuse.davfs2', 'ceph', 'glusterfs', 'fuse.glusterfs']);

/** /proc/mounts escapes spaces and other bytes in mount points as octal (\040). */
function unescapeMount(text: string): string {
  return text.replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(parseInt(oct, 8)));
}

/** The filesystem type of the mount `dir` lies on, from the text of /proc/mounts (the longest matching mount point). */
export function mountTypeOf(dir: string, procMounts: string): string | null {
  let best: { point: string; type: string } | null = null;
  for (const line of procMounts.split('\n')) {
    const [, point, type] = line.split(' ');
    if (!point || !type) continue;
    const mount = unescapeMount(point);
    const inside = dir === mount || dir.startsWith(mount.endsWith('/') ? mount : `${mount}/`);
    if (inside && (!best || mount.length > best.point.length)) best = { point: mount, type };
  }
  return best?.type ?? null;
}

export function isNetworkType(type: string | null): boolean {
  return type !== null && NETWORK_TYPES.has(type.toLowerCase());
}

/** Windows: a UNC path (\\server\share) or a drive letter the system reports as a remote (mapped) drive. */
function windowsNetworkDrive(dir: string): string | null {
  const root = path.win32.parse(dir).root;
  if (root.startsWith('\\\\')) return 'SMB';
  const letter = /^([a-z]):/i.exec(root)?.[1];
  if (!letter) return null;
  try {
    // The thin equivalent of GetDriveType(): DRIVE_REMOTE is 4.
    const type = execFileSync('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', `[System.IO.DriveInfo]::new('${letter}').DriveType`], {
      encoding: 'utf8',
      timeout: 5000,
      windowsHide: true,
    }).trim();
    return type === 'Network' ? '网络驱动器' : null;
  } catch {
    return null;
  }
}

export function networkFilesystem(dir: string): string | null {
  if (process.platform === 'win32') return windowsNetworkDrive(dir);
  if (process.platform !== 'linux') return null;
  let mounts: string;
  let real: string;
  try {
    mounts = readFileSync('/proc/mounts', 'utf8');
    real = realpathSync(dir);
  } catch {
    return null;
  }
  const type = mountTypeOf(real, mounts);
  return isNetworkType(type) ? type : null;
}
