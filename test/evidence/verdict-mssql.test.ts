/**
 * The rule table on SQL Server evidence: each fixture's two samples go through the same row
 * readers and delta code as a live sample, and must give the recorded verdict with exactly the
 * figures that fired it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isKnown } from '../../src/evidence/fact.js';
import { mssqlDeltas } from '../../src/evidence/mssql/deltas.js';
import { describeBottleneck, judgeBottleneck } from '../../src/evidence/verdict.js';
import { loadEvidenceFixture, mssqlFixtureNames } from './mssql-fixtures.js';

describe('bottleneck verdicts on recorded SQL Server evidence', () => {
  const names = mssqlFixtureNames();

  it('covers every kind of SQL Server verdict the issue names', () => {
    const kinds = names.map((n) => loadEvidenceFixture(n).expect.kind);
    for (const kind of ['log flush', 'locks', 'CPU', 'data reads', 'unknown', 'no server limit']) {
      assert.ok(kinds.includes(kind), `a fixture for ${kind}`);
    }
  });

  for (const name of names) {
    it(name, () => {
      const fixture = loadEvidenceFixture(name);
      const deltas = mssqlDeltas(fixture.start, fixture.end, fixture.databases);
      const verdict = judgeBottleneck({ server: deltas, generator: null, generatorBound: [] });
      assert.equal(verdict.kind, fixture.expect.kind);
      assert.equal(verdict.verdict, fixture.expect.verdict);
      assert.deepEqual(verdict.evidence, fixture.expect.evidence);
      assert.deepEqual(verdict.also, fixture.expect.also ?? []);
      if (fixture.expect.waits !== undefined) {
        assert.ok(isKnown(deltas.waits));
        const { totalMs, signalMs, benignMs } = deltas.waits.value;
        assert.deepEqual({ totalMs, signalMs, benignMs }, fixture.expect.waits);
      }
    });
  }

  it('reads as one line: verdict, then its figures', () => {
    const fixture = loadEvidenceFixture('log-flush-bound');
    const verdict = judgeBottleneck({
      server: mssqlDeltas(fixture.start, fixture.end, fixture.databases),
      generator: null,
      generatorBound: [],
    });
    assert.equal(
      describeBottleneck(verdict),
      'log flush bound: WRITELOG 64 % of wait time, log write stall 9.8 ms, 400 log flushes/s',
    );
  });

  it('names the generator first when the step was generator-bound, whatever the server shows', () => {
    const fixture = loadEvidenceFixture('lock-contention');
    const verdict = judgeBottleneck({
      server: mssqlDeltas(fixture.start, fixture.end, fixture.databases),
      generator: null,
      generatorBound: ['main event-loop lag p99 120 ms (> 50 ms): arrivals were scheduled late'],
    });
    assert.equal(verdict.kind, 'generator');
    assert.equal(
      describeBottleneck(verdict),
      'the load generator: main event-loop lag p99 120 ms (> 50 ms): arrivals were scheduled late',
    );
  });

  it('says why there is no server evidence for a target without a server', () => {
    const verdict = judgeBottleneck({
      server: { kind: 'none', reason: 'the null: target executes nothing' },
      generator: null,
      generatorBound: [],
    });
    assert.equal(
      verdict.verdict,
      'unknown: no server evidence (the null: target executes nothing)',
    );
  });
});
