/**
 * The contract every target passes: provisioning (created, idempotent, --force, the
 * production-store guard), the SQL of every command against a small seeded store (real values
 * from the world), history paging and chatId sequencing under real concurrency.
 *
 * `makeTarget()` returns a new, unopened target (a new connection) on the SAME store each time,
 * or null when the target is not available — the whole suite is then reported SKIPPED with the
 * reason. Nothing is faked: the store is the real database.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ChatloadError } from '../../src/core/errors.js';
import { CREATOR_USERS } from '../../src/targets/rows/nodes.js';
import { TABLES } from '../../src/targets/schema/tables.js';
import type { ComplianceEvent, ProvisionReport, Target } from '../../src/targets/types.js';
import type { World } from '../../src/workload/types.js';
import { commandContract } from './contract-commands.js';
import { concurrencyContract } from './contract-concurrency.js';
import type { ContractHarness } from './contract-harness.js';
import { historyCounts } from '../../src/targets/rows/history.js';
import {
  affiliationRowCount,
  expectedCensus,
  invitationCount,
  principalCount,
  roleGrantCount,
} from './expectations.js';
import { provisionOptions, smallWorld, testContext, txBatch, type TxSpec } from './fixtures.js';

export interface ContractOptions {
  /**
   * A target URL worker threads open for the concurrent-post test (real concurrency from
   * several connections). Without it, several targets from makeTarget() post concurrently in
   * this thread, which is real concurrency only for asynchronous drivers.
   */
  workerUrl?: string;
  /** A target on another, empty store with one Persistent Chat table chatload did not create. */
  makeForeignStore?: () => Promise<Target>;
}

const SEED = 11;
const OTHER_SEED = 12;

