/**
 * The bottleneck verdict of a step: a rule table from the window's evidence to what ran out
 * first, each verdict carrying the figures that fired it ("log flush bound: WRITELOG 64 % of wait
 * time, log write stall 9.8 ms"). Rules of thumb: bottleneck.ts; the rules per server:
 * mssql/verdict.ts and sqlite/verdict.ts.
 *
 * Order: a generator-bound step is the generator's (the server was never pushed); then the
 * server's evidence; without any, "unknown" with the reason.
 */
import { bottleneck, type Bottleneck } from './bottleneck.js';
import type { GeneratorDeltas } from './generator.js';
import type { MssqlDeltas } from './mssql/deltas.js';
import { mssqlVerdict } from './mssql/verdict.js';
import type { SqliteDeltas } from './sqlite/sampler.js';
import { sqliteVerdict } from './sqlite/verdict.js';

export {
  RULES_OF_THUMB,
  describeBottleneck,
  type Bottleneck,
  type BottleneckKind,
} from './bottleneck.js';

/** The server side of a step: SQL Server, SQLite, or none (with why). */
export type ServerDeltas = MssqlDeltas | SqliteDeltas | { kind: 'none'; reason: string };

export interface VerdictInput {
  server: ServerDeltas;
  generator: GeneratorDeltas | null;
  /** Why the step was judged generator-bound (empty when it was not). */
  generatorBound: readonly string[];
}

export function judgeBottleneck(input: VerdictInput): Bottleneck {
  if (input.generatorBound.length > 0) {
    return bottleneck('generator', 'the load generator', [...input.generatorBound]);
  }
  switch (input.server.kind) {
    case 'mssql':
      return mssqlVerdict(input.server);
    case 'sqlite':
      return sqliteVerdict(input.server, input.generator);
    case 'none':
      return bottleneck('unknown', `unknown: no server evidence (${input.server.reason})`, []);
  }
}
