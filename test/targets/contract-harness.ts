import type { ComplianceEvent, Target } from '../../src/targets/types.js';
import type { World, BatchOutcome } from '../../src/workload/types.js';
import type { TxSpec } from './fixtures.js';

/** What the contract's case groups share: the world, the open target and how to drive it. */
export interface ContractHarness {
  world: World;
  /** Compliance events the open target pushed (cases clear it when they check it). */
  events: ComplianceEvent[];
  target(): Target;
  /** Another connection to the same store, opened on `world` with its own event sink. */
  open(world?: World, sink?: ComplianceEvent[] | null): Promise<Target>;
  run(specs: TxSpec[]): Promise<BatchOutcome>;
  single(spec: TxSpec): Promise<{ rows: number; kind: number; outcome: BatchOutcome }>;
}