export function runTargetContract(
  name: string,
  makeTarget: () => Target | null,
  skipReason?: string,
  options: ContractOptions = {},
): void {
  const probe = makeTarget();
  if (probe === null) {
    const reason = skipReason ?? 'target not available';
    console.error(`\n*** SKIPPED: target contract "${name}": ${reason} ***\n`);
    // A skipped test (not only a skipped suite) so the run's summary counts it as skipped.
    describe(`target contract: ${name}`, () => {
      it(`SKIPPED: ${reason}`, { skip: reason }, () => undefined);
    });
    return;
  }

  describe(`target contract: ${name}`, () => {
    const world = smallWorld(SEED);
    const events: ComplianceEvent[] = [];
    let target: Target = probe;
    const run = (specs: TxSpec[]) => target.execute(txBatch(specs));
    const harness: ContractHarness = {
      world,
      events,
      target: () => target,
      open: async (w: World = world, sink: ComplianceEvent[] | null = events) => {
        const t = makeTarget();
        assert.ok(t !== null, 'makeTarget() gave a target once, so it must keep giving one');
        await t.open(testContext(w, sink));
        return t;
      },
      run,
      single: async (spec: TxSpec) => {
        const outcome = await run([spec]);
        return { rows: outcome.rows[0] as number, kind: outcome.errorKind[0] as number, outcome };
      },
    };

    /** Every test starts from a store holding `world`; the one that replaces it restores it. */
    let provisioned: ProvisionReport;
    before(async () => {
      await target.open(testContext(world, events));
      provisioned = await target.provision(world, provisionOptions({ force: true }));
    });
    after(async () => {
      await target.close();
      target = probe;
    });

    it('provisions the schema and the world into the store', async () => {
      const report = provisioned;
      assert.equal(report.status, 'created');
      assert.equal(report.fingerprint, world.fingerprint);
      for (const table of TABLES) assert.ok(table.name in report.tables, `${table.name} created`);
      const t = report.tables;
      assert.equal(t['tblPrincipal'], principalCount(world));
      assert.equal(t['tblPrincipalAffiliations'], affiliationRowCount(world));
      assert.equal(t['tblNode'], 1 + world.categories + world.rooms);
      assert.equal(t['tblScopePrincipal'], world.categories);
      assert.equal(
        t['tblPrincipalRole'],
        roleGrantCount(world, Math.min(CREATOR_USERS, world.users)),
      );
      assert.equal(t['tblLastChatId'], world.rooms);
      assert.equal(t['tblLastInviteId'], world.users);
      let invitations = 0;
      for (let u = 0; u < world.users; u++) invitations += invitationCount(world, u);
      assert.equal(t['tblPrincipalInvites'], invitations);
      assert.equal(t['tblRoleType'], 4);
      assert.equal(t['tblPrincipalType'], 8);
      assert.equal(t['tblComplianceState'], 1);
      // 2 working days of 8 h at 0.05 + 0.01 + 0.005 messages/s: exactly 2,880 + 576 + 288.
      assert.equal(t['tblChat'], 3_744);
      assert.deepEqual(await target.inspectStore(), {
        state: 'chatload',
        schemaVersion: 1,
        fingerprint: world.fingerprint,
      });
    });

    it('counts the store with SQL exactly as the world built it (census)', async () => {
      const options = provisionOptions({ force: true });
      const history = historyCounts(world, {
        days: options.historyDays,
        ratesPerS: options.historyRatesPerS,
        workdayHours: options.workdayHours,
        endMs: options.historyEndMs,
      });
      const census = await target.census(world);
      assert.deepEqual(census, expectedCensus(world, history));
      assert.ok((census?.classes.small.directRooms ?? 0) > 0, 'the small world has every kind');
      assert.ok((census?.classes.small.groupRooms ?? 0) > 0);
      assert.ok((census?.classes.small.openRooms ?? 0) > 0);
    });

    it('treats provisioning the same world again as a no-op', async () => {
      const first = await target.inspectStore();
      const report = await target.provision(world, provisionOptions());
      assert.equal(report.status, 'already-provisioned');
      assert.equal(report.tables['tblPrincipal'], principalCount(world));
      assert.deepEqual(await target.inspectStore(), first);
    });

    it('asks for --force before replacing a store provisioned from another world', async () => {
      await assert.rejects(
        target.provision(smallWorld(OTHER_SEED), provisionOptions()),
        (error) => {
          assert.ok(error instanceof ChatloadError);
          assert.equal(error.code, 'E_OTHER_WORLD');
          assert.equal(error.exitCode, 2);
          assert.match(error.message, /seed 11/);
          assert.match(error.message, /seed 12/);
          assert.match(error.hint ?? '', /--force/);
          return true;
        },
      );
      const status = await target.inspectStore();
      assert.equal(status.state === 'chatload' && status.fingerprint, world.fingerprint);
    });

    commandContract(harness);
    concurrencyContract(harness, options.workerUrl);

    it(
      'refuses a store holding Persistent Chat tables chatload did not create',
      { skip: options.makeForeignStore === undefined ? 'no foreign store for this target' : false },
      async () => {
        const foreign = await (options.makeForeignStore as () => Promise<Target>)();
        await foreign.open(testContext(world, null));
        try {
          const status = await foreign.inspectStore();
          assert.equal(status.state, 'foreign');
          assert.match(status.state === 'foreign' ? status.evidence : '', /tbl\w+/);
          for (const force of [false, true]) {
            await assert.rejects(foreign.provision(world, provisionOptions({ force })), (error) => {
              assert.ok(error instanceof ChatloadError);
              assert.equal(error.code, 'E_FOREIGN_STORE');
              assert.match(error.message, /production mgc must never be touched/);
              return true;
            });
          }
          await assert.rejects(
            foreign.execute(txBatch([{ op: 'signin', method: 'INVITE', user: 0 }])),
            (error) => error instanceof ChatloadError && error.code === 'E_FOREIGN_STORE',
          );
        } finally {
          await foreign.close();
        }
      },
    );

    describe('replacing the world', () => {
      after(async () => {
        await target.provision(world, provisionOptions({ force: true }));
      });

      it('with --force drops and recreates only chatload’s store for another world', async () => {
        const other = smallWorld(OTHER_SEED);
        const report = await target.provision(
          other,
          provisionOptions({ force: true, historyDays: 0 }),
        );
        assert.equal(report.status, 'created');
        assert.equal(report.tables['tblChat'], 0);
        assert.equal(report.tables['tblPrincipal'], principalCount(other));
        const status = await target.inspectStore();
        assert.equal(status.state === 'chatload' && status.fingerprint, other.fingerprint);
        const reopened = await harness.open(other, null);
        try {
          const { rows } = await reopened
            .execute(txBatch([{ op: 'history', command: 'bccontext', user: 0, room: 0, arg0: 25 }]))
            .then((o) => ({ rows: o.rows[0] }));
          assert.equal(rows, 0, 'no history survives --force');
        } finally {
          await reopened.close();
        }
      });
    });
  });
}
