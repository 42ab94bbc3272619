import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/temp.js';
import { isNetworkType, mountTypeOf, networkFilesystem } from './network-fs.js';

/** As /proc/mounts reads on a clerk's Linux machine with a Windows share and an NFS export mounted. */
const MOUNTS = [
  '/dev/sda2 / ext4 rw,relatime 0 0',
  'tmpfs /tmp tmpfs rw,nosuid,nodev 0 0',
  '//fileserver/社区资料 /mnt/share cifs rw,relatime,vers=3.1.1,username=clerk 0 0',
  'nas:/export/archive /srv/nfs\\040资料 nfs4 rw,relatime,vers=4.2 0 0',
  'clerk@host:/home /mnt/ssh fuse.sshfs rw,nosuid,nodev 0 0',
  '/dev/sdb1 /mnt/share/local-usb vfat rw 0 0',
].join('\n');

describe('network filesystem detection', () => {
  it('finds the mount a folder lies on (the longest mount point) and knows SMB, NFS and SSHFS', () => {
    expect(mountTypeOf('/mnt/share/台账', MOUNTS)).toBe('cifs');
    expect(mountTypeOf('/srv/nfs 资料/台账', MOUNTS)).toBe('nfs4');
    expect(mountTypeOf('/mnt/ssh/a', MOUNTS)).toBe('fuse.sshfs');
    expect(mountTypeOf('/mnt/share/local-usb/台账', MOUNTS)).toBe('vfat');
    expect(mountTypeOf('/mnt/shared', MOUNTS)).toBe('ext4');
    expect(['cifs', 'nfs4', 'fuse.sshfs'].every(isNetworkType)).toBe(true);
    expect(['ext4', 'vfat', 'tmpfs', null].some(isNetworkType)).toBe(false);
  });

  it('takes a local temporary folder for what it is', () => {
    expect(networkFilesystem(tempDir())).toBeNull();
  });
});
