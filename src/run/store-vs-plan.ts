/**
 * The provisioned store set against the plan: for each figure, the published value (for the
 * unchanged published model), the plan's (`chatload plan`, unrounded), and the store's, counted
 * with SQL (the census). A store holds whole rooms where the plan carries fractions (1,066.67
 * medium rooms), so a figure built on rooms may differ from the plan by less than one room's
 * worth: it is marked `whole-rooms` when it equals the plan's arithmetic on the store's whole
 * rooms (`model/store-figures.ts`), and `differs` otherwise. Where the published tables
 * disagree with themselves, the plan (and so the store) follows the model's inputs, and the row
 * names the plan's footnote.
 */
import { clean } from '../core/arithmetic.js';
import { buildPlan } from '../model/plan.js';
import type { PublishedInconsistency } from '../model/plan-types.js';
import { storeFigures } from '../model/store-figures.js';
import type { DeploymentModel } from '../model/types.js';
import type { Range, StoreCensus } from '../targets/census.js';
import { figureRows } from './store-vs-plan-figures.js';

export type Figure = number | Range;

/**
 * `match`: the store holds the plan's figure (rounded to whole units) or lies in its range;
 * `whole-rooms`: it holds the plan's arithmetic on whole rooms instead; `differs`: neither;
 * `info`: chatload's own rows, with nothing to compare.
 */
export type Verdict = 'match' | 'whole-rooms' | 'differs' | 'info';

export interface StoreVersusPlanRow {
  id: string;
  figure: string;
  /** As the published tables print it; null where they print nothing. */
  published: string | null;
  /** The plan's figure; null where `chatload plan` shows none. */
  plan: Figure | null;
  /** What a store of whole rooms holds by the model's arithmetic. */
  wholeRooms: Figure | null;
  store: Figure | null;
  verdict: Verdict;
  /** Ids of the published inconsistencies that concern the plan row. */
  notes: string[];
}

/** A row before its verdict; `informational` rows are chatload's own, compared with nothing. */
export type FigureRow = Omit<StoreVersusPlanRow, 'verdict'> & { informational?: true };

export interface StoreVersusPlan {
  rows: StoreVersusPlanRow[];
  /** The published inconsistencies the rows refer to. */
  inconsistencies: PublishedInconsistency[];
}

export interface StoreVersusPlanOptions {
  /** Days of history the store was seeded with. */
  historyDays: number;
}

function isRange(value: Figure | null): value is Range {
  return value !== null && typeof value === 'object';
}

function same(store: Figure, expected: Figure): boolean {
  if (isRange(expected)) {
    return isRange(store) && store.min >= expected.min && store.max <= expected.max;
  }
  return !isRange(store) && Math.abs(store - clean(expected)) < 0.5;
}

export function verdictOf(row: FigureRow): Verdict {
  if (row.informational === true) return 'info';
  const expected = row.plan ?? row.wholeRooms;
  if (expected === null || row.store === null) return expected === row.store ? 'match' : 'differs';
  if (same(row.store, expected)) return 'match';
  if (row.wholeRooms !== null && same(row.store, row.wholeRooms)) return 'whole-rooms';
  return 'differs';
}

/** The comparison table of a store provisioned from `model`, in the plan's order. */
export function compareStoreWithPlan(
  model: DeploymentModel,
  census: StoreCensus,
  options: StoreVersusPlanOptions,
): StoreVersusPlan {
  const plan = buildPlan(model);
  const figures = figureRows({
    model,
    plan,
    census,
    whole: storeFigures(model),
    days: options.historyDays,
  });
  const rows = figures.map((row): StoreVersusPlanRow => ({
    id: row.id,
    figure: row.figure,
    published: row.published,
    plan: row.plan,
    wholeRooms: row.wholeRooms,
    store: row.store,
    verdict: verdictOf(row),
    notes: row.notes,
  }));
  const ids = new Set(rows.flatMap((r) => r.notes));
  return { rows, inconsistencies: plan.inconsistencies.filter((i) => ids.has(i.id)) };
}
