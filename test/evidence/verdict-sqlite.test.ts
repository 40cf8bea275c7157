/** The rule table on SQLite evidence: window deltas recorded as data, verdicts with their figures. */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { GeneratorDeltas } from '../../src/evidence/generator.js';
import type { SqliteDeltas } from '../../src/evidence/sqlite/sampler.js';
import { judgeBottleneck } from '../../src/evidence/verdict.js';
import { EVIDENCE_FIXTURES } from './mssql-fixtures.js';

interface SqliteFixture {
  server: SqliteDeltas;
  generator: GeneratorDeltas | null;
  expect: { kind: string; verdict: string; evidence: string[]; also: string[] };
}

describe('bottleneck verdicts on SQLite evidence', () => {
  const names = readdirSync(EVIDENCE_FIXTURES).filter((f) => /^sqlite-.*\.json$/.test(f));

  it('has a fixture for each SQLite rule', () => {
    assert.deepEqual(names.sort(), [
      'sqlite-commit-flush.json',
      'sqlite-quiet.json',
      'sqlite-worker-cpu.json',
      'sqlite-write-lock.json',
    ]);
  });

  for (const name of names) {
    it(name, () => {
      const fixture = JSON.parse(
        readFileSync(`${EVIDENCE_FIXTURES}${name}`, 'utf8'),
      ) as SqliteFixture;
      const verdict = judgeBottleneck({
        server: fixture.server,
        generator: fixture.generator,
        generatorBound: [],
      });
      assert.deepEqual(
        {
          kind: verdict.kind,
          verdict: verdict.verdict,
          evidence: verdict.evidence,
          also: verdict.also,
        },
        fixture.expect,
      );
    });
  }
});
