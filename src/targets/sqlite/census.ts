/** The store census (census.ts) in SQLite: the shared queries with double-quoted table names. */
import type Database from 'better-sqlite3';
import type { World } from '../../workload/types.js';
import {
  assembleCensus,
  censusBounds,
  censusQueries,
  type CensusRows,
  type StoreCensus,
} from '../census.js';

export function sqliteCensus(db: Database.Database, world: World): StoreCensus {
  const bounds = censusBounds(world);
  const rows: Partial<CensusRows> = {};
  for (const query of censusQueries((table) => `"${table}"`)) {
    const statement = db.prepare<unknown[], Record<string, unknown>>(query.text);
    rows[query.name] =
      query.params.length === 0
        ? statement.all()
        : statement.all(Object.fromEntries(query.params.map((name) => [name, bounds[name]])));
  }
  return assembleCensus(rows as CensusRows);
}
