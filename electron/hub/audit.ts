import { nowIso, type HubDb } from './db.js';

/** One line of the audit log: uploads, imports, logins (and failed ones), exports, accounts and tokens. */
export async function audit(db: HubDb, actor: string, action: string, detail: string): Promise<void> {
  await db.insertInto('audit').values({ at: nowIso(), actor, action, detail: detail.slice(0, 2000) }).execute();
}

export async function auditLog(db: HubDb, limit = 200): Promise<{ at: string; actor: string; action: string; detail: string }[]> {
  return db.selectFrom('audit').select(['at', 'actor', 'action', 'detail']).orderBy('id', 'desc').limit(limit).execute();
}
