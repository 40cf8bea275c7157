import {
  METHODS,
  type MethodName,
  NO_ROOM_CLASS,
  OPS,
  type OpName,
  ROOM_CLASS_CODES,
  type RoomClass,
} from '../core/vocabulary.js';
/**
 * The breakdown cell: exec scenario × op × SIP method × room class, the finest grain recorders
 * keep. Every tag filter a threshold can name (`op`, `room_class`, `method`, `scenario`, in any
 * combination) selects a union of whole cells, which is why filtered thresholds are exact.
 *
 * Recorders address cells by a dense integer key; the aggregate and results file use names.
 */

/** Scenario index for work not tied to an exec scenario (compliance writes). */
export const NO_SCENARIO = -1;
/** Method index for work that is not a SIP request (compliance writes). */
export const NO_METHOD = -1;

const METHOD_SLOTS = METHODS.length + 1;
const CLASS_SLOTS = ROOM_CLASS_CODES.length;
const OP_STRIDE = METHOD_SLOTS * CLASS_SLOTS;
const SCENARIO_STRIDE = OPS.length * OP_STRIDE;

/** Dense key of a cell; indices as in the TxBatch arrays, scenario and method may be -1. */
export function cellKey(scenario: number, op: number, method: number, roomClass: number): number {
  return (scenario + 1) * SCENARIO_STRIDE + op * OP_STRIDE + (method + 1) * CLASS_SLOTS + roomClass;
}

export interface CellIndices {
  scenario: number;
  op: number;
  method: number;
  roomClass: number;
}

export function cellIndices(key: number): CellIndices {
  return {
    scenario: Math.floor(key / SCENARIO_STRIDE) - 1,
    op: Math.floor((key % SCENARIO_STRIDE) / OP_STRIDE),
    method: Math.floor((key % OP_STRIDE) / CLASS_SLOTS) - 1,
    roomClass: key % CLASS_SLOTS,
  };
}

/** A cell by name, as in the results file's breakdown. */
export interface CellCoordinates {
  scenario: string | null;
  op: OpName;
  method: MethodName | null;
  roomClass: RoomClass | null;
}

export function cellCoordinates(
  indices: CellIndices,
  scenarioNames: readonly string[],
): CellCoordinates {
  const scenario = indices.scenario === NO_SCENARIO ? null : scenarioNames[indices.scenario];
  if (scenario === undefined) {
    throw new RangeError(
      `scenario index ${indices.scenario} is not one of the ${scenarioNames.length} exec scenarios`,
    );
  }
  return {
    scenario,
    op: OPS[indices.op] as OpName,
    method: indices.method === NO_METHOD ? null : (METHODS[indices.method] as MethodName),
    roomClass:
      indices.roomClass === NO_ROOM_CLASS
        ? null
        : (ROOM_CLASS_CODES[indices.roomClass] as RoomClass),
  };
}

/**
 * A k6 tag filter, validated: `{op:post,room_class:large}`. An absent tag matches everything;
 * `roomClass: null` (written `room_class:none`) selects transactions that touch no single room.
 */
export interface TagFilter {
  op?: OpName;
  roomClass?: RoomClass | null;
  method?: MethodName;
  scenario?: string;
}

export function cellMatches(cell: CellCoordinates, filter: TagFilter): boolean {
  return (
    (filter.op === undefined || filter.op === cell.op) &&
    (filter.roomClass === undefined || filter.roomClass === cell.roomClass) &&
    (filter.method === undefined || filter.method === cell.method) &&
    (filter.scenario === undefined || filter.scenario === cell.scenario)
  );
}
