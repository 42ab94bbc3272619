import { createHash, randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { TaizhangError } from '../../shared/errors.js';
import { audit } from './audit.js';
import { nowIso, type HubDb } from './db.js';
import { ensureStreet } from './package-import.js';
import type { HubRole } from './schema.js';

/**
 * People and access. Passwords are kept as scrypt hashes (N=2^15, r=8, p=1, 16-byte salt); sessions and upload
 * tokens are random 32-byte values of which only the SHA-256 is stored, so a copy of the database opens nothing.
 * Roles: 区 admin (district) sees every community; 街道 staff (street) sees only their 街道's; an upload token may
 * only upload its own community's packages.
 */
const SCRYPT: ScryptOptions = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_LENGTH = 32;
export const SESSION_HOURS = 12;

function scrypt(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCb(password.normalize('NFC'), salt, KEY_LENGTH, SCRYPT, (err, key) => (err ? reject(err) : resolve(key))));
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  return `scrypt$${SCRYPT.N}$${salt.toString('base64')}$${(await scrypt(password, salt)).toString('base64')}`;
}

export async function checkPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, salt, key] = stored.split('$');
  if (kind !== 'scrypt' || Number(n) !== SCRYPT.N || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await scrypt(password, Buffer.from(salt, 'base64'));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export interface HubUser {
  id: number;
  name: string;
  role: HubRole;
  /** The 街道 of a street user; null for a district admin. */
  streetId: number | null;
}

export async function addUser(db: HubDb, u: { name: string; password: string; role: HubRole; street?: string }, actor = 'cli'): Promise<HubUser> {
  const name = u.name.trim();
  if (!name || name.length > 100) throw new TaizhangError('invalid_input', '账号名称不能为空，也不能超过 100 个字 / invalid account name');
  if (u.password.length < 8) throw new TaizhangError('invalid_input', '密码至少 8 位 / password must have at least 8 characters');
  if (u.role === 'street' && !u.street) throw new TaizhangError('invalid_input', '街道账号必须指定所属街道 / a street account needs its street');
  const streetId = u.role === 'street' && u.street ? await ensureStreet(db, u.street) : null;
  if (await db.selectFrom('users').select('id').where('name', '=', name).executeTakeFirst()) {
    throw new TaizhangError('conflict', `账号已存在：${name} / account exists`);
  }
  const row = await db
    .insertInto('users')
    .values({ name, password: await hashPassword(u.password), role: u.role, street_id: streetId, created_at: nowIso() })
    .returning('id')
    .executeTakeFirstOrThrow();
  await audit(db, actor, 'user.add', `${name}（${u.role === 'district' ? '区管理员' : `街道：${u.street ?? ''}`}）`);
  return { id: row.id, name, role: u.role, streetId };
}

/** Wrong passwords one account may take within LOGIN_LOCK_MINUTES; past them its logins are refused until then. */
export const LOGIN_FAILURES_ALLOWED = 5;
export const LOGIN_LOCK_MINUTES = 15;

export type LoginResult = { ok: true; token: string; csrf: string; user: HubUser } | { ok: false; locked: boolean };

/**
 * Logs in: a new session (token for the cookie, and its CSRF token), or a refusal. An account that took
 * LOGIN_FAILURES_ALLOWED wrong passwords since its last login, within the last LOGIN_LOCK_MINUTES, is refused even
 * the right one, so a password cannot be guessed at the speed of the network. The count lives in the audit log, so it
 * holds across restarts and for every hub process.
 */
export async function login(db: HubDb, name: string, password: string, from: string): Promise<LoginResult> {
  const actor = name.trim().slice(0, 100) || '（空）';
  if ((await recentFailures(db, actor)) >= LOGIN_FAILURES_ALLOWED) {
    await audit(db, actor, 'login.locked', from);
    return { ok: false, locked: true };
  }
  const row = await db.selectFrom('users').selectAll().where('name', '=', name.trim()).executeTakeFirst();
  // A missing account costs the same scrypt as a wrong password, so timing does not tell which names exist.
  const ok = row ? await checkPassword(password, row.password) : (await hashPassword(password), false);
  if (!row || !ok) {
    await audit(db, actor, 'login.failed', from);
    return { ok: false, locked: false };
  }
  const token = newToken();
  const csrf = newToken();
  await db.deleteFrom('sessions').where('expires_at', '<', nowIso()).execute();
  await db.insertInto('sessions').values({ token: tokenHash(token), user_id: row.id, csrf, expires_at: new Date(Date.now() + SESSION_HOURS * 3600_000).toISOString() }).execute();
  await audit(db, row.name, 'login', from);
  return { ok: true, token, csrf, user: { id: row.id, name: row.name, role: row.role as HubRole, streetId: row.street_id } };
}

async function recentFailures(db: HubDb, actor: string): Promise<number> {
  const window = new Date(Date.now() - LOGIN_LOCK_MINUTES * 60_000).toISOString();
  const lastLogin = await db.selectFrom('audit').select('at').where('actor', '=', actor).where('action', '=', 'login').orderBy('id', 'desc').limit(1).executeTakeFirst();
  const since = lastLogin && lastLogin.at > window ? lastLogin.at : window;
  const row = await db
    .selectFrom('audit')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('actor', '=', actor)
    .where('action', '=', 'login.failed')
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function sessionUser(db: HubDb, token: string | undefined): Promise<{ user: HubUser; csrf: string } | null> {
  if (!token) return null;
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.name', 'users.role', 'users.street_id', 'sessions.csrf', 'sessions.expires_at'])
    .where('sessions.token', '=', tokenHash(token))
    .executeTakeFirst();
  if (!row || row.expires_at < nowIso()) return null;
  return { user: { id: row.id, name: row.name, role: row.role as HubRole, streetId: row.street_id }, csrf: row.csrf };
}

export async function logout(db: HubDb, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token', '=', tokenHash(token)).execute();
}

/**
 * Makes an upload token for a community, registering the community under its 街道 when new (it is bound to the
 * archive of the first package uploaded with it). The token is shown once; only its hash is kept.
 */
export async function addUploadToken(db: HubDb, unit: string, street: string, actor = 'cli'): Promise<{ token: string; communityId: number }> {
  const streetId = await ensureStreet(db, street);
  const known = await db.selectFrom('communities').select('id').where('unit', '=', unit).where('street_id', '=', streetId).executeTakeFirst();
  const communityId = known
    ? known.id
    : (await db.insertInto('communities').values({ archive_id: null, unit, fonds: '', street_id: streetId, created_at: nowIso() }).returning('id').executeTakeFirstOrThrow()).id;
  const token = newToken();
  await db.insertInto('upload_tokens').values({ token: tokenHash(token), community_id: communityId, created_at: nowIso() }).execute();
  await audit(db, actor, 'token.add', `${street} ${unit}`);
  return { token, communityId };
}

export async function tokenCommunity(db: HubDb, token: string | undefined): Promise<number | null> {
  if (!token) return null;
  const row = await db.selectFrom('upload_tokens').select('community_id').where('token', '=', tokenHash(token)).executeTakeFirst();
  return row?.community_id ?? null;
}

/** The communities a user may see: every one for a district admin, their 街道's for street staff. */
export interface Scope {
  streetId: number | null;
  all: boolean;
}

/** The hub's own command line, run by whoever holds the data folder, sees everything. */
export const WHOLE_HUB: Scope = { streetId: null, all: true };

export function scopeOf(user: HubUser): Scope {
  return user.role === 'district' ? WHOLE_HUB : { streetId: user.streetId, all: false };
}
