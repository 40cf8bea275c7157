import assert from 'node:assert/strict';
import { chmod, copyFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FIXTURES } from '../report/results-fixtures.js';
import { chatload, unprivileged } from './spawn-cli.js';

describe('chatload baselines', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chatload-cli-baselines-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('lists the hardware classes, and an empty directory', async () => {
    const { code, stdout } = await chatload(['baselines'], {
      env: { CHATLOAD_BASELINES_DIR: dir },
    });
    assert.equal(code, 0);
    assert.match(stdout, /^Hardware classes/);
    assert.match(stdout, /lync2013-backend\s+Lync Server 2013 back-end class/);
    assert.match(stdout, /lync2013-standard-edition\s+Lync Server 2013 Standard Edition/);
    assert.match(stdout, new RegExp(`Saved baselines in ${dir}:\\n  none`));
  });

  it('saves a run, lists and shows it, in --dir or $CHATLOAD_BASELINES_DIR', async () => {
    const saved = await chatload([
      'baselines',
      'save',
      'sql-2012',
      `${FIXTURES}compare-baseline.json`,
      '--dir',
      dir,
    ]);
    assert.equal(saved.code, 0, saved.stderr);
    assert.match(
      saved.stdout,
      /saved baseline sql-2012 \(lync2013-steady, SQLite 3\.50\.4\) to .*sql-2012\.json/,
    );
    assert.deepEqual(await readdir(dir), ['sql-2012.json']);
    const list = await chatload(['baselines', 'list', '--json'], {
      env: { CHATLOAD_BASELINES_DIR: dir },
    });
    const listing = JSON.parse(list.stdout);
    assert.equal(listing.dir, dir);
    assert.deepEqual(
      listing.saved.map((s: { name: string }) => s.name),
      ['sql-2012'],
    );
    assert.equal(listing.saved[0].scenario.seed, 11);
    const show = await chatload(['baselines', 'show', 'sql-2012', '--dir', dir]);
    assert.equal(show.code, 0, show.stderr);
    assert.match(
      show.stdout,
      /scenario lync2013-steady, seed 11, 0\.5× model lync2013 \(80,000 users\)/,
    );
    assert.match(show.stdout, /target sqlite: SQLite 3\.50\.4, 2 CPUs, memory unknown/);
    assert.match(show.stdout, /\n\s+post\s+[\d,]+\s+[\d.]+\/s/);
    const again = await chatload([
      'baselines',
      'save',
      'sql-2012',
      `${FIXTURES}compare-noise.json`,
      '--dir',
      dir,
    ]);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /already exists/);
    assert.match(again.stderr, /--force/);
  });

  it('shows a hardware class with its derived envelope', async () => {
    const { code, stdout } = await chatload(['baselines', 'show', 'lync2013-backend']);
    assert.equal(code, 0);
    assert.match(stdout, /memory: 32 GB \[documented\]/);
    assert.match(
      stdout,
      /data array random reads: ~840 reads\/s \(6 drives × 140 IOPS = 840 random reads\/s\)/,
    );
  });

  it('refuses bad names, class names and unknown baselines with exit 2', async () => {
    const bad = await chatload([
      'baselines',
      'save',
      '../escape',
      `${FIXTURES}compare-baseline.json`,
      '--dir',
      dir,
    ]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /NAME: "\.\.\/escape" is not a valid baseline name/);
    const cls = await chatload([
      'baselines',
      'save',
      'lync2013-backend',
      `${FIXTURES}compare-baseline.json`,
      '--dir',
      dir,
    ]);
    assert.equal(cls.code, 2);
    assert.match(cls.stderr, /is the name of a hardware class/);
    const unknown = await chatload(['baselines', 'show', 'nope', '--dir', dir]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /nope: no baseline of this name in .* \(known: sql-2012\)/);
    const missing = await chatload([
      'baselines',
      'save',
      'x',
      join(dir, 'missing.json'),
      '--dir',
      dir,
    ]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /missing\.json: no such file/);
  });

  it('has a full --help with examples', async () => {
    const { code, stdout } = await chatload(['baselines', '--help']);
    assert.equal(code, 0);
    assert.match(stdout, /~\/\.chatload\/baselines/);
    assert.match(stdout, /chatload baselines save nightly reports\/run\.json/);
  });
});

describe('a file chatload may not read is reported as such, never as missing', () => {
  let dir: string;
  let locked: string;
  const user = unprivileged === undefined ? {} : { user: unprivileged };
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chatload-cli-permissions-'));
    await chmod(dir, 0o777);
    locked = join(dir, 'locked.json');
    await copyFile(`${FIXTURES}compare-baseline.json`, locked);
    await chmod(locked, 0o000);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('compare: an unreadable baseline file', async () => {
    const current = `${FIXTURES}compare-noise.json`;
    const { code, stderr } = await chatload(['compare', locked, current], user);
    assert.equal(code, 2, stderr);
    assert.match(stderr, /locked\.json: cannot be read \(EACCES: permission denied/);
    assert.doesNotMatch(stderr, /no such file/);
  });

  it('baselines show: an unreadable saved baseline', async () => {
    const { code, stderr } = await chatload(['baselines', 'show', 'locked', '--dir', dir], user);
    assert.equal(code, 2, stderr);
    assert.match(stderr, /locked\.json: cannot be read \(EACCES: permission denied/);
    assert.doesNotMatch(stderr, /no baseline of this name/);
  });

  it('baselines save: never replaces an unreadable baseline without --force', async () => {
    const { code, stderr } = await chatload(
      ['baselines', 'save', 'locked', `${FIXTURES}compare-noise.json`, '--dir', dir],
      user,
    );
    assert.equal(code, 2, stderr);
    assert.match(stderr, /already exists/);
  });
});
