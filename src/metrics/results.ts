/**
 * The results file (DESIGN.md "Results file", versioned). Written by `run`, read by `report`,
 * `compare`, `merge` and `baselines`. Latencies are milliseconds; histograms are encoded
 * hdr-histogram-js histograms of microseconds (compressed base64) so files merge exactly.
 * Nothing in here may hold a secret.
 *
 * The TypeBox schema below is the one definition: the TypeScript types are derived from it, files
 * are checked against it when read (results-check.ts adds what a JSON Schema cannot say), and
 * `chatload schema results` prints it as JSON Schema.
 */
import { Type, type Static } from '@sinclair/typebox';
import { keyedBy, nullable, oneOf } from '../core/json-check.js';
import { METHODS, OPS, ROOM_CLASSES, SERVER_FAMILIES } from '../core/vocabulary.js';

export const RESULTS_SCHEMA = 'chatload/results@1';

const hdr = (what: string) =>
  Type.String({
    description: `${what}: an hdr-histogram-js histogram of microseconds, compressed base64 (1 µs .. 1 h, 3 significant digits)`,
  });

const counts = {
  count: Type.Number({ description: 'Transactions completed (failed ones included).' }),
  failed: Type.Number({ description: 'Transactions that failed.' }),
};

const latencySummary = (description: string) =>
  Type.Object(
    {
      min: Type.Number(),
      mean: Type.Number(),
      p50: Type.Number(),
      p90: Type.Number(),
      p95: Type.Number(),
      p99: Type.Number(),
      p999: Type.Number(),
      max: Type.Number(),
    },
    { description },
  );
export const LatencySummarySchema = latencySummary('Latency summary, ms.');
export type LatencySummary = Static<typeof LatencySummarySchema>;

export const RoomClassResultSchema = Type.Object({
  ...counts,
  latencyMs: latencySummary('tx_duration, ms.'),
  hdr: hdr('tx_duration'),
});
export type RoomClassResult = Static<typeof RoomClassResultSchema>;

export const OpResultSchema = Type.Object({
  ...counts,
  ratePerS: Type.Number({ description: 'count / run duration (transactions per second).' }),
  latencyMs: latencySummary('tx_duration: from the intended start to completion, ms.'),
  serviceMs: latencySummary('tx_service: from the actual start to completion, ms.'),
  hdr: hdr('tx_duration'),
  serviceHdr: hdr('tx_service'),
  byRoomClass: keyedBy(ROOM_CLASSES, RoomClassResultSchema, {
    description: 'The same per room class, for transactions that touch one room.',
  }),
});
export type OpResult = Static<typeof OpResultSchema>;

const numbers = Type.Array(Type.Number());
const percentiles = Type.Array(nullable(Type.Number()), {
  description: 'Per-second latency percentile (ms); null where the second had no transaction.',
});

export const OpSeriesSchema = Type.Object({
  count: numbers,
  failed: numbers,
  p50: percentiles,
  p95: percentiles,
  p99: percentiles,
});
export type OpSeries = Static<typeof OpSeriesSchema>;

export const TimeseriesSchema = Type.Object(
  {
    intervalS: Type.Number(),
    t: Type.Array(Type.Number(), {
      description: 'Seconds since the run started, at the end of each interval.',
    }),
    ops: keyedBy(OPS, OpSeriesSchema),
    dropped: numbers,
    complianceQueueDepth: numbers,
    vus: numbers,
  },
  { description: 'Per-second series; every array is aligned with `t`.' },
);
export type Timeseries = Static<typeof TimeseriesSchema>;

export const ThresholdResultSchema = Type.Object({
  metric: Type.String({
    description: 'The metric with its tag filter as written: `tx_duration{op:post}`.',
  }),
  expr: Type.String({ description: 'The expression as written: `p(95)<100`.' }),
  value: nullable(Type.Number(), {
    description: 'The observed value the expression was evaluated on; null when there was no data.',
  }),
  ok: Type.Boolean(),
  abortOnFail: Type.Boolean(),
});
export type ThresholdResult = Static<typeof ThresholdResultSchema>;

export const ErrorGroupSchema = Type.Object({
  op: oneOf(OPS),
  code: Type.String({ description: 'chatload error code, e.g. E_TARGET_TIMEOUT.' }),
  message: Type.String({ description: 'One sample message (driver text), with secrets removed.' }),
  count: Type.Number(),
});
export type ErrorGroup = Static<typeof ErrorGroupSchema>;

