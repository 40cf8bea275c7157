/** Runs the census statements on a SQL Server store and assembles the census. */
import type { World } from '../../workload/types.js';
import { assembleCensus, censusBounds, type CensusRows, type StoreCensus } from '../census.js';
import { censusStatements } from './census-statements.js';
import type { MssqlSession } from './session.js';

export async function mssqlCensus(session: MssqlSession, world: World): Promise<StoreCensus> {
  const bounds = censusBounds(world);
  const rows: Partial<CensusRows> = {};
  const counter = { retries: 0 };
  for (const stmt of censusStatements()) {
    const name = stmt.name.replace(/^census: /, '') as keyof CensusRows;
    rows[name] = await session.rows(stmt, { ...bounds }, counter);
  }
  return assembleCensus(rows as CensusRows);
}
