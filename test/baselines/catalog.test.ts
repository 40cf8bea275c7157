import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CATALOG_DIR,
  findClass,
  listClasses,
  parseBaselineClass,
} from '../../src/baselines/catalog.js';
import { compareWithEnvelope, deriveEnvelope } from '../../src/baselines/envelope.js';
import { InputError } from '../../src/core/errors.js';
import { readResults } from '../../src/metrics/results-file.js';
import { FIXTURES } from '../report/results-fixtures.js';

describe('the baseline catalog', () => {
  it('holds the back-end class and the Standard Edition class, every figure labelled with a source', () => {
    const classes = listClasses();
    assert.deepEqual(
      classes.map((c) => c.name),
      ['lync2013-backend', 'lync2013-standard-edition'],
    );
    for (const cls of classes) {
      for (const [name, figure] of Object.entries(cls.figures)) {
        assert.ok(
          ['documented', 'derived', 'assumption'].includes(figure.kind),
          `${cls.name}.${name}`,
        );
        assert.ok(figure.source.length > 10, `${cls.name}.${name} names its source`);
        if (figure.kind === 'derived')
          assert.ok(figure.formula, `${cls.name}.${name} shows its arithmetic`);
      }
    }
  });

  it('records the documented back-end hardware (hardware-baselines.md)', () => {
    const backend = findClass('lync2013-backend');
    assert.ok(backend);
    const value = (name: keyof typeof backend.figures): unknown => backend.figures[name]?.value;
    assert.deepEqual(
      [
        value('concurrentUsers'),
        value('cpuCores'),
        value('memoryGb'),
        value('dataDrives'),
        value('driveRpm'),
      ],
      [80_000, 12, 32, 6, 10_000],
    );
    for (const name of [
      'concurrentUsers',
      'cpuCores',
      'memoryGb',
      'dataDrives',
      'driveRpm',
    ] as const) {
      assert.equal(backend.figures[name]?.kind, 'documented', name);
    }
  });

  it('marks what the references do not document about the Standard Edition class', () => {
    const standard = findClass('lync2013-standard-edition');
    assert.ok(standard);
    assert.equal(standard.figures.concurrentUsers?.value, null);
    assert.equal(standard.figures.concurrentUsers?.kind, 'assumption');
    assert.equal(standard.figures.disks?.kind, 'assumption');
    assert.equal(standard.figures.maxDatabaseGb?.value, 10);
    assert.equal(standard.figures.bufferPoolGb?.value, 1);
  });

  it('derives the envelope of the back-end class the reference gives: ~840 reads, ~420 writes, ~300 flushes', () => {
    const envelope = deriveEnvelope(findClass('lync2013-backend') ?? assert.fail());
    assert.equal(envelope.dataReadsPerS, 840);
    assert.equal(envelope.dataWritesPerS, 420);
    assert.ok(Math.abs((envelope.logFlushesPerS ?? 0) - 300) <= 10, `${envelope.logFlushesPerS}`);
    for (const figure of envelope.figures) {
      assert.equal(figure.kind, 'derived');
      assert.match(figure.formula ?? '', /=|≈/);
    }
  });

  it('checks store growth at 24 posts/s: 691,200 messages a day, ~173 million a year, beyond the buffer pool', async () => {
    const results = structuredClone(await readResults(`${FIXTURES}compare-baseline.json`));
    results.scenario.model.requiredTxPerS = { post: 24 };
    const comparison = compareWithEnvelope(
      findClass('lync2013-backend') ?? assert.fail(),
      results,
      80_000,
    );
    const growth = comparison.figures.find((f) => f.label === 'store growth per year');
    assert.match(growth?.formula ?? '', /= 691,200 messages\/day/);
    // 172.8 million rows × 320 B (the model's assumed row size).
    assert.equal(growth?.value, Math.round(((691_200 * 250 * 320) / 1e9) * 10) / 10);
    const pool = comparison.checks.find((c) => c.label === 'a year of history vs the buffer pool');
    assert.ok(pool && pool.utilisation > 1, 'a year of history outgrows the 28 GB buffer pool');
    const log = comparison.checks.find(
      (c) => c.label === 'log commits at the documented requirement',
    );
    assert.equal(log?.needed, 24);
    assert.ok(log && log.utilisation < 0.1);
  });

  it('fills the Standard Edition database limit within weeks at the full model rate', async () => {
    const results = structuredClone(await readResults(`${FIXTURES}compare-baseline.json`));
    results.scenario.model.requiredTxPerS = { post: 24 };
    const comparison = compareWithEnvelope(
      findClass('lync2013-standard-edition') ?? assert.fail(),
      results,
      80_000,
    );
    const limit = comparison.checks.find(
      (c) => c.label === 'a year of history vs the largest database',
    );
    // 10 GB ÷ (691,200 × 320 B a day) ≈ 45 working days.
    assert.match(limit?.formula ?? '', /full after ~45 working days/);
  });

  it('rejects a damaged class file naming the file and the field', () => {
    const file = `${CATALOG_DIR}broken.json`;
    const valid = findClass('lync2013-backend') ?? assert.fail();
    const check = (value: unknown, field: RegExp): void =>
      assert.throws(
        () => parseBaselineClass(file, value),
        (error: unknown) =>
          error instanceof InputError &&
          error.message.startsWith(file) &&
          field.test(error.message),
      );
    check({ ...valid, name: 'broken', schema: 'x' }, /schema/);
    check({ ...valid }, /field "name" must match the file name "broken"/);
    check(
      { ...valid, name: 'broken', figures: { cpus: valid.figures.cpu } },
      /field "figures\.cpus" is not expected here \(expected one of concurrentUsers, cpu, /,
    );
    const noFormula = { ...valid.figures.driveRandomIops, formula: undefined };
    check(
      { ...valid, name: 'broken', figures: { driveRandomIops: noFormula } },
      /field "figures\.driveRandomIops\.formula" is missing: a derived figure must show its arithmetic/,
    );
    check(
      { ...valid, name: 'broken', figures: { cpu: { ...valid.figures.cpu, kind: 'guess' } } },
      /figures\.cpu\.kind/,
    );
  });
});
