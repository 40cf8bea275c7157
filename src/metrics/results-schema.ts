/**
 * What a `chatload/results@1` file must contain (the contract in results.ts and DESIGN.md),
 * checked when a file is read so that `report`, `compare`, `merge` and `baselines` work on
 * trusted data: every field's type, every histogram decodable with the shared range, and every
 * per-second array aligned with `timeseries.t`.
 */
import { messageOf } from '../core/errors.js';
import { decodeHistogram } from './hdr.js';
import type { ResultsFile } from './results.js';
import { checkShape, type Shape } from './shape.js';
import { METHODS, OPS, ROOM_CLASSES, SERVER_FAMILIES } from '../core/vocabulary.js';

const hdr: Shape = {
  custom: 'an encoded HDR histogram',
  check: (text) => {
    try {
      decodeHistogram(text, 'int32');
      return null;
    } catch (error) {
      return messageOf(error);
    }
  },
};

const latency: Shape = {
  object: Object.fromEntries(
    ['min', 'mean', 'p50', 'p90', 'p95', 'p99', 'p999', 'max'].map((field) => [field, 'number']),
  ),
};

const counts = { count: 'number', failed: 'number' } as const;

const opResult: Shape = {
  object: {
    ...counts,
    ratePerS: 'number',
    latencyMs: latency,
    serviceMs: latency,
    hdr,
    serviceHdr: hdr,
    byRoomClass: {
      record: { object: { ...counts, latencyMs: latency, hdr } },
      keys: ROOM_CLASSES,
    },
  },
};

const numbers: Shape = { array: 'number' };
const percentiles: Shape = { array: { nullable: 'number' } };

const RESULTS_SHAPE: Shape = {
  object: {
    schema: 'string',
    tool: { object: { name: 'string', version: 'string' } },
    scenario: {
      object: {
        name: 'string',
        file: 'string',
        description: 'string',
        seed: 'number',
        scale: 'number',
        compliance: 'boolean',
        model: {
          object: {
            name: 'string',
            provisionedUsers: 'number',
            concurrentUsers: 'number',
            rooms: 'number',
            requiredTxPerS: { record: 'number', keys: OPS },
          },
        },
      },
    },
    target: {
      object: {
        kind: 'string',
        description: 'string',
        product: 'string',
        productVersion: 'string',
        edition: { nullable: 'string' },
        cpus: { nullable: 'number' },
        memoryMb: { nullable: 'number' },
        unknown: { array: { object: { fact: 'string', reason: 'string' } } },
        family: { optional: { oneOf: SERVER_FAMILIES } },
        banner: { optional: 'string' },
        gating: { optional: 'string' },
        compliance: {
          nullable: {
            object: {
              kind: 'string',
              description: 'string',
              product: 'string',
              productVersion: 'string',
              family: { optional: { oneOf: SERVER_FAMILIES } },
            },
          },
        },
      },
    },
    run: {
      object: {
        startedAt: 'string',
        durationS: 'number',
        workers: 'number',
        segment: { nullable: 'string' },
        interrupted: 'boolean',
        status: { oneOf: ['completed', 'interrupted', 'aborted'] },
      },
    },
    ops: { record: opResult, keys: OPS },
    sip: { record: 'number', keys: METHODS },
    dropped: 'number',
    retries: 'number',
    timeseries: {
      object: {
        intervalS: 'number',
        t: numbers,
        ops: {
          record: {
            object: {
              count: numbers,
              failed: numbers,
              p50: percentiles,
              p95: percentiles,
              p99: percentiles,
            },
          },
          keys: OPS,
        },
        dropped: numbers,
        complianceQueueDepth: numbers,
        vus: numbers,
      },
    },
    thresholds: {
      array: {
        object: {
          metric: 'string',
          expr: 'string',
          value: { nullable: 'number' },
          ok: 'boolean',
          abortOnFail: 'boolean',
        },
      },
    },
    errors: {
      array: { object: { op: { oneOf: OPS }, code: 'string', message: 'string', count: 'number' } },
    },
    breakdown: {
      optional: {
        object: {
          cells: {
            array: {
              object: {
                scenario: { nullable: 'string' },
                op: { oneOf: OPS },
                method: { nullable: { oneOf: METHODS } },
                roomClass: { nullable: { oneOf: ROOM_CLASSES } },
                ...counts,
                hdr,
                serviceHdr: hdr,
              },
            },
          },
          dropped: { record: 'number' },
          vus: { record: numbers },
        },
      },
    },
    notes: { optional: { array: 'string' } },
  },
};

/** The first problem with `value` as a results file (its schema already checked), or null. */
export function resultsProblem(value: unknown): string | null {
  const problem = checkShape(value, RESULTS_SHAPE, '');
  return problem ?? misalignedSeries(value as ResultsFile);
}

function misalignedSeries(file: ResultsFile): string | null {
  const expected = file.timeseries.t.length;
  const series: [string, readonly unknown[]][] = [
    ['timeseries.dropped', file.timeseries.dropped],
    ['timeseries.complianceQueueDepth', file.timeseries.complianceQueueDepth],
    ['timeseries.vus', file.timeseries.vus],
  ];
  for (const [op, opSeries] of Object.entries(file.timeseries.ops)) {
    for (const [field, values] of Object.entries(opSeries)) {
      series.push([`timeseries.ops.${op}.${field}`, values]);
    }
  }
  for (const [scenario, values] of Object.entries(file.breakdown?.vus ?? {})) {
    series.push([`breakdown.vus.${scenario}`, values]);
  }
  for (const [path, values] of series) {
    if (values.length !== expected) {
      return `field "${path}" has ${values.length} entries but timeseries.t has ${expected}`;
    }
  }
  return null;
}
