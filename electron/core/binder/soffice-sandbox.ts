import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * A filed office document may come from anyone, and LibreOffice would otherwise load what it links to: an image over
 * HTTP (telling a stranger the clerk opened it) or a local file pulled into the binder. These settings go into the
 * fresh profile of each conversion, before LibreOffice first reads it.
 */
const LOCKED_DOWN: readonly { path: string; name: string; type: 'xs:boolean' | 'xs:int'; value: string }[] = [
  // Linked images and other linked content, http:// and file:// alike, are left out: no document is a trusted referer.
  { path: '/org.openoffice.Office.Common/Security/Scripting', name: 'BlockUntrustedRefererLinks', type: 'xs:boolean', value: 'true' },
  { path: '/org.openoffice.Office.Common/Security/Scripting', name: 'DisableMacrosExecution', type: 'xs:boolean', value: 'true' },
  { path: '/org.openoffice.Office.Common/Security/Scripting', name: 'MacroSecurityLevel', type: 'xs:int', value: '3' },
  // Links (sections, OLE, external cells) are never updated: Writer counts 0 as never, Calc 1.
  { path: '/org.openoffice.Office.Writer/Content/Update', name: 'Link', type: 'xs:int', value: '0' },
  { path: '/org.openoffice.Office.Calc/Content/Update', name: 'Link', type: 'xs:int', value: '1' },
  // Formulas keep their saved results, so WEBSERVICE() and external references are not evaluated on load.
  { path: '/org.openoffice.Office.Calc/Formula/Load', name: 'OOXMLRecalcMode', type: 'xs:int', value: '1' },
  { path: '/org.openoffice.Office.Calc/Formula/Load', name: 'ODFRecalcMode', type: 'xs:int', value: '1' },
];

/** Writes a new LibreOffice profile under `dir` with the settings above; returns the folder to name as UserInstallation. */
export async function lockedDownProfile(dir: string): Promise<string> {
  const profile = await fs.mkdtemp(path.join(dir, 'lo-profile-'));
  await fs.mkdir(path.join(profile, 'user'), { recursive: true });
  const items = LOCKED_DOWN.map(
    (s) => `<item oor:path="${s.path}"><prop oor:name="${s.name}" oor:op="fuse" oor:type="${s.type}"><value>${s.value}</value></prop></item>`,
  );
  const xcu = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
    ...items,
    '</oor:items>',
    '',
  ].join('\n');
  await fs.writeFile(path.join(profile, 'user', 'registrymodifications.xcu'), xcu);
  return profile;
}

let netless: string[] | null | undefined;

/**
 * The command prefix that runs LibreOffice with no network at all, where the system offers one: on Linux a new user
 * and network namespace (`unshare -rn`, whose only interface, loopback, is down). Elsewhere, or where namespaces are
 * not allowed (some distributions restrict them), the profile's settings above are the guard. Probed once.
 */
export function withoutNetwork(): string[] {
  if (netless === undefined) {
    netless = null;
    if (process.platform === 'linux') {
      const probe = spawnSync('unshare', ['-rn', 'true'], { stdio: 'ignore', timeout: 5000 });
      if (probe.status === 0) netless = ['unshare', '-rn'];
    }
  }
  return netless ?? [];
}

/** LibreOffice would not run inside the sandbox here: later conversions go without it (the profile still guards). */
export function sandboxRefused(): void {
  netless = null;
}
