/**
 * Before a run: open the target from the main thread, make sure it holds this scenario's world
 * (provisioning it when empty — with progress — and refusing a foreign store), and read what the
 * server says about itself. Workers open their own connections afterwards.
 */
import { ChatloadError } from '../core/errors.js';
import { actionRates } from '../model/rates.js';
import type { DeploymentModel } from '../model/types.js';
import { openTarget } from '../targets/open.js';
import type {
  ProvisionOptions,
  ServerInfo,
  Target,
  TargetContext,
  TargetKind,
} from '../targets/types.js';
import type { World } from '../workload/types.js';
import type { RunListener } from './events.js';

export interface StoreRequest {
  target: string;
  /** Null: compliance (when on) lives in the chat store's database. */
  complianceTarget: string | null;
  compliance: boolean;
  historyDays: number;
  /**
   * The store is chatload's own default for this scenario: when it holds another world (the
   * scenario changed), re-provision it instead of asking for --force.
   */
  replaceOtherWorld: boolean;
}

export interface PreparedStore {
  kind: TargetKind;
  description: string;
  info: ServerInfo;
  compliance: { kind: TargetKind; description: string; info: ServerInfo } | null;
}

function provisionOptions(
  model: DeploymentModel,
  request: StoreRequest,
  stores: ProvisionOptions['stores'],
  force: boolean,
  store: 'mgc' | 'mgccomp',
  listener: RunListener,
): ProvisionOptions {
  return {
    stores,
    historyDays: stores.mgc ? request.historyDays : 0,
    force,
    historyEndMs: Date.now(),
    historyRatesPerS: actionRates(model).post,
    workdayHours: model.rates.workdayHours,
    progress: (progress) => listener({ kind: 'provision-progress', store, progress }),
  };
}

async function ensureWorld(
  target: Target,
  world: World,
  model: DeploymentModel,
  request: StoreRequest,
  stores: ProvisionOptions['stores'],
  listener: RunListener,
): Promise<void> {
  if (target.kind === 'null') return;
  const store = stores.mgc ? 'mgc' : 'mgccomp';
  const status = await target.inspectStore();
  if (status.state === 'empty') {
    listener({ kind: 'store', message: `${target.description} is empty: provisioning ${store}` });
  }
  let report;
  try {
    report = await target.provision(
      world,
      provisionOptions(model, request, stores, false, store, listener),
    );
  } catch (error) {
    const otherWorld =
      error instanceof ChatloadError && error.code === 'E_INPUT' && status.state === 'chatload';
    if (!otherWorld || !request.replaceOtherWorld) throw error;
    listener({
      kind: 'store',
      message: `${target.description} holds another scenario's world: provisioning it again`,
    });
    report = await target.provision(
      world,
      provisionOptions(model, request, stores, true, store, listener),
    );
  }
  if (report.status === 'created') listener({ kind: 'provisioned', store, report });
}

async function withTarget<T>(
  url: string,
  fn: (target: Target) => Promise<T>,
  context: TargetContext,
) {
  const target = openTarget(url, { poolSize: 1 });
  await target.open(context);
  try {
    return await fn(target);
  } finally {
    await target.close();
  }
}

export async function prepareStore(
  world: World,
  model: DeploymentModel,
  request: StoreRequest,
  listener: RunListener,
): Promise<PreparedStore> {
  const context: TargetContext = {
    layout: world.layout,
    naming: world.naming,
    runClock: () => performance.now(),
    unixNow: Date.now,
    compliance: null,
  };
  const separate = request.compliance && request.complianceTarget !== null;
  const chat = await withTarget(
    request.target,
    async (target) => {
      await ensureWorld(
        target,
        world,
        model,
        request,
        { mgc: true, mgccomp: request.compliance && !separate },
        listener,
      );
      return {
        kind: target.kind,
        description: target.description,
        info: await target.serverInfo(),
      };
    },
    context,
  );
  let compliance: PreparedStore['compliance'] = null;
  if (separate && request.complianceTarget !== null) {
    compliance = await withTarget(
      request.complianceTarget,
      async (target) => {
        await ensureWorld(target, world, model, request, { mgc: false, mgccomp: true }, listener);
        return {
          kind: target.kind,
          description: target.description,
          info: await target.serverInfo(),
        };
      },
      context,
    );
  }
  return { ...chat, compliance };
}
