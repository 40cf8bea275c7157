import type { Capacity } from './capacity.js';
import type { DeploymentModel } from './types.js';

/** The shapes of `chatload plan`'s data (`buildPlan`), which `--json` prints as they are. */

export type PlanColumn = 'small' | 'medium' | 'large' | 'total';
export const PLAN_COLUMNS: readonly PlanColumn[] = ['small', 'medium', 'large', 'total'];

/** Values by column; single-value rows use `total` only. Unrounded. */
export type Cells = Partial<Record<PlanColumn, number>>;

/**
 * Where a figure comes from: `documented` (an input of the published model, unchanged),
 * `input` (an input of another or an overridden model), `derived` (arithmetic on inputs),
 * `assumption` (derived from chatload's assumptions), `estimate` (a size from an assumed row
 * size), `published` (arithmetic on the published table's own figures).
 */
export type Basis = 'documented' | 'input' | 'derived' | 'assumption' | 'estimate' | 'published';

/** How to show a figure: a count, a percentage, a rate, or bytes. */
export type Unit = 'count' | 'percent' | 'perSecond' | 'bytes';

/** A value as the published table prints it, and the precision it is printed to. */
export interface PublishedValue {
  value: number;
  /** 1 for whole numbers, 0.01 for two decimals, 1e6 for "~173 million". */
  step: number;
  /** The text as printed ("1.035", "~0.15", "–"). */
  printed: string;
}

export type PublishedCells = Partial<Record<PlanColumn, PublishedValue>>;

export interface PlanRow {
  /** Stable id, `table.row` (`access.ace`); inconsistencies and tests refer to it. */
  id: string;
  label: string;
  unit: Unit;
  /** Decimals to show the computed values with. */
  decimals: number;
  basis: Basis;
  computed: Cells;
  /** Present only for the unchanged published model, on rows the published tables print. */
  published?: PublishedCells;
  /** Columns whose computed value, rounded to the published precision, is not the published one. */
  differs: PlanColumn[];
  /** Ids of the published inconsistencies that concern this row. */
  notes: string[];
}

export interface PlanTable {
  id: string;
  title: string;
  /** `perClass`: small / medium / large / total columns; `single`: one value per row. */
  layout: 'perClass' | 'single';
  rows: PlanRow[];
}

/** A known inconsistency inside the published tables (see published-lync2013.ts). */
export interface PublishedInconsistency {
  id: string;
  kind: 'contradiction' | 'typo' | 'rounding' | 'label';
  /** Row ids affected. */
  rows: string[];
  summary: string;
  explanation: string;
}

export type LimitId =
  | 'accessControlEntries'
  | 'invitations'
  | 'concurrentUsersPerPool'
  | 'provisionedUsersPerPool'
  | 'serversPerPool'
  | 'endpointsPerPool';

/** A documented limit the deployment goes past. */
export interface LimitWarning {
  id: LimitId;
  value: number;
  limit: number;
  message: string;
}

export interface Plan {
  schema: 'chatload/plan@1';
  model: DeploymentModel;
  /** True when the model is the published one, so published figures are shown beside ours. */
  published: boolean;
  capacity: Capacity;
  tables: PlanTable[];
  /** The published tables' inconsistencies (empty unless `published`). */
  inconsistencies: PublishedInconsistency[];
  warnings: LimitWarning[];
}
