/**
 * The open-model schedule of a whole scenario: every arrival stream of every arrival-rate
 * executor, merged in time order. It runs on the caller's clock — nothing here reads time or
 * sets timers; the pool asks for the arrivals intended before some time and gets them in order.
 */
import type { ArrivalStream } from './arrival-stream.js';
import type { RoomClass } from '../../core/vocabulary.js';
import type { ActionKind } from '../../core/vocabulary.js';

/** Receives arrivals in intended-time order (ties: by stream creation order). */
export type ArrivalSink = (
  intendedAtMs: number,
  action: ActionKind,
  roomClass: RoomClass | null,
  scenarioIndex: number,
) => void;

export interface ArrivalStreamInfo {
  scenarioIndex: number;
  action: ActionKind;
  /** The stream's room class when fixed; null for no class or a class drawn per arrival. */
  roomClass: RoomClass | null;
  /** Arrivals this segment of the stream yields in all. */
  plannedCount: number;
  /** Expected arrivals of the whole stream (every segment): the integral of its rate. */
  expectedTotal: number;
}

function swap(heap: number[], a: number, b: number): void {
  const held = heap[a] as number;
  heap[a] = heap[b] as number;
  heap[b] = held;
}

export class ArrivalSchedule {
  private readonly streams: readonly ArrivalStream[];
  /** Binary min-heap of stream indexes keyed by (nextAt, index). */
  private readonly heap: number[] = [];
  private emitted = 0;

  constructor(streams: readonly ArrivalStream[]) {
    this.streams = streams;
    streams.forEach((stream, i) => {
      if (stream.nextAt !== Infinity) this.push(i);
    });
  }

  /** The intended time of the next arrival; Infinity when every stream is over. */
  get nextAt(): number {
    const top = this.heap[0];
    return top === undefined ? Infinity : (this.streams[top] as ArrivalStream).nextAt;
  }

  get done(): boolean {
    return this.heap.length === 0;
  }

  /** Arrivals handed out so far. */
  get emittedCount(): number {
    return this.emitted;
  }

  get streamInfo(): ArrivalStreamInfo[] {
    return this.streams.map((s) => ({
      scenarioIndex: s.scenarioIndex,
      action: s.action,
      roomClass: s.fixedRoomClass,
      plannedCount: s.plannedCount,
      expectedTotal: s.expectedTotal,
    }));
  }

  /** Arrivals this segment yields in all. */
  get plannedCount(): number {
    return this.streams.reduce((sum, s) => sum + s.plannedCount, 0);
  }

  /**
   * Passes every arrival intended before `untilMs` to `sink`, in time order, at most `maxCount`
   * of them (the rest stay for the next call). Returns how many were passed.
   */
  nextBatchUntil(untilMs: number, sink: ArrivalSink, maxCount = Infinity): number {
    let count = 0;
    while (count < maxCount && this.heap.length > 0) {
      const index = this.heap[0] as number;
      const stream = this.streams[index] as ArrivalStream;
      const at = stream.nextAt;
      if (!(at < untilMs)) break;
      sink(at, stream.action, stream.roomClass(), stream.scenarioIndex);
      count++;
      stream.advance();
      if (stream.nextAt === Infinity) this.popTop();
      else this.siftDown(0);
    }
    this.emitted += count;
    return count;
  }

  private before(a: number, b: number): boolean {
    const ta = (this.streams[a] as ArrivalStream).nextAt;
    const tb = (this.streams[b] as ArrivalStream).nextAt;
    return ta < tb || (ta === tb && a < b);
  }

  private push(index: number): void {
    const heap = this.heap;
    heap.push(index);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(heap[i] as number, heap[parent] as number)) break;
      swap(heap, i, parent);
      i = parent;
    }
  }

  private popTop(): void {
    const last = this.heap.pop() as number;
    if (this.heap.length === 0) return;
    this.heap[0] = last;
    this.siftDown(0);
  }

  private siftDown(start: number): void {
    const heap = this.heap;
    let i = start;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && this.before(heap[left] as number, heap[smallest] as number))
        smallest = left;
      if (right < heap.length && this.before(heap[right] as number, heap[smallest] as number))
        smallest = right;
      if (smallest === i) return;
      swap(heap, i, smallest);
      i = smallest;
    }
  }
}
