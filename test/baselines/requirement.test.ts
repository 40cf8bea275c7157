import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { compareWithClass } from '../../src/baselines/compare-class.js';
import { findClass } from '../../src/baselines/catalog.js';
import { complianceCondition } from '../../src/baselines/compliance-condition.js';
import {
  compareWithRequirement,
  meetsRequirement,
  sustainIssues,
} from '../../src/baselines/requirement.js';
import { readResults } from '../../src/metrics/results-file.js';
import type { ResultsFile } from '../../src/metrics/results.js';
import { PLAIN, renderRunSummary } from '../../src/report/run-summary.js';
import { FIXTURES } from '../report/results-fixtures.js';

describe('the documented requirement', () => {
  let run: ResultsFile;
  before(async () => {
    run = await readResults(`${FIXTURES}compare-baseline.json`);
  });

  it('computes headroom as measured successful rate ÷ required rate, per operation', () => {
    const comparison = compareWithRequirement(run);
    assert.equal(comparison.users, 80_000);
    const post = comparison.rows.find((r) => r.op === 'post');
    const result = run.ops.post ?? assert.fail();
    const measured = (result.count - result.failed) / run.run.durationS;
    assert.equal(post?.measuredPerS, measured);
    assert.equal(post?.requiredPerS, run.scenario.model.requiredTxPerS.post);
    assert.equal(post?.headroom, measured / (run.scenario.model.requiredTxPerS.post ?? NaN));
    assert.equal(post?.kind, 'documented');
    assert.equal(comparison.rows.find((r) => r.op === 'history')?.kind, 'assumption');
    // The fixture ran at half the model's rates: about 0.5× headroom, requirement not shown.
    for (const row of comparison.rows) {
      assert.ok(Math.abs(row.headroom - 0.5) < 0.1, `${row.op}: ${row.headroom}`);
      assert.equal(row.meets, false);
    }
  });

  it('scales the requirement to another user count', () => {
    const comparison = compareWithRequirement(run, 20_000);
    const signin = comparison.rows.find((r) => r.op === 'signin');
    assert.equal(signin?.requiredPerS, (run.scenario.model.requiredTxPerS.signin ?? NaN) / 4);
    assert.ok(
      comparison.rows.every((r) => r.meets),
      'half the 80,000-user rates carry a 20,000-user load',
    );
  });

  it('allows the Poisson noise of arrivals, and no more', () => {
    // 10/s for 600 s: 6,000 expected, √6,000 ≈ 77; three of those may be missing.
    assert.equal(meetsRequirement(5_770 / 600, 10, 600), true);
    assert.equal(meetsRequirement(5_760 / 600, 10, 600), false);
    assert.equal(meetsRequirement(10, 10, 600), true);
  });

  it('says why a run may not be sustainable', () => {
    assert.deepEqual(sustainIssues(run), []);
    const troubled = structuredClone(run);
    troubled.dropped = 1_234;
    troubled.run.status = 'aborted';
    troubled.thresholds = [
      { metric: 'tx_duration{op:post}', expr: 'p(95)<1', value: 9, ok: false, abortOnFail: true },
    ];
    const reasons = sustainIssues(troubled);
    assert.equal(reasons.length, 3);
    assert.match(reasons.join('\n'), /status: aborted/);
    assert.match(reasons.join('\n'), /1,234 transactions were dropped/);
    assert.match(reasons.join('\n'), /tx_duration\{op:post\} p\(95\)<1/);
    assert.equal(compareWithRequirement(troubled).sustained, false);
  });

  it('compares a run with a class: the scenario user count, the hardware figures, the checks', () => {
    const comparison = compareWithClass(findClass('lync2013-backend') ?? assert.fail(), run);
    assert.equal(comparison.requirement.users, run.scenario.model.concurrentUsers);
    assert.ok(comparison.hardware.some((f) => f.label === 'memory' && f.value === 32));
    assert.ok(comparison.envelope.checks.length >= 3);
    assert.ok(
      comparison.envelope.checks.every((c) => c.kind === 'derived' && c.formula.length > 0),
    );
  });

  it('holds the back-end requirement to compliance on, wherever mgccomp is', () => {
    const backend = findClass('lync2013-backend') ?? assert.fail();
    assert.equal(backend.requiresCompliance, true);
    assert.equal(run.scenario.compliance, false);
    const off = compareWithClass(backend, run).compliance;
    assert.equal(off?.enabled, false);
    assert.match(off?.statement ?? '', /compliance off.*--compliance-target/);
    const on = structuredClone(run);
    on.scenario.compliance = true;
    assert.equal(compareWithClass(backend, on).compliance?.where, 'same database');
    on.target.compliance = {
      kind: 'mssql',
      description: 'mssql://load@sql02:1433/mgccomp',
      product: 'SQL Server',
      productVersion: '11.0.7001.0',
    };
    const separate = compareWithClass(backend, on).compliance;
    assert.equal(separate?.where, 'separate database');
    assert.match(separate?.statement ?? '', /its own database, mssql:\/\/load@sql02:1433\/mgccomp/);
    const standard = findClass('lync2013-standard-edition') ?? assert.fail();
    assert.equal(compareWithClass(standard, run).compliance, null, 'no condition documented');
  });
});

describe('the run summary', () => {
  it('says whether compliance was on, and flags a run compared with a compliance requirement without it', async () => {
    const run = await readResults(`${FIXTURES}compare-baseline.json`);
    const backend = findClass('lync2013-backend') ?? assert.fail();
    const off = renderRunSummary(run, PLAIN, complianceCondition(backend, run));
    assert.match(off, /^compliance off$/m);
    assert.match(off, /^This run had compliance off, but this requirement is for the model with/m);
    const on = structuredClone(run);
    on.scenario.compliance = true;
    const text = renderRunSummary(on, PLAIN, complianceCondition(backend, on));
    assert.match(text, /^compliance on \(mgccomp in the same database as mgc\)$/m);
    assert.match(text, /^Compliance was on, as this requirement needs/m);
    assert.doesNotMatch(renderRunSummary(on), /requirement/, 'no class, no condition');
  });
});
