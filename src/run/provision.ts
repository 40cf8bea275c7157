/**
 * Provisioning, for `chatload provision` and for a run's first use of a store: which stores go
 * into which database, the provisioning options (built here once), the refusal — or, for a
 * run's own default store, the replacement — of a store holding another world, and progress as
 * events. Each database is opened, provisioned, asked about itself and closed in turn. Never
 * prints.
 */
import { performance } from 'node:perf_hooks';
import { ChatloadError } from '../core/errors.js';
import { actionRates } from '../model/rates.js';
import type { DeploymentModel } from '../model/types.js';
import type { StoreCensus } from '../targets/census.js';
import { openTarget } from '../targets/open.js';
import type { StoreName } from '../targets/schema/types.js';
import type {
  ProvisionOptions,
  ProvisionReport,
  ServerInfo,
  Target,
  TargetKind,
} from '../targets/types.js';
import { sameDatabase, type TargetSpec } from '../targets/url.js';
import type { World } from '../workload/types.js';
import type { RunEvent } from './events.js';

/** What provisioning tells whoever drives it (a subset of the run's events). */
export type ProvisionEvent = Extract<
  RunEvent,
  { kind: 'store' } | { kind: 'provision-progress' } | { kind: 'provisioned' } | { kind: 'census' }
>;

export interface StoresRequest {
  model: DeploymentModel;
  target: TargetSpec;
  /** Null: the compliance store (when wanted) goes into the target's database. */
  complianceTarget: TargetSpec | null;
  /** Provision the compliance store (mgccomp) too. */
  compliance: boolean;
  /** Days of accumulated history to seed in mgc. */
  historyDays: number;
  /** Drop chatload's tables and provision again, whatever world they hold. */
  force: boolean;
  /**
   * The target is chatload's own default store for a scenario: when it holds another world (the
   * scenario changed), provision it again instead of refusing (E_OTHER_WORLD).
   */
  replaceOtherWorld: boolean;
  /**
   * Count what the chat store holds with SQL afterwards (`chatload provision`'s closing table;
   * seconds on the documented population, so a run's first use skips it). @default false
   */
  census?: boolean;
  /** Stops provisioning (Ctrl-C): checked between databases and, by SQLite, between commits. */
  signal?: AbortSignal;
}

/** One database's part of the job, and what came of it. */
export interface StoreReport {
  /** The database, safe to print (never a password). */
  description: string;
  kind: TargetKind;
  /** The stores it holds for this job, `mgc` first. */
  stores: StoreName[];
  /** What provisioning did; null on `null:`, which stores nothing. */
  report: ProvisionReport | null;
  /** What the server says about itself. */
  info: ServerInfo;
  /** The chat store counted with SQL, when the request asked for it and the database holds mgc. */
  census: StoreCensus | null;
}

interface StoreJob {
  spec: TargetSpec;
  stores: StoreName[];
}

/** mgc (with mgccomp unless that has a database of its own), then mgccomp's own database. */
export function storeJobs(request: StoresRequest): [StoreJob, ...StoreJob[]] {
  const { target, complianceTarget, compliance } = request;
  const separate =
    compliance && complianceTarget !== null && !sameDatabase(target, complianceTarget);
  const chat: StoreJob = {
    spec: target,
    stores: compliance && !separate ? ['mgc', 'mgccomp'] : ['mgc'],
  };
  return separate ? [chat, { spec: complianceTarget, stores: ['mgccomp'] }] : [chat];
}

function provisionOptions(
  request: StoresRequest,
  stores: readonly StoreName[],
  listener: (event: ProvisionEvent) => void,
): ProvisionOptions {
  const store = stores[0] ?? 'mgc';
  return {
    stores: { mgc: stores.includes('mgc'), mgccomp: stores.includes('mgccomp') },
    historyDays: stores.includes('mgc') ? request.historyDays : 0,
    force: request.force,
    historyEndMs: Date.now(),
    historyRatesPerS: actionRates(request.model).post,
    workdayHours: request.model.rates.workdayHours,
    progress: (progress) => listener({ kind: 'provision-progress', store, progress }),
    ...(request.signal === undefined ? {} : { signal: request.signal }),
  };
}

function holdsOtherWorld(error: unknown): boolean {
  return error instanceof ChatloadError && error.code === 'E_OTHER_WORLD';
}

async function provisionOne(
  target: Target,
  world: World,
  request: StoresRequest,
  stores: readonly StoreName[],
  listener: (event: ProvisionEvent) => void,
): Promise<ProvisionReport | null> {
  if (target.kind === 'null') return null;
  const store = stores[0] ?? 'mgc';
  const status = await target.inspectStore();
  if (status.state === 'empty') {
    listener({ kind: 'store', message: `${target.description} is empty: provisioning ${store}` });
  }
  const options = provisionOptions(request, stores, listener);
  let report: ProvisionReport;
  try {
    report = await target.provision(world, options);
  } catch (error) {
    if (!holdsOtherWorld(error) || !request.replaceOtherWorld) throw error;
    listener({
      kind: 'store',
      message: `${target.description} holds another scenario's world: provisioning it again`,
    });
    report = await target.provision(world, { ...options, force: true });
  }
  if (report.status === 'created') listener({ kind: 'provisioned', store, report });
  return report;
}

/** Opens one database, provisions its stores, asks it about itself, and closes it. */
async function provisionDatabase(
  world: World,
  request: StoresRequest,
  { spec, stores }: StoreJob,
  listener: (event: ProvisionEvent) => void,
): Promise<StoreReport> {
  const target = openTarget(spec, { connections: 1 });
  await target.open({
    layout: world.layout,
    naming: world.naming,
    runClock: () => performance.now(),
    unixNow: Date.now,
    compliance: null,
  });
  try {
    const report = await provisionOne(target, world, request, stores, listener);
    const info = await target.serverInfo();
    let census: StoreCensus | null = null;
    if (request.census === true && stores.includes('mgc') && report !== null) {
      listener({ kind: 'census', description: target.description });
      census = await target.census(world);
    }
    return { description: target.description, kind: target.kind, stores, report, info, census };
  } finally {
    await target.close();
  }
}

/**
 * Makes every database of the request hold `world`'s stores, one after the other; one report
 * per database, the chat store's first.
 */
export async function provisionStores(
  world: World,
  request: StoresRequest,
  listener: (event: ProvisionEvent) => void,
): Promise<[StoreReport, ...StoreReport[]]> {
  const [chat, ...others] = storeJobs(request);
  const reports: [StoreReport, ...StoreReport[]] = [
    await provisionDatabase(world, request, chat, listener),
  ];
  for (const job of others) {
    request.signal?.throwIfAborted();
    reports.push(await provisionDatabase(world, request, job, listener));
  }
  return reports;
}
