/**
 * Baselines: what a run is compared with. Three kinds (hardware-baselines.md), and every figure
 * says which kind it is and where it comes from, because they differ in how far to trust them.
 */

/**
 * `documented`: from the vendor's planning documents. `derived`: estimated from documented
 * facts by a rule of thumb, with the formula shown. `assumption`: chatload's own input where the
 * documents say nothing. `measured`: from an earlier run.
 */
export type FigureKind = 'documented' | 'derived' | 'assumption' | 'measured';

export interface Figure {
  label: string;
  /** A number, or a description (`RAID 10`); null when the fact is not known. */
  value: number | string | null;
  unit: string;
  kind: FigureKind;
  source: string;
  /** The arithmetic behind a derived figure, written out. */
  formula?: string;
}

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

/** A hardware class from the catalog (fixtures/baselines/*.json). */
export interface BaselineClass {
  schema: typeof BASELINE_CLASS_SCHEMA;
  /** File name without .json; what `--baseline NAME` accepts. */
  name: string;
  title: string;
  /** What the class is for (production, proof of concept) in one or two sentences. */
  summary: string;
  /** The deployment model whose rates are this class's documented requirement. */
  model: string;
  figures: Partial<Record<ClassFigureName, Figure>>;
  notes: string[];
}

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
  envelope: EnvelopeComparison;
  notes: string[];
}
