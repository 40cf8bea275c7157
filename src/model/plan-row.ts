import type { Capacity, Totaled } from './capacity.js';
import type { Basis, Cells, PlanRow, Unit } from './plan-types.js';
import { perClass, type PerClass } from './rates.js';
import type { DeploymentModel, RoomClassInputs } from './types.js';

/** What every table builder gets (plan-tables.ts, plan-rate-tables.ts). */
export interface TableContext {
  model: DeploymentModel;
  capacity: Capacity;
  /** Basis of model inputs: `documented` for the published model, `input` otherwise. */
  input: Basis;
  /** The published model: add the rows that only exist to check the published tables. */
  published: boolean;
}

/** A row of computed values; a single number goes in the `total` column, null leaves it empty. */
export function row(
  id: string,
  label: string,
  basis: Basis,
  values: Cells | PerClass<number> | Totaled | number | null,
  decimals = 0,
  unit: Unit = 'count',
): PlanRow {
  const computed: Cells =
    values === null ? {} : typeof values === 'number' ? { total: values } : { ...values };
  return { id, label, unit, decimals, basis, computed, differs: [], notes: [] };
}

export function pctRow(
  id: string,
  label: string,
  basis: Basis,
  values: PerClass<number> | Cells | number,
  decimals = 0,
): PlanRow {
  return row(id, label, basis, values, decimals, 'percent');
}

/** One room-class input for every class. */
export function inputs(model: DeploymentModel, field: keyof RoomClassInputs): PerClass<number> {
  return perClass((c) => model.roomClasses[c][field]);
}
