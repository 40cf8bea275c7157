import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { resolveBaseline } from '../../src/baselines/resolve.js';
import {
  baselineNames,
  baselinesDir,
  listBaselines,
  loadBaseline,
  saveBaseline,
  validateBaselineName,
} from '../../src/baselines/store.js';
import { InputError } from '../../src/core/errors.js';
import { readResults } from '../../src/metrics/results-file.js';
import type { ResultsFile } from '../../src/metrics/results.js';
import { FIXTURES } from '../report/results-fixtures.js';

describe('user baselines', () => {
  let dir: string;
  let results: ResultsFile;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chatload-baselines-'));
    results = await readResults(`${FIXTURES}compare-baseline.json`);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('resolves the directory: flag, then CHATLOAD_BASELINES_DIR, then ~/.chatload/baselines', () => {
    assert.equal(baselinesDir('x/y', { CHATLOAD_BASELINES_DIR: '/env' }), resolve('x/y'));
    assert.equal(baselinesDir(undefined, { CHATLOAD_BASELINES_DIR: '/env' }), '/env');
    assert.equal(baselinesDir(undefined, {}), join(homedir(), '.chatload', 'baselines'));
  });

  it('accepts plain names and refuses paths, hidden files and .json', () => {
    for (const name of ['nightly', 'sql2012-r2_12core', 'v1.2'])
      assert.equal(validateBaselineName(name), name);
    for (const name of ['', '../etc', 'a/b', '.hidden', 'x.json', 'a..b', 'a b', 'x'.repeat(65)]) {
      assert.throws(() => validateBaselineName(name), InputError, name);
    }
  });

  it('saves scenario, target and the full results, and reads them back', async () => {
    const path = await saveBaseline(dir, 'nightly', results, 'reports/run.json', {
      now: new Date('2025-01-07T00:00:00Z'),
    });
    assert.equal(path, join(dir, 'nightly.json'));
    const loaded = await loadBaseline(dir, 'nightly');
    assert.deepEqual(loaded.results, results);
    assert.equal(loaded.savedAt, '2025-01-07T00:00:00.000Z');
    assert.equal(loaded.source, resolve('reports/run.json'));
    assert.deepEqual(loaded.scenario, {
      name: 'lync2013-steady',
      seed: 11,
      scale: 0.5,
      model: 'lync2013',
      users: 80_000,
    });
    assert.equal(loaded.target.product, results.target.product);
    assert.equal(loaded.target.cpus, results.target.cpus);
    assert.deepEqual(await readdir(dir), ['nightly.json']);
  });

  it('refuses to replace a baseline unless forced', async () => {
    await saveBaseline(dir, 'keep', results, 'a.json');
    await assert.rejects(saveBaseline(dir, 'keep', results, 'b.json'), /already exists/);
    await saveBaseline(dir, 'keep', results, 'b.json', { force: true });
    assert.equal((await loadBaseline(dir, 'keep')).source, resolve('b.json'));
  });

  it('lists baselines, a damaged one with its problem, and names the known ones when missing', async () => {
    await writeFile(
      join(dir, 'damaged.json'),
      '{"schema":"chatload/baseline@1","name":"damaged","savedAt":"x","results":{}}',
    );
    const listing = await listBaselines(dir);
    assert.deepEqual(
      listing.map((l) => l.name),
      await baselineNames(dir),
    );
    assert.match(
      listing.find((l) => l.name === 'damaged')?.problem ?? '',
      /not a chatload results file/,
    );
    assert.ok(listing.find((l) => l.name === 'nightly')?.baseline);
    await assert.rejects(loadBaseline(dir, 'nope'), (error: unknown) => {
      assert.ok(error instanceof InputError);
      assert.match(error.message, /no baseline of this name .*known: damaged, keep, nightly/);
      return true;
    });
    assert.deepEqual(await baselineNames(join(dir, 'does-not-exist')), []);
  });

  it('refuses a damaged saved baseline naming the file and the field', async () => {
    const saved = JSON.parse(
      await readFile(await saveBaseline(dir, 'edited', results, 'run.json'), 'utf8'),
    ) as Record<string, unknown>;
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['no-name', { ...saved, name: undefined }, /missing required field "name"$/],
      [
        'bad-date',
        { ...saved, savedAt: 'last tuesday' },
        /field "savedAt" must be an ISO date and time \(found "last tuesday"\)$/,
      ],
      [
        'bad-target',
        { ...saved, target: { ...(saved['target'] as object), cpus: 'many' } },
        /field "target\.cpus" must be a number or null \(found "many"\)$/,
      ],
    ];
    for (const [name, content, problem] of cases) {
      const path = join(dir, `${name}.json`);
      await writeFile(path, JSON.stringify(content));
      await assert.rejects(loadBaseline(dir, name), (error: unknown) => {
        assert.ok(error instanceof InputError, `${name}: ${String(error)}`);
        assert.ok(error.message.startsWith(`${path}: is not a valid baseline: `), error.message);
        assert.match(error.message, problem);
        return true;
      });
      await rm(path);
    }
    await rm(join(dir, 'edited.json'));
  });

  it('resolves --baseline as a file, a class, or a saved name, and explains anything else', async () => {
    const fromFile = await resolveBaseline(`${FIXTURES}compare-noise.json`, { dir });
    assert.equal(fromFile.kind, 'measured');
    assert.equal(fromFile.kind === 'measured' ? fromFile.label : '', 'compare-noise.json');
    const cls = await resolveBaseline('lync2013-standard-edition', { dir });
    assert.equal(cls.kind === 'class' ? cls.baselineClass.name : '', 'lync2013-standard-edition');
    const saved = await resolveBaseline('nightly', { dir });
    assert.equal(saved.kind === 'measured' ? saved.label : '', 'baseline nightly');
    const savedFile = await resolveBaseline(join(dir, 'nightly.json'), { dir });
    assert.equal(savedFile.kind === 'measured' ? savedFile.label : '', 'baseline nightly');
    await assert.rejects(resolveBaseline('unknown-thing', { dir }), (error: unknown) => {
      assert.ok(error instanceof InputError);
      assert.match(
        error.message,
        /^--baseline: "unknown-thing" is neither a file, a hardware class \(lync2013-backend, lync2013-standard-edition\) nor a saved baseline/,
      );
      return true;
    });
  });
});