export const RUN_STATUSES = ['completed', 'interrupted', 'aborted'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const BreakdownCellSchema = Type.Object(
  {
    scenario: nullable(Type.String(), {
      description:
        'The exec scenario (executor name); null for work not tied to one (compliance writes).',
    }),
    op: oneOf(OPS),
    method: nullable(oneOf(METHODS), {
      description: 'null for work that is not a SIP request (compliance writes).',
    }),
    roomClass: nullable(oneOf(ROOM_CLASSES), {
      description: 'null when the transaction touches no single room.',
    }),
    ...counts,
    hdr: hdr('tx_duration'),
    serviceHdr: hdr('tx_service'),
  },
  {
    description:
      'One cell of the finest breakdown the recorders keep: exec scenario × op × SIP method × ' +
      'room class. Every tag filter of a threshold is a union of cells, so thresholds ' +
      're-evaluate exactly from the file (after a merge too).',
  },
);
export type BreakdownCell = Static<typeof BreakdownCellSchema>;

export const BreakdownSchema = Type.Object(
  {
    cells: Type.Array(BreakdownCellSchema),
    dropped: Type.Record(Type.String(), Type.Number(), {
      description: 'dropped_txs per exec scenario.',
    }),
    vus: Type.Record(Type.String(), numbers, {
      description: 'vus per exec scenario, aligned with `timeseries.t`.',
    }),
  },
  { description: 'Per-scenario / per-method detail (written by `run` and `merge`).' },
);
export type Breakdown = Static<typeof BreakdownSchema>;

export const ConnectionsSectionSchema = Type.Object(
  {
    store: Type.Number({
      description: 'To the chat store (mgc, and mgccomp when it shares the database).',
    }),
    compliance: Type.Number({
      description: 'To a separate compliance store (--compliance-target); 0 when there is none.',
    }),
  },
  {
    description:
      "Connections the run's workers opened, all before the run clock started. Absent for " +
      'null: and in files written before chatload reported them.',
  },
);
export type ConnectionsSection = Static<typeof ConnectionsSectionSchema>;

export const UnavailableSectionSchema = Type.Object(
  {
    totalS: Type.Number({ description: 'Seconds during which the target was unavailable.' }),
    periods: Type.Array(
      Type.Object({
        startS: Type.Number({
          description: 'Run-clock seconds: the first failure that showed it.',
        }),
        endS: Type.Number({
          description: 'Run-clock seconds: the reconnect that ended it (the run end if ongoing).',
        }),
        kinds: Type.Array(Type.String(), {
          description:
            'The failure kinds seen: unreachable, login (refused while shutting down or starting).',
        }),
        reconnectAttempts: Type.Number(),
        ongoing: Type.Boolean({ description: 'Still unavailable when the run ended.' }),
      }),
    ),
  },
  {
    description:
      'When the target was unavailable during the run (a server restart, a cut link): the union ' +
      "of the workers' outages. Absent when it never was.",
  },
);
export type UnavailableSection = Static<typeof UnavailableSectionSchema>;

export const ResultsFileSchema = Type.Object(
  {
    schema: Type.Literal(RESULTS_SCHEMA, { description: 'The version of this contract.' }),
    tool: Type.Object({ name: Type.Literal('chatload'), version: Type.String() }),
    scenario: Type.Object({
      name: Type.String(),
      file: Type.String(),
      description: Type.String(),
      seed: Type.Number(),
      scale: Type.Number({ description: 'The multiple of every arrival rate (--scale).' }),
      compliance: Type.Boolean(),
      model: Type.Object({
        name: Type.String(),
        provisionedUsers: Type.Number(),
        concurrentUsers: Type.Number(),
        rooms: Type.Number(),
        requiredTxPerS: keyedBy(OPS, Type.Number(), {
          description:
            'Transactions per second per op the model demands at 1× (the documented requirement).',
        }),
      }),
    }),
    target: Type.Object({
      kind: Type.String({ description: 'sqlite, mssql or null.' }),
      description: Type.String({ description: 'Redacted connection description.' }),
      product: Type.String(),
      productVersion: Type.String(),
      edition: nullable(Type.String()),
      cpus: nullable(Type.Number()),
      memoryMb: nullable(Type.Number()),
      unknown: Type.Array(Type.Object({ fact: Type.String(), reason: Type.String() }), {
        description: 'Server facts that could not be read, with the reason.',
      }),
      family: Type.Optional(
        oneOf(SERVER_FAMILIES, {
          description:
            'SQL Server targets (absent for other kinds and in files written before chatload ' +
            'identified the product): which product family answered — Microsoft SQL Server, ' +
            'Azure SQL, Babelfish for PostgreSQL or another TDS server. `product` then names it.',
        }),
      ),
      banner: Type.Optional(
        Type.String({
          description:
            'SQL Server targets: the first line of @@VERSION, verbatim (the evidence for `product`).',
        }),
      ),
      gating: Type.Optional(
        Type.String({
          description:
            'SQL Server targets: what the version gating concluded from the identity, and why.',
        }),
      ),
      compliance: nullable(
        Type.Object({
          kind: Type.String(),
          description: Type.String(),
          product: Type.String(),
          productVersion: Type.String(),
          family: Type.Optional(
            oneOf(SERVER_FAMILIES, {
              description: "As `target.family`, for the compliance store's server.",
            }),
          ),
        }),
        { description: 'The separate compliance database, or null.' },
      ),
    }),
    run: Type.Object({
      startedAt: Type.String({ description: 'ISO 8601 date and time.' }),
      durationS: Type.Number(),
      workers: Type.Number(),
      segment: nullable(Type.String(), {
        description: '`I/N` when this is one segment of a split run, else null.',
      }),
      interrupted: Type.Boolean(),
      status: oneOf(RUN_STATUSES, {
        description: 'How the run ended: a reader must look before trusting the figures.',
      }),
      connections: Type.Optional(ConnectionsSectionSchema),
      unavailable: Type.Optional(UnavailableSectionSchema),
    }),
    ops: keyedBy(OPS, OpResultSchema, { description: 'Per-operation results.' }),
    sip: keyedBy(METHODS, Type.Number(), { description: 'SIP requests sent, per method.' }),
    dropped: Type.Number({
      description: 'Transactions not started because the in-flight limit was reached.',
    }),
    retries: Type.Number(),
    timeseries: TimeseriesSchema,
    thresholds: Type.Array(ThresholdResultSchema),
    errors: Type.Array(ErrorGroupSchema),
    baseline: Type.Optional(
      Type.Unknown({ description: 'Comparison with a baseline, when one was given.' }),
    ),
    breakdown: Type.Optional(BreakdownSchema),
    notes: Type.Optional(
      Type.Array(Type.String(), {
        description:
          'Caveats a reader must know: clamped latencies, how a merge combined per-second percentiles.',
      }),
    ),
  },
  {
    title: 'chatload results file',
    description:
      'What a chatload run measured (`chatload/results@1`): read by report, compare, merge and baselines.',
  },
);
export type ResultsFile = Static<typeof ResultsFileSchema>;
