/** The one schema and its upgrade ladder: every older version upgrades to the current one. */
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { DB_VERSION, openTabtuneDB, upgradeTabtuneDB, type TabtuneDatabase, type TabtuneDB } from '../../../src/persistence';
import { freshDb, freshName } from './helpers';

const STORES = ['checkpoints', 'datasets', 'experiments', 'metrics', 'runs'] as const;

/** Key paths and indexes of every store. */
function shape(db: TabtuneDatabase): Record<string, unknown> {
  const names = [...db.objectStoreNames];
  if (names.length === 0) return {};
  const tx = db.transaction(names);
  const out: Record<string, unknown> = {};
  for (const name of names) {
    const store = tx.objectStore(name);
    out[name] = { keyPath: store.keyPath, indexes: [...store.indexNames].map((i) => [i, store.index(i).keyPath, store.index(i).unique]) };
  }
  return out;
}

/** A database left at `version` by the ladder, as an older build of the app would have left it. */
async function databaseAt(name: string, version: number): Promise<void> {
  if (version === 0) return; // version 0: the database does not exist yet
  const db = await openDB<TabtuneDB>(name, version, { upgrade: (d, old, _new, tx) => upgradeTabtuneDB(d, old, version, tx) });
  if (db.objectStoreNames.contains('experiments')) {
    await db.put('experiments', { id: 'old', createdAt: 1 } as never);
  }
  db.close();
}

describe('tabtune database schema', () => {
  it('is version 1 with the five stores and their keys', async () => {
    const db = await freshDb();
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual([...STORES]);
    expect(shape(db)).toMatchObject({
      metrics: { keyPath: ['runId', 'name', 'interval'] },
      checkpoints: { keyPath: ['runId', 'kind'] },
    });
    db.close();
  });

  it.each(Array.from({ length: DB_VERSION }, (_, v) => v))('upgrades a database left at version %i to the current schema, keeping its records', async (version) => {
    const reference = await freshDb();
    const expected = shape(reference);
    reference.close();

    const name = freshName();
    await databaseAt(name, version);
    const db = await openTabtuneDB(name);
    expect(db.version).toBe(DB_VERSION);
    expect(shape(db)).toEqual(expected);
    if (version > 0) expect(await db.get('experiments', 'old')).toMatchObject({ id: 'old' });
    db.close();
  });

  it('refuses a database from a newer build with a StorageError naming the versions', async () => {
    const name = freshName();
    const newer = await openDB(name, DB_VERSION + 1);
    newer.close();
    await expect(openTabtuneDB(name)).rejects.toMatchObject({ name: 'StorageError', message: expect.stringContaining(`version ${DB_VERSION}`) });
  });
});
