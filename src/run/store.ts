/**
 * Before a run: make sure the target holds this scenario's world (provisioning it on first use,
 * with progress, and refusing a foreign store) and read what the server says about itself.
 * Workers open their own connections afterwards.
 */
import type { DeploymentModel } from '../model/types.js';
import type { ServerInfo, TargetKind } from '../targets/types.js';
import { parseTargetUrl } from '../targets/url.js';
import type { World } from '../workload/types.js';
import type { RunListener } from './events.js';
import { provisionStores } from './provision.js';

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

export async function prepareStore(
  world: World,
  model: DeploymentModel,
  request: StoreRequest,
  listener: RunListener,
): Promise<PreparedStore> {
  const [chat, compliance] = await provisionStores(
    world,
    {
      model,
      target: parseTargetUrl(request.target, 'target'),
      complianceTarget:
        request.complianceTarget === null
          ? null
          : parseTargetUrl(request.complianceTarget, 'compliance target'),
      compliance: request.compliance,
      historyDays: request.historyDays,
      force: false,
      replaceOtherWorld: request.replaceOtherWorld,
    },
    listener,
  );
  const facts = ({ kind, description, info }: typeof chat) => ({ kind, description, info });
  return { ...facts(chat), compliance: compliance === undefined ? null : facts(compliance) };
}
