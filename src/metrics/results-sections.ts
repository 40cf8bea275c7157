/**
 * Builders for the histogram-bearing sections of a results file (`ops` and `breakdown.cells`).
 * Both the end of a run (from the aggregate's cells) and a merge (from decoded files) add
 * histograms here; summaries are always computed from the merged histograms, never averaged.
 */
import type { CellCoordinates } from './cells.js';
import {
  createHistogram,
  encodeHistogram,
  mergeHistogram,
  summarize,
  type Histogram,
} from './hdr.js';
import type { BreakdownCell, OpResult, RoomClassResult } from './results.js';
import { OPS, type OpName, ROOM_CLASSES, type RoomClass } from '../core/vocabulary.js';

interface Counted {
  count: number;
  failed: number;
  duration: Histogram;
}

interface OpAccumulator extends Counted {
  service: Histogram;
  byRoomClass: Map<RoomClass, Counted>;
}

function counted(): Counted {
  return { count: 0, failed: 0, duration: createHistogram('float64') };
}

export class OpsBuilder {
  private readonly ops = new Map<OpName, OpAccumulator>();

  /** Adds op-level data: every transaction of the op, whatever its room class. */
  addOp(op: OpName, count: number, failed: number, duration: Histogram, service: Histogram): void {
    const accumulator = this.op(op);
    accumulator.count += count;
    accumulator.failed += failed;
    mergeHistogram(accumulator.duration, duration);
    mergeHistogram(accumulator.service, service);
  }

  addRoomClass(
    op: OpName,
    roomClass: RoomClass,
    count: number,
    failed: number,
    duration: Histogram,
  ): void {
    const byRoomClass = this.op(op).byRoomClass;
    let accumulator = byRoomClass.get(roomClass);
    if (accumulator === undefined) {
      accumulator = counted();
      byRoomClass.set(roomClass, accumulator);
    }
    accumulator.count += count;
    accumulator.failed += failed;
    mergeHistogram(accumulator.duration, duration);
  }

  /** Ops in OPS order, room classes in ROOM_CLASSES order; ratePerS = count / durationS. */
  build(durationS: number): Partial<Record<OpName, OpResult>> {
    const ops: Partial<Record<OpName, OpResult>> = {};
    for (const op of OPS) {
      const accumulator = this.ops.get(op);
      if (accumulator === undefined) continue;
      const byRoomClass: Partial<Record<RoomClass, RoomClassResult>> = {};
      for (const roomClass of ROOM_CLASSES) {
        const entry = accumulator.byRoomClass.get(roomClass);
        if (entry === undefined) continue;
        byRoomClass[roomClass] = {
          count: entry.count,
          failed: entry.failed,
          latencyMs: summarize(entry.duration),
          hdr: encodeHistogram(entry.duration),
        };
      }
      ops[op] = {
        count: accumulator.count,
        failed: accumulator.failed,
        ratePerS: durationS > 0 ? accumulator.count / durationS : 0,
        latencyMs: summarize(accumulator.duration),
        serviceMs: summarize(accumulator.service),
        hdr: encodeHistogram(accumulator.duration),
        serviceHdr: encodeHistogram(accumulator.service),
        byRoomClass,
      };
    }
    return ops;
  }

  private op(op: OpName): OpAccumulator {
    let accumulator = this.ops.get(op);
    if (accumulator === undefined) {
      accumulator = { ...counted(), service: createHistogram('float64'), byRoomClass: new Map() };
      this.ops.set(op, accumulator);
    }
    return accumulator;
  }
}

/** Cells with their data, before encoding. */
export interface CellData extends CellCoordinates {
  count: number;
  failed: number;
  duration: Histogram;
  service: Histogram;
}

export class CellsBuilder {
  private readonly cells = new Map<string, CellData>();

  add(cell: CellData): void {
    const id = JSON.stringify([cell.scenario, cell.op, cell.method, cell.roomClass]);
    let accumulator = this.cells.get(id);
    if (accumulator === undefined) {
      accumulator = {
        scenario: cell.scenario,
        op: cell.op,
        method: cell.method,
        roomClass: cell.roomClass,
        count: 0,
        failed: 0,
        duration: createHistogram('float64'),
        service: createHistogram('float64'),
      };
      this.cells.set(id, accumulator);
    }
    accumulator.count += cell.count;
    accumulator.failed += cell.failed;
    mergeHistogram(accumulator.duration, cell.duration);
    mergeHistogram(accumulator.service, cell.service);
  }

  build(): BreakdownCell[] {
    return [...this.cells.values()].map(encodeCell);
  }
}

export function encodeCell(cell: CellData): BreakdownCell {
  return {
    scenario: cell.scenario,
    op: cell.op,
    method: cell.method,
    roomClass: cell.roomClass,
    count: cell.count,
    failed: cell.failed,
    hdr: encodeHistogram(cell.duration),
    serviceHdr: encodeHistogram(cell.service),
  };
}
