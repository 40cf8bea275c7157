import { computeCapacity } from './capacity.js';
import { clean } from '../core/arithmetic.js';
import { limitWarnings } from './limits.js';
import { lync2013 } from './lync2013.js';
import { sameInputs } from './overrides.js';
import { activityTable, chatTable, growthTable, workloadTable } from './plan-rate-tables.js';
import type { TableContext } from './plan-row.js';
import {
  accessTable,
  alternativeTable,
  invitationsTable,
  poolTable,
  roomsTable,
} from './plan-tables.js';
import {
  PLAN_COLUMNS,
  type Plan,
  type PlanColumn,
  type PlanRow,
  type PlanTable,
  type PublishedValue,
} from './plan-types.js';
import { PUBLISHED_INCONSISTENCIES, PUBLISHED_LYNC2013 } from './published-lync2013.js';
import type { DeploymentModel } from './types.js';

/**
 * `chatload plan` as data: the capacity tables derived from a (validated) model. For the
 * published model with its inputs unchanged, every row the documents print carries the
 * published value beside ours, differences are marked, and the documents' own inconsistencies
 * are listed; for any other model the tables are computed only.
 */
export function buildPlan(model: DeploymentModel): Plan {
  const capacity = computeCapacity(model);
  const published = sameInputs(model, lync2013);
  const context: TableContext = {
    model,
    capacity,
    input: published ? 'documented' : 'input',
    published,
  };
  const builders = [
    poolTable,
    roomsTable,
    accessTable,
    ...(published ? [alternativeTable] : []),
    invitationsTable,
    chatTable,
    activityTable,
    workloadTable,
    growthTable,
  ];
  const tables = builders.map((build) => build(context));
  return {
    schema: 'chatload/plan@1',
    model,
    published,
    capacity,
    tables: published ? tables.map(withPublished) : tables,
    inconsistencies: published ? [...PUBLISHED_INCONSISTENCIES] : [],
    warnings: limitWarnings(model, capacity),
  };
}

/**
 * True when `computed`, rounded to the precision the value was printed with, is the printed
 * value (55.5556 matches "55.56"; 24.04 matches "24"; 10.67 does not match "32").
 */
export function matchesPublished(computed: number | undefined, published: PublishedValue): boolean {
  if (computed === undefined) return false;
  const tolerance = published.step / 2 + 1e-9 * Math.max(1, Math.abs(published.value));
  return Math.abs(clean(computed) - published.value) <= tolerance;
}

/** Finds a row by id across the plan's tables. */
export function planRow(plan: Plan, id: string): PlanRow | undefined {
  for (const table of plan.tables) {
    const found = table.rows.find((r) => r.id === id);
    if (found !== undefined) return found;
  }
  return undefined;
}

function withPublished(table: PlanTable): PlanTable {
  return {
    ...table,
    rows: table.rows.map((row) => {
      const published = PUBLISHED_LYNC2013[row.id];
      const notes = PUBLISHED_INCONSISTENCIES.filter((i) => i.rows.includes(row.id)).map(
        (i) => i.id,
      );
      if (published === undefined) return { ...row, notes };
      const differs = PLAN_COLUMNS.filter((column: PlanColumn) => {
        const value = published[column];
        return value !== undefined && !matchesPublished(row.computed[column], value);
      });
      return { ...row, published, differs, notes };
    }),
  };
}
