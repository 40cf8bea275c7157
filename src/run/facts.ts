/**
 * What a results file says besides the measurements: the scenario and its model, the target as
 * the server described itself (redacted), and how the run went.
 */
import type {
  ConnectionsSection,
  ResultsFile,
  RunStatus,
  UnavailableSection,
} from '../metrics/results.js';
import type { RunFacts } from '../metrics/results-file.js';
import type { Threshold } from '../metrics/threshold-parser.js';
import type { ResolvedScenario } from '../scenario/resolved.js';
import type { ServerInfo } from '../targets/types.js';
import { expectedTxPerS } from '../workload/mix.js';
import type { World } from '../workload/types.js';
import type { PreparedStore } from './store.js';

export interface RunOutline {
  scenario: ResolvedScenario;
  world: World;
  store: PreparedStore;
  startedAt: Date;
  /** Run-clock ms at which scheduling ended (completed, interrupted or aborted). */
  scheduleEndMs: number;
  workers: number;
  status: RunStatus;
  thresholds: readonly Threshold[];
  /** Null for targets without connections (`null:`). */
  connections: ConnectionsSection | null;
  /** Null when the target never became unavailable. */
  unavailable: UnavailableSection | null;
}

/** A SQL Server target's identity and gating conclusion; nothing for the other kinds. */
function identityFacts(
  info: ServerInfo,
): Pick<ResultsFile['target'], 'family' | 'banner' | 'gating'> {
  return {
    ...(info.family === undefined ? {} : { family: info.family }),
    ...(info.banner === undefined ? {} : { banner: info.banner }),
    ...(info.gating === undefined ? {} : { gating: info.gating }),
  };
}

function targetFacts(store: PreparedStore): ResultsFile['target'] {
  const { info, compliance } = store;
  return {
    kind: store.kind,
    description: store.description,
    product: info.product,
    productVersion: info.productVersion,
    edition: info.edition,
    cpus: info.cpus,
    memoryMb: info.memoryMb,
    unknown: info.unknown,
    ...identityFacts(info),
    compliance:
      compliance === null
        ? null
        : {
            kind: compliance.kind,
            description: compliance.description,
            product: compliance.info.product,
            productVersion: compliance.info.productVersion,
            ...(compliance.info.family === undefined ? {} : { family: compliance.info.family }),
          },
  };
}

export function runFacts(outline: RunOutline): RunFacts {
  const { scenario, world, status } = outline;
  const { segment } = scenario;
  return {
    scenario: {
      name: scenario.name,
      file: scenario.file,
      description: scenario.description,
      seed: scenario.seed,
      scale: scenario.scale,
      compliance: scenario.compliance,
      model: {
        name: scenario.model.name,
        provisionedUsers: world.users,
        concurrentUsers: world.concurrentUsers,
        rooms: world.rooms,
        requiredTxPerS: expectedTxPerS(scenario.model),
      },
    },
    target: targetFacts(outline.store),
    run: {
      startedAt: outline.startedAt.toISOString(),
      durationS: Math.max(outline.scheduleEndMs, 1) / 1000,
      workers: outline.workers,
      segment: segment.count > 1 ? `${segment.index}/${segment.count}` : null,
      interrupted: status === 'interrupted',
      status,
      ...(outline.connections === null ? {} : { connections: outline.connections }),
      ...(outline.unavailable === null ? {} : { unavailable: outline.unavailable }),
    },
    thresholds: outline.thresholds,
  };
}
