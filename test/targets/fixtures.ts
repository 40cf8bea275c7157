/**
 * Shared test fixtures for the target tests: a SMALL world built by the real buildWorld (300
 * users, a few dozen rooms of every kind), provisioning options on a fixed clock, a simulated
 * TargetContext that records compliance events, and transaction builders.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lync2013 } from '../../src/model/lync2013.js';
import { applyOverrides } from '../../src/model/overrides.js';
import type { DeploymentModel, ModelOverrides } from '../../src/model/types.js';
import { SCHEMA_VERSION } from '../../src/targets/schema/tables.js';
import type { StoreMeta } from '../../src/targets/store-meta.js';
import type { ComplianceEvent, ProvisionOptions, TargetContext } from '../../src/targets/types.js';
import { appendRow, createBatch } from '../../src/workload/batch.js';
import { type Csr, type TxBatch, type World } from '../../src/workload/types.js';
import { buildWorld } from '../../src/workload/world.js';
import {
  Command,
  type CommandName,
  Method,
  NO_ROOM_CLASS,
  Op,
  type OpName,
} from '../../src/core/vocabulary.js';

export const SMALL_OVERRIDES: ModelOverrides = {
  population: { provisionedUsers: 300, concurrentUsers: 180 },
  roomClasses: {
    medium: { usersPerRoom: 40, usersWithGroupAccess: 60 },
    large: { usersPerRoom: 90, usersWithGroupAccess: 150 },
  },
  directory: { directoryGroups: 60, affiliationsPerUserMin: 20, affiliationsPerUserMax: 40 },
};

export function smallModel(extra: ModelOverrides = {}): DeploymentModel {
  return applyOverrides(lync2013, {
    ...SMALL_OVERRIDES,
    ...extra,
    population: { ...SMALL_OVERRIDES.population, ...extra.population },
  });
}

const worlds = new Map<string, World>();

/** The small world for `seed` (built once per process). */
export function smallWorld(seed = 11, extra: ModelOverrides = {}): World {
  const key = `${seed}:${JSON.stringify(extra)}`;
  let world = worlds.get(key);
  if (world === undefined) {
    world = buildWorld(smallModel(extra), { seed });
    worlds.set(key, world);
  }
  return world;
}

/** Seeded history ends here: a fixed instant, so rows do not depend on when tests run. */
export const HISTORY_END_MS = Date.UTC(2024, 2, 15, 18, 30);

export function provisionOptions(overrides: Partial<ProvisionOptions> = {}): ProvisionOptions {
  return {
    stores: { mgc: true, mgccomp: true },
    historyDays: 2,
    force: false,
    historyEndMs: HISTORY_END_MS,
    // About 20 messages per small room per working day in the small world.
    historyRatesPerS: { small: 0.05, medium: 0.01, large: 0.005 },
    workdayHours: 8,
    ...overrides,
  };
}

/** A context on simulated clocks: each reading advances 1 ms. Compliance events are recorded. */
export function testContext(world: World, events: ComplianceEvent[] | null): TargetContext {
  let run = 0;
  let unix = HISTORY_END_MS + 60_000;
  return {
    layout: world.layout,
    naming: world.naming,
    runClock: () => run++,
    unixNow: () => unix++,
    compliance: events === null ? null : { push: (event) => events.push(event) },
  };
}

export interface TxSpec {
  op: OpName;
  method?: keyof typeof Method;
  command?: CommandName;
  user: number;
  room?: number;
  arg0?: number;
  arg1?: number;
  list?: readonly number[];
}

export function txBatch(specs: readonly TxSpec[]): TxBatch {
  const batch = createBatch(specs.length);
  specs.forEach((spec, i) => {
    appendRow(batch, {
      op: Op[spec.op],
      method: Method[spec.method ?? 'INFO'],
      command: Command[spec.command ?? 'none'],
      roomClass: NO_ROOM_CLASS,
      user: spec.user,
      room: spec.room ?? -1,
      dialog: 1,
      cseq: i + 1,
      intendedAt: i,
      arg0: spec.arg0 ?? 0,
      arg1: spec.arg1 ?? 0,
      list: spec.list ?? [],
    });
  });
  return batch;
}

export function csrRow(csr: Csr, row: number): number[] {
  return Array.from(csr.items.subarray(csr.start[row] as number, csr.start[row + 1] as number));
}

export function tempDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `chatload-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** A complete chatload_meta record of a small provisioned store. */
export const META: StoreMeta = {
  schemaVersion: SCHEMA_VERSION,
  fingerprint: 'fp-11',
  model: 'lync2013',
  users: 300,
  seed: 11,
  historyDays: 2,
  stores: ['mgc', 'mgccomp'],
  toolVersion: '0.1.0',
  createdAt: '2024-03-15T18:30:00.000Z',
  complete: true,
  rowCounts: { tblChat: 3744, tblPrincipal: 512 },
};
