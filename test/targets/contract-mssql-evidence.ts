/**
 * The evidence sampler against a real SQL Server (part of the SQL Server contract suite, run
 * when CHATLOAD_MSSQL_URL is set): each view is read, or reported unknown with a reason (a test
 * login without VIEW SERVER STATE gets reasons, not failures), and the deltas over a burst of
 * chatload posts show the work: batch requests, log writes, the post statement.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isKnown, type Fact } from '../../src/evidence/fact.js';
import { findCounter } from '../../src/evidence/mssql/counters.js';
import { mssqlDeltas } from '../../src/evidence/mssql/deltas.js';
import { group } from '../../src/evidence/mssql/files.js';
import { MssqlEvidenceSampler, type MssqlSnapshot } from '../../src/evidence/mssql/sampler.js';
import type { MssqlTargetConfig } from '../../src/targets/mssql/config.js';
import { MssqlTarget } from '../../src/targets/mssql/target.js';
import { csrRow, provisionOptions, smallWorld, testContext, txBatch } from './fixtures.js';

const POSTS = 200;
/** The reasons an unreadable view may give (sampler.ts unreadableReason). */
const REASON = /lacks VIEW SERVER STATE|this server has no|could not be read/;

function readOrExplained(name: string, fact: Fact<unknown>): boolean {
  if (isKnown(fact)) return true;
  assert.match(fact.unknown, REASON, `${name}: ${fact.unknown}`);
  return false;
}

export function mssqlEvidenceContract(config: MssqlTargetConfig | null, skipReason: string): void {
  if (config === null) {
    describe('SQL Server evidence sampler', () => {
      it(`SKIPPED: ${skipReason}`, { skip: skipReason }, () => undefined);
    });
    return;
  }
  describe('SQL Server evidence sampler', () => {
    const world = smallWorld(21);
    const target = new MssqlTarget(config, { connections: 4 });
    const sampler = new MssqlEvidenceSampler(config, { databases: [config.database] });
    let start: MssqlSnapshot;
    let end: MssqlSnapshot;

    before(async () => {
      await target.open(testContext(world, null));
      await target.provision(world, provisionOptions({ force: true }));
      start = await sampler.sample();
      const room = csrRow(world.userRooms, 3)[0] as number;
      const posts = Array.from({ length: POSTS }, (_, k) => ({
        op: 'post' as const,
        command: 'grpchat' as const,
        user: 3,
        room,
        arg0: k,
      }));
      const outcome = await target.execute(txBatch(posts));
      assert.ok(
        outcome.errorKind.every((k) => k === 0),
        JSON.stringify(outcome.errorSamples),
      );
      end = await sampler.sample();
    });
    after(async () => {
      await sampler.close();
      await target.close();
    });

    it('reads wait stats, file stats, counters and statements, or says why not', () => {
      for (const snapshot of [start, end]) {
        readOrExplained('wait statistics', snapshot.waits);
        readOrExplained('performance counters', snapshot.counters);
        readOrExplained('statement statistics', snapshot.statements);
        for (const { database, rows } of snapshot.files)
          readOrExplained(`files of ${database}`, rows);
      }
    });

    it('shows the burst of posts in the deltas', (t) => {
      const d = mssqlDeltas(start, end, [config.database]);
      if (readOrExplained('counters delta', d.counters) && isKnown(d.counters)) {
        const batches = findCounter(d.counters.value, 'SQL Statistics', 'Batch Requests/sec');
        assert.ok(batches !== undefined && isKnown(batches.value), 'Batch Requests/sec sampled');
        assert.ok(batches.value.value > 0, `Batch Requests/sec ${batches.value.value}`);
      }
      const files = d.files[0]?.deltas;
      if (files !== undefined && readOrExplained('file deltas', files) && isKnown(files)) {
        const log = group(files.value, 'log') ?? group(files.value, 'unknown');
        assert.ok(log !== undefined && log.writes > 0, 'the posts wrote to the log');
      }
      if (readOrExplained('statement deltas', d.statements) && isKnown(d.statements)) {
        const post = d.statements.value.top.find((s) => s.statement === 'grpchat');
        assert.ok(post !== undefined, 'the post statement is among the top statements');
        assert.deepEqual(post.ops, ['post']);
        assert.ok(post.executions >= POSTS, `${post.executions} executions`);
      }
      readOrExplained('wait deltas', d.waits);
      t.diagnostic(JSON.stringify({ waits: d.waits, notes: d.notes }).slice(0, 2000));
    });
  });
}
