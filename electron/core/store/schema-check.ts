import Database from 'better-sqlite3';
import type { Db } from './database.js';
import { migrations } from './migrations/all.js';
import { all } from './sql.js';

/**
 * What a database of one schema version must hold, and how another database differs from it: every table with its
 * columns, every index, view and trigger, and nothing of its own. A database from outside (a backup to restore)
 * is compared before it is trusted: a trigger of its own would run on the next write, a missing table would fail
 * later with "no such table".
 */

interface SchemaObject {
  type: string;
  name: string;
  sql: string;
}

const KINDS: Record<string, string> = { table: '表', index: '索引', view: '视图', trigger: '触发器' };

function objects(db: Db): Map<string, SchemaObject> {
  const rows = all<{ type: string; name: string; sql: string | null }>(
    db,
    "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name",
  );
  // Whitespace is not meaning; everything else of the statement text is (columns, constraints, a trigger's body).
  return new Map(rows.map((r) => [`${r.type} ${r.name}`, { type: r.type, name: r.name, sql: (r.sql ?? '').replace(/\s+/g, ' ').trim() }]));
}

const expected = new Map<number, Map<string, SchemaObject>>();

/** The schema the migrations up to `version` create, built once per version in memory. */
function expectedAt(version: number): Map<string, SchemaObject> | null {
  if (!migrations.some((m) => m.version === version)) return null;
  let shape = expected.get(version);
  if (!shape) {
    const db = new Database(':memory:');
    try {
      for (const m of migrations.filter((x) => x.version <= version)) {
        if (typeof m.up === 'string') db.exec(m.up);
        else m.up(db);
      }
      shape = objects(db);
    } finally {
      db.close();
    }
    expected.set(version, shape);
  }
  return shape;
}

/** How `db` differs from the schema of its own version, in words (empty when it matches exactly). */
export function schemaDifferences(db: Db): string[] {
  const version = db.pragma('user_version', { simple: true }) as number;
  const want = expectedAt(version);
  if (!want) return [`数据版本 ${version} 不是台账用过的版本 / schema version ${version} is not one Taizhang ever wrote`];
  const have = objects(db);
  const problems: string[] = [];
  const kind = (o: SchemaObject): string => KINDS[o.type] ?? o.type;
  for (const [key, o] of want) {
    const got = have.get(key);
    if (!got) problems.push(`缺少${kind(o)}「${o.name}」 / missing ${o.type} ${o.name}`);
    else if (got.sql !== o.sql) problems.push(`${kind(o)}「${o.name}」的结构被改动 / ${o.type} ${o.name} was altered`);
  }
  for (const [key, o] of have) {
    if (!want.has(key)) problems.push(`多出了不属于台账的${kind(o)}「${o.name}」 / unexpected ${o.type} ${o.name}`);
  }
  return problems;
}
