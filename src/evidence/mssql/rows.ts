/**
 * The sampler's result sets as typed rows. The driver returns bigint columns as decimal strings,
 * nchar padded with spaces, binary handles as Buffers and datetimes as Dates; anything else is a
 * surprise that makes the fact unknown (RowShapeError), never a crash.
 */
import type { CounterRow } from './counters.js';
import { objectName } from './counters.js';
import { fileKind, type FileRow } from './files.js';
import type { QueryStatsRow } from './query-stats.js';
import type { WaitRow } from './waits.js';

export type Row = Record<string, unknown>;

export class RowShapeError extends Error {
  constructor(column: string, value: unknown) {
    super(`column ${column} held an unexpected value (${typeof value})`);
    this.name = 'RowShapeError';
  }
}

function num(row: Row, column: string): number {
  const value = row[column];
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value.trim());
  throw new RowShapeError(column, value);
}

function text(row: Row, column: string): string {
  const value = row[column];
  if (typeof value !== 'string') throw new RowShapeError(column, value);
  return value.trimEnd();
}

function optionalText(row: Row, column: string): string | null {
  return row[column] === null || row[column] === undefined ? null : text(row, column);
}

function hex(row: Row, column: string): string {
  const value = row[column];
  if (value instanceof Uint8Array) return Buffer.from(value).toString('hex');
  throw new RowShapeError(column, value);
}

function timeMs(row: Row, column: string): number {
  const value = row[column];
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.getTime();
  throw new RowShapeError(column, value);
}

export function waitRow(row: Row): WaitRow {
  return {
    waitType: text(row, 'wait_type'),
    tasks: num(row, 'waiting_tasks_count'),
    waitMs: num(row, 'wait_time_ms'),
    signalMs: num(row, 'signal_wait_time_ms'),
  };
}

export function fileRow(database: string, row: Row): FileRow {
  return {
    database,
    fileId: num(row, 'file_id'),
    fileName: optionalText(row, 'file_name'),
    kind: fileKind(optionalText(row, 'type_desc')),
    reads: num(row, 'num_of_reads'),
    bytesRead: num(row, 'num_of_bytes_read'),
    readStallMs: num(row, 'io_stall_read_ms'),
    writes: num(row, 'num_of_writes'),
    bytesWritten: num(row, 'num_of_bytes_written'),
    writeStallMs: num(row, 'io_stall_write_ms'),
    sizeBytes: num(row, 'size_on_disk_bytes'),
  };
}

export function counterRow(row: Row): CounterRow {
  return {
    object: objectName(text(row, 'object_name')),
    counter: text(row, 'counter_name').trim(),
    instance: text(row, 'instance_name').trim(),
    value: num(row, 'cntr_value'),
    type: num(row, 'cntr_type'),
  };
}

export function queryStatsRow(row: Row): QueryStatsRow {
  const batch = hex(row, 'sql_handle');
  const start = num(row, 'statement_start_offset');
  const end = num(row, 'statement_end_offset');
  return {
    key: `${batch}:${start}:${end}:${hex(row, 'plan_handle')}`,
    batch,
    createdMs: timeMs(row, 'creation_time'),
    sampledAtMs: timeMs(row, 'sampled_at'),
    executions: num(row, 'execution_count'),
    workerUs: num(row, 'total_worker_time'),
    elapsedUs: num(row, 'total_elapsed_time'),
    logicalReads: num(row, 'total_logical_reads'),
    logicalWrites: num(row, 'total_logical_writes'),
    batchText: optionalText(row, 'batch_text'),
  };
}
