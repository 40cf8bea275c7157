/**
 * Baselines: what a run is compared with. Three kinds (hardware-baselines.md), and every figure
 * says which kind it is and where it comes from, because they differ in how far to trust them.
 *
 * The two files the stage reads — a catalog class and a saved baseline — are TypeBox schemas:
 * their TypeScript types, their checks when read and their published JSON Schema are one thing.
 */
import { Type, type Static } from '@sinclair/typebox';
import { keyedBy, nullable, oneOf } from '../core/json-check.js';
import { ResultsFileSchema } from '../metrics/results.js';
import type { ComplianceCondition } from './compliance-condition.js';

/**
 * `documented`: from the vendor's planning documents. `derived`: estimated from documented
 * facts by a rule of thumb, with the formula shown. `assumption`: chatload's own input where the
 * documents say nothing. `measured`: from an earlier run.
 */
export const FIGURE_KINDS = ['documented', 'derived', 'assumption', 'measured'] as const;
export type FigureKind = (typeof FIGURE_KINDS)[number];

const text = (description?: string) =>
  Type.String({ minLength: 1, ...(description === undefined ? {} : { description }) });

export const FigureSchema = Type.Object({
  label: text(),
  value: Type.Union([Type.Number(), Type.String(), Type.Null()], {
    description: 'A number, or a description (`RAID 10`); null when the fact is not known.',
  }),
  unit: Type.String(),
  kind: oneOf(FIGURE_KINDS, {
    description:
      'documented (vendor documents), derived (rule of thumb, formula shown), assumption ' +
      "(chatload's own input) or measured (an earlier run).",
  }),
  source: text('Where the figure comes from.'),
  formula: Type.Optional(
    Type.String({
      description: 'The arithmetic behind a derived figure, written out (required when derived).',
    }),
  ),
});
export type Figure = Static<typeof FigureSchema>;

/** The input figures a class may carry; envelope rules read them by these names. */
export const CLASS_FIGURES = [
  'concurrentUsers',
  'cpu',
  'cpuCores',
  'memoryGb',
  'disks',
  'dataDrives',
  'dataWritePenalty',
  'driveRpm',
  'driveRandomIops',
  'logFlushMs',
  'bufferPoolGb',
  'maxDatabaseGb',
  'network',
  'sqlServer',
] as const;
export type ClassFigureName = (typeof CLASS_FIGURES)[number];

export const BASELINE_CLASS_SCHEMA = 'chatload/baseline-class@1';

export const BaselineClassSchema = Type.Object(
  {
    schema: Type.Literal(BASELINE_CLASS_SCHEMA),
    name: text('File name without .json; what `--baseline NAME` accepts.'),
    title: text(),
    summary: text('What the class is for (production, proof of concept) in a sentence or two.'),
    model: text("The deployment model whose rates are this class's documented requirement."),
    figures: keyedBy(CLASS_FIGURES, FigureSchema),
    requiresCompliance: Type.Optional(
      Type.Boolean({
        default: false,
        description:
          'The documented requirement holds with compliance capture on (mgccomp written), as the back-end class must carry the model "with compliance enabled".',
      }),
    ),
    notes: Type.Optional(Type.Array(Type.String(), { default: [] })),
  },
  {
    title: 'chatload hardware class',
    description: 'A hardware class of the baseline catalog (`chatload/baseline-class@1`).',
  },
);
/** A hardware class from the catalog (fixtures/baselines/*.json). */
export type BaselineClass = Static<typeof BaselineClassSchema> & {
  notes: string[];
  requiresCompliance: boolean;
};

export const BASELINE_SCHEMA = 'chatload/baseline@1';

export const SavedBaselineSchema = Type.Object(
  {
    schema: Type.Literal(BASELINE_SCHEMA),
    name: Type.String(),
    savedAt: Type.String({ description: 'ISO 8601 date and time.' }),
    source: Type.String({ description: 'The results file it was saved from (absolute path).' }),
    scenario: Type.Object(
      {
        name: Type.String(),
        seed: Type.Number(),
        scale: Type.Number(),
        model: Type.String(),
        users: Type.Number(),
      },
      { description: "A summary of the results' scenario (derived again from them when read)." },
    ),
    target: Type.Object(
      {
        kind: Type.String(),
        product: Type.String(),
        productVersion: Type.String(),
        edition: nullable(Type.String()),
        cpus: nullable(Type.Number()),
        memoryMb: nullable(Type.Number()),
      },
      { description: "A summary of the results' target (derived again from them when read)." },
    ),
    results: ResultsFileSchema,
  },
  {
    title: 'chatload saved baseline',
    description:
      'A measured run saved under a name by `chatload baselines save` (`chatload/baseline@1`).',
  },
);
export type SavedBaseline = Static<typeof SavedBaselineSchema>;

/** One derived capacity check: what the run needs against what the class can give. */
export interface EnvelopeCheck {
  label: string;
  needed: number;
  capacity: number;
  unit: string;
  /** needed ÷ capacity: above 1 the class runs out. */
  utilisation: number;
  /** The arithmetic, written out with the numbers. */
  formula: string;
  kind: 'derived';
}

export interface RequirementRow {
  op: string;
  /** Transactions per second the model demands for `users` users. */
  requiredPerS: number;
  /** Successful transactions per second this run sustained. */
  measuredPerS: number;
  /** measured ÷ required. */
  headroom: number;
  /**
   * True when the run carried the required rate, allowing for the Poisson noise of arrivals in
   * a run of this length (see `meetsRequirement`).
   */
  meets: boolean;
  /** How the required rate is grounded. */
  kind: FigureKind;
}

export interface RequirementComparison {
  kind: 'documented';
  users: number;
  modelUsers: number;
  rows: RequirementRow[];
  /** False when the run dropped transactions, failed thresholds or was interrupted. */
  sustained: boolean;
  reasons: string[];
  source: string;
}

export interface EnvelopeComparison {
  kind: 'derived';
  /** The class figures derived from its hardware, with their formulas. */
  figures: Figure[];
  checks: EnvelopeCheck[];
}

/** A run compared with a class: its documented requirement and its derived envelope. */
export interface ClassComparison {
  className: string;
  title: string;
  summary: string;
  hardware: Figure[];
  requirement: RequirementComparison;
  /** Whether the run meets the class's compliance condition; null when it has none. */
  compliance: ComplianceCondition | null;
  envelope: EnvelopeComparison;
  notes: string[];
}
