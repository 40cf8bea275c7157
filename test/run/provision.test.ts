/**
 * The one provisioning orchestrator that `chatload provision` and a run's first use share: which
 * stores go into which database, a report per database, and a store holding another world —
 * refused with its own code, or provisioned again for a run's own default store. On real SQLite
 * files and the small world.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ChatloadError, ExitCode } from '../../src/core/errors.js';
import type { RunEvent } from '../../src/run/events.js';
import { provisionStores, storeJobs, type StoresRequest } from '../../src/run/provision.js';
import { parseTargetUrl } from '../../src/targets/url.js';
import { smallModel, smallWorld } from '../targets/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'chatload-provision-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function request(file: string, extra: Partial<StoresRequest> = {}): StoresRequest {
  return {
    model: smallModel(),
    target: parseTargetUrl(`sqlite:${join(dir, file)}`),
    complianceTarget: null,
    compliance: true,
    historyDays: 0,
    force: false,
    replaceOtherWorld: false,
    ...extra,
  };
}

function recorder(): { events: RunEvent[]; listener: (event: RunEvent) => void } {
  const events: RunEvent[] = [];
  return { events, listener: (event) => events.push(event) };
}

describe('provisioning orchestrator', () => {
  it('puts mgc and mgccomp where they belong: together, apart, or mgc alone', () => {
    const stores = (extra: Partial<StoresRequest>) =>
      storeJobs(request('a.db', extra)).map((job) => job.stores.join('+'));
    assert.deepEqual(stores({}), ['mgc+mgccomp']);
    assert.deepEqual(stores({ compliance: false }), ['mgc']);
    const elsewhere = parseTargetUrl(`sqlite:${join(dir, 'b.db')}`);
    assert.deepEqual(stores({ complianceTarget: elsewhere }), ['mgc', 'mgccomp']);
    assert.deepEqual(stores({ complianceTarget: elsewhere, compliance: false }), ['mgc']);
    const same = parseTargetUrl(`sqlite:${join(dir, 'a.db')}`);
    assert.deepEqual(stores({ complianceTarget: same }), ['mgc+mgccomp']);
  });

  it('provisions each database once, reports per database, and keeps a store of the same world', async () => {
    const world = smallWorld();
    const job = request('fresh.db', {
      complianceTarget: parseTargetUrl(`sqlite:${join(dir, 'fresh-comp.db')}`),
    });
    const first = recorder();
    const reports = await provisionStores(world, job, first.listener);
    assert.deepEqual(
      reports.map((r) => [r.stores.join('+'), r.report?.status, r.info.product]),
      [
        ['mgc', 'created', 'SQLite'],
        ['mgccomp', 'created', 'SQLite'],
      ],
    );
    assert.match(reports[0].description, /fresh\.db/);
    assert.ok((reports[0].report?.tables['tblPrincipal'] ?? 0) > 0);
    assert.deepEqual(
      first.events.filter((e) => e.kind !== 'provision-progress').map((e) => e.kind),
      ['store', 'provisioned', 'store', 'provisioned'],
    );
    assert.ok(first.events.some((e) => e.kind === 'provision-progress' && e.store === 'mgc'));
    const again = await provisionStores(world, job, () => undefined);
    assert.deepEqual(
      again.map((r) => r.report?.status),
      ['already-provisioned', 'already-provisioned'],
    );
  });

  it('refuses a store of another world with E_OTHER_WORLD (exit 2) and the --force hint', async () => {
    await provisionStores(smallWorld(11), request('other.db'), () => undefined);
    await assert.rejects(
      provisionStores(smallWorld(12), request('other.db'), () => undefined),
      (error: unknown) => {
        assert.ok(error instanceof ChatloadError);
        assert.equal(error.code, 'E_OTHER_WORLD');
        assert.equal(error.exitCode, ExitCode.invalidInput);
        assert.match(error.message, /seed 11 → 12/);
        assert.match(error.hint ?? '', /--force/);
        return true;
      },
    );
  });

  it("provisions a run's own default store again when it holds another world", async () => {
    await provisionStores(smallWorld(11), request('default.db'), () => undefined);
    const { events, listener } = recorder();
    const [chat] = await provisionStores(
      smallWorld(12),
      request('default.db', { replaceOtherWorld: true }),
      listener,
    );
    assert.equal(chat.report?.status, 'created');
    assert.equal(chat.report?.fingerprint, smallWorld(12).fingerprint);
    assert.ok(
      events.some((e) => e.kind === 'store' && /holds another scenario's world/.test(e.message)),
    );
  });

  it('provisions nothing on null:, and still says what the target is', async () => {
    const { events, listener } = recorder();
    const reports = await provisionStores(
      smallWorld(),
      request('unused.db', { target: parseTargetUrl('null:') }),
      listener,
    );
    assert.deepEqual(
      reports.map((r) => [r.kind, r.report]),
      [['null', null]],
    );
    assert.deepEqual(events, []);
  });
});
