import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ExitCode, InputError, TargetErrorKind } from '../../src/core/errors.js';
import { Random } from '../../src/core/random.js';
import { TOOL_VERSION } from '../../src/core/version.js';
import { Aggregate } from '../../src/metrics/aggregate.js';
import { decodeHistogram, summarize } from '../../src/metrics/hdr.js';
import { Recorder } from '../../src/metrics/recorder.js';
import {
  buildResults,
  MERGED_PERCENTILES_NOTE,
  mergeResults,
  readResults,
  redactSecrets,
  writeResults,
  type RunFacts,
} from '../../src/metrics/results-file.js';
import type { ResultsFile } from '../../src/metrics/results.js';
import { compileThreshold } from '../../src/metrics/thresholds.js';
import { batchOf, row, type Row } from './batches.js';
import type { OpName, RoomClass } from '../../src/core/vocabulary.js';

const SCENARIOS = ['morning', 'steady'];
const directory = await mkdtemp(join(tmpdir(), 'chatload-results-'));
after(async () => {
  const { rm } = await import('node:fs/promises');
  await rm(directory, { recursive: true, force: true });
});

const THRESHOLDS = [
  ['tx_duration{op:post}', 'p(95)<30'],
  ['tx_duration{op:post,room_class:large,scenario:steady}', 'p(99)<1000'],
  ['tx_failed', 'rate<0.01'],
  ['txs{method:INVITE}', 'count>0'],
  ['dropped_txs', 'count<10'],
].map(([metric, expr]) =>
  compileThreshold(
    { metric: metric as string, expr: expr as string, abortOnFail: false, delayAbortEvalMs: 0 },
    'test',
    SCENARIOS,
  ),
);

function facts(segment: string | null, seed = 2013): RunFacts {
  return {
    scenario: {
      name: 'smoke',
      file: 'scenarios/smoke.ts',
      description: 'a small run',
      seed,
      scale: 1,
      compliance: true,
      model: {
        name: 'lync2013',
        provisionedUsers: 1000,
        concurrentUsers: 500,
        rooms: 200,
        requiredTxPerS: { post: 3.5 },
      },
    },
    target: {
      kind: 'mssql',
      description: 'mssql://sa:Secr3t!@db.example:1433/mgc',
      product: 'Microsoft SQL Server',
      productVersion: '11.0.7001.0',
      edition: 'Standard Edition',
      cpus: 8,
      memoryMb: 32768,
      unknown: [],
      compliance: null,
    },
    run: {
      startedAt: '2024-05-01T08:00:00.000Z',
      durationS: 20,
      workers: 2,
      segment,
      interrupted: false,
      status: 'completed',
    },
    thresholds: THRESHOLDS,
  };
}

/** 20 seconds of traffic; `keep` selects which batches this instance (segment) runs. */
function record(keep: (batchIndex: number) => boolean): Aggregate {
  const random = new Random(99);
  const workers = [new Recorder(0), new Recorder(1)];
  const aggregate = new Aggregate({ scenarios: SCENARIOS, sources: 2 });
  const kinds: [OpName, RoomClass | null, 'INFO' | 'INVITE'][] = [
    ['signin', null, 'INVITE'],
    ['post', 'small', 'INFO'],
    ['post', 'large', 'INFO'],
    ['history', 'medium', 'INFO'],
  ];
  let index = 0;
  for (let t = 1; t <= 20; t++) {
    for (const [w, worker] of workers.entries()) {
      for (let b = 0; b < 4; b++, index++) {
        const rows: Row[] = Array.from({ length: 25 }, () => {
          const [op, roomClass, method] = kinds[random.int(kinds.length)] as (typeof kinds)[number];
          const failed = random.next() < 0.02;
          return {
            ...row(
              op,
              roomClass,
              (t - 1) * 1000 + random.next() * 900,
              random.exponential(3),
              0.3 + random.exponential(4),
              method,
            ),
            errorKind: failed ? TargetErrorKind.deadlock : TargetErrorKind.none,
            errorMessage: 'Transaction was deadlocked',
          };
        });
        if (!keep(index)) continue;
        const { batch, outcome } = batchOf(rows);
        worker.record(batch, outcome, b % 2);
        if (b === 0 && w === 1) worker.recordDropped(0, 1);
      }
      worker.setComplianceQueueDepth(t % 3);
      aggregate.add(worker.snapshot(t));
    }
  }
  return aggregate;
}

describe('buildResults', () => {
  const results = buildResults(
    record(() => true),
    facts(null),
  );

  it('fills the contract from the aggregate and the run facts', () => {
    assert.equal(results.schema, 'chatload/results@1');
    assert.deepEqual(results.tool, { name: 'chatload', version: TOOL_VERSION });
    const total = Object.values(results.ops).reduce((sum, op) => sum + op.count, 0);
    assert.equal(total, 20 * 2 * 4 * 25);
    const post = results.ops.post;
    assert.ok(post !== undefined);
    assert.equal(post.ratePerS, post.count / 20);
    assert.equal(
      (post.byRoomClass.small?.count ?? 0) + (post.byRoomClass.large?.count ?? 0),
      post.count,
    );
    assert.deepEqual(summarize(decodeHistogram(post.hdr)), post.latencyMs);
    assert.ok(post.latencyMs.p50 >= post.serviceMs.p50);
    assert.equal(results.sip.INVITE, results.ops.signin?.count);
    assert.equal(results.dropped, 20);
    assert.equal(results.timeseries.t.length, 20);
    assert.equal(results.timeseries.complianceQueueDepth[2], 0, 'second 3: both workers at 3 % 3');
    assert.equal(results.errors[0]?.code, 'E_TARGET_DEADLOCK');
    assert.equal(results.breakdown?.dropped['morning'], 20);
  });

  it('evaluates the thresholds on the file’s own data', () => {
    assert.deepEqual(
      results.thresholds.map(({ metric, ok }) => [metric, ok]),
      [
        ['tx_duration{op:post}', true],
        ['tx_duration{op:post,room_class:large,scenario:steady}', true],
        ['tx_failed', false],
        ['txs{method:INVITE}', true],
        ['dropped_txs', false],
      ],
    );
  });

  it('keeps no secret from the target description', () => {
    assert.equal(results.target.description, 'mssql://sa:***@db.example:1433/mgc');
  });
});

describe('writeResults / readResults', () => {
  const results = buildResults(
    record(() => true),
    facts(null),
  );

  it('round-trips through a file, creating directories, leaving no temp file', async () => {
    const path = join(directory, 'nested', 'deeper', 'run.json');
    await writeResults(path, results);
    await writeResults(path, results);
    assert.deepEqual(await readResults(path), results);
    assert.deepEqual(await readdir(join(directory, 'nested', 'deeper')), ['run.json']);
    const text = await readFile(path, 'utf8');
    assert.match(text, /\n {4}"t": \[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20\],\n/);
  });

  const write = async (name: string, content: string): Promise<string> => {
    const path = join(directory, name);
    await writeFile(path, content);
    return path;
  };
  /** The results as loose JSON, changed by `change`. */
  type Loose = { [key: string]: Loose } & Loose[];
  const broken = (change: (file: Loose) => void): string => {
    const copy = structuredClone(results) as unknown as Loose;
    change(copy);
    return JSON.stringify(copy);
  };
  const cases: [string, () => Promise<string>, RegExp][] = [
    [
      'a missing file',
      async () => join(directory, 'absent.json'),
      /: no such file \(expected a results file written by `chatload run --out`\)$/,
    ],
    [
      'a file that is not JSON',
      () => write('text.json', 'p95 was fine\n'),
      /: is not JSON \(.*\)$/,
    ],
    [
      'another JSON document',
      () => write('package.json', '{"name":"chatload","version":"1"}'),
      /: is not a chatload results file \(expected a JSON object with "schema": "chatload\/results@1"\)$/,
    ],
    [
      'a k6 summary',
      () => write('k6.json', '{"schema":"k6/summary@1"}'),
      /: is not a chatload results file .*found schema "k6\/summary@1"/,
    ],
    [
      'an unknown schema version',
      () =>
        write(
          'v2.json',
          broken((f) => (f['schema'] = 'chatload/results@2' as unknown as Loose)),
        ),
      /: has schema version "chatload\/results@2", which chatload .* does not know \(known: chatload\/results@1\)$/,
    ],
    [
      'a missing field',
      () =>
        write(
          'nodur.json',
          broken((f) => delete f['run']?.['durationS']),
        ),
      /: is not a valid results file: missing required field "run\.durationS"$/,
    ],
    [
      'a nested missing field',
      () =>
        write(
          'nop95.json',
          broken((f) => delete f['ops']?.['post']?.['latencyMs']?.['p95']),
        ),
      /missing required field "ops\.post\.latencyMs\.p95"$/,
    ],
    [
      'a field of the wrong type',
      () =>
        write(
          'type.json',
          broken((f) => (f['dropped'] = '3' as unknown as Loose)),
        ),
      /field "dropped" must be a number \(found string\)$/,
    ],
    [
      'a damaged histogram',
      () =>
        write(
          'hdr.json',
          broken((f) => ((f['ops']?.['post'] as Loose)['hdr'] = 'AAAA' as unknown as Loose)),
        ),
      /field "ops\.post\.hdr" is not an encoded HDR histogram: /,
    ],
    [
      'a series not aligned with t',
      () =>
        write(
          'align.json',
          broken((f) => f['timeseries']?.['dropped']?.pop()),
        ),
      /field "timeseries\.dropped" has 19 entries but timeseries\.t has 20$/,
    ],
  ];
  for (const [what, make, problem] of cases) {
    it(`rejects ${what}, naming the file and the problem (exit 2)`, async () => {
      const path = await make();
      await assert.rejects(readResults(path), (error: unknown) => {
        assert.ok(error instanceof InputError, String(error));
        assert.equal(error.exitCode, ExitCode.invalidInput);
        assert.ok(error.message.startsWith(`${path}: `), error.message);
        assert.match(error.message, problem);
        return true;
      });
    });
  }
});

describe('mergeResults', () => {
  const whole = buildResults(
    record(() => true),
    facts(null),
  );
  const first = buildResults(
    record((i) => i % 2 === 0),
    facts('0/2'),
  );
  const second = buildResults(
    record((i) => i % 2 === 1),
    facts('1/2'),
  );
  const merged = mergeResults([
    { path: 'seg1.json', results: first },
    { path: 'seg2.json', results: second },
  ]);

  it('equals the totals and percentiles of the run recorded as one', () => {
    for (const op of Object.keys(whole.ops) as OpName[]) {
      const a = whole.ops[op];
      const b = merged.ops[op];
      assert.ok(a !== undefined && b !== undefined);
      assert.deepEqual(
        { ...b, hdr: undefined, serviceHdr: undefined, byRoomClass: summaries(b.byRoomClass) },
        { ...a, hdr: undefined, serviceHdr: undefined, byRoomClass: summaries(a.byRoomClass) },
        op,
      );
    }
    assert.ok((whole.ops.post?.count ?? 0) > 0);
    assert.deepEqual(merged.sip, whole.sip);
    assert.equal(merged.dropped, whole.dropped);
    assert.deepEqual(
      merged.errors.map(({ op, code, count }) => [op, code, count]),
      whole.errors.map(({ op, code, count }) => [op, code, count]),
    );
    assert.deepEqual(merged.timeseries.t, whole.timeseries.t);
    assert.deepEqual(merged.timeseries.ops.post?.count, whole.timeseries.ops.post?.count);
    assert.deepEqual(
      merged.timeseries.complianceQueueDepth,
      whole.timeseries.complianceQueueDepth.map((d) => 2 * d),
    );
    assert.deepEqual(merged.thresholds, whole.thresholds);
    assert.equal(merged.run.workers, 4);
    assert.equal(merged.run.segment, null);
  });

  it('takes the count-weighted mean of the segments’ per-second percentiles, and says so', () => {
    const a = first.timeseries.ops.post;
    const b = second.timeseries.ops.post;
    assert.ok(a !== undefined && b !== undefined);
    const i = 7;
    const expected =
      ((a.count[i] ?? 0) * (a.p95[i] ?? 0) + (b.count[i] ?? 0) * (b.p95[i] ?? 0)) /
      ((a.count[i] ?? 0) + (b.count[i] ?? 0));
    assert.ok(Math.abs((merged.timeseries.ops.post?.p95[i] ?? NaN) - expected) < 1e-9);
    assert.ok(merged.notes?.includes(MERGED_PERCENTILES_NOTE));
  });

  it('refuses a merged file, a whole run and a split with a segment missing', () => {
    const refused = (files: [string, ResultsFile][], message: RegExp) =>
      assert.throws(
        () => mergeResults(files.map(([path, results]) => ({ path, results }))),
        (error: unknown) => error instanceof InputError && message.test(error.message),
      );
    refused([['merged.json', merged]], /^merged\.json: is a merged file, not a segment/);
    const whole = { ...first, run: { ...first.run, segment: null } };
    refused(
      [
        ['seg1.json', first],
        ['whole.json', whole],
      ],
      /^whole\.json: is a whole run, not a segment .*count its transactions twice/,
    );
    refused([['seg1.json', first]], /the run was split into 2 segments, and 1\/2 is missing/);
    refused(
      [['seg1.json', { ...first, run: { ...first.run, segment: '2/2' } }]],
      /^seg1\.json: has run\.segment "2\/2", which is not I\/N with 0 <= I < N/,
    );
  });

  const refusals: [string, ResultsFile, RegExp][] = [
    [
      'another seed',
      buildResults(
        record(() => true),
        facts('1/2', 7),
      ),
      /^seg2\.json: cannot be merged with seg1\.json: different seed \(7 vs 2013\)/,
    ],
    [
      'another scenario',
      { ...second, scenario: { ...second.scenario, name: 'morning-peak' } },
      /different scenario \(morning-peak vs smoke\)/,
    ],
    [
      'another model',
      {
        ...second,
        scenario: { ...second.scenario, model: { ...second.scenario.model, rooms: 33_077 } },
      },
      /different model size \(1000 users \/ 500 concurrent \/ 33077 rooms vs 1000 users \/ 500 concurrent \/ 200 rooms\)/,
    ],
    ['the same segment twice', first, /^seg2\.json: is segment 0\/2, like seg1\.json/],
    [
      'a segment of another split',
      { ...second, run: { ...second.run, segment: '2/3' } },
      /^seg2\.json: is segment 2\/3, but seg1\.json splits the run into 2/,
    ],
  ];
  for (const [what, other, message] of refusals) {
    it(`refuses ${what}, saying what differs`, () => {
      assert.throws(
        () =>
          mergeResults([
            { path: 'seg1.json', results: first },
            { path: 'seg2.json', results: other },
          ]),
        (error: unknown) => error instanceof InputError && message.test(error.message),
      );
    });
  }
});

/** Room-class results without their encoded histograms (compared through their summaries). */
function summaries(byRoomClass: object): unknown {
  return Object.fromEntries(
    Object.entries(byRoomClass).map(([name, entry]) => [
      name,
      { ...(entry as object), hdr: undefined },
    ]),
  );
}

describe('redactSecrets', () => {
  const table: [string, string][] = [
    [
      'Server=db;Database=mgc;User Id=sa;Password=hunter2;',
      'Server=db;Database=mgc;User Id=sa;Password=***;',
    ],
    ['server=db;pwd=hunter2', 'server=db;pwd=***'],
    ['Server=db;Password=two words;Database=mgc', 'Server=db;Password=***;Database=mgc'],
    ['retrying with password: abc123 after timeout', 'retrying with password: *** after timeout'],
    ["Password='a;b c';Database=mgc", "Password='***';Database=mgc"],
    ['mssql://sa:p%40ss@db:1433/mgc?encrypt=true', 'mssql://sa:***@db:1433/mgc?encrypt=true'],
    ['mssql://sa:p@ss@db/mgc', 'mssql://sa:***@db/mgc'],
    ['https://host/x?user=a&password=s3cret&b=1', 'https://host/x?user=a&password=***&b=1'],
    ['{"user":"sa","password":"x\\"y"}', '{"user":"sa","password":"***"}'],
    ['Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.abc', 'Authorization: Bearer ***'],
    ['AccountKey=abc123==;', 'AccountKey=***;'],
    ["Login failed for user 'sa'.", "Login failed for user 'sa'."],
    ["Incorrect syntax near token: 'FROM'", "Incorrect syntax near token: 'FROM'"],
  ];
  for (const [input, expected] of table) {
    it(JSON.stringify(input), () => {
      assert.equal(redactSecrets(input), expected);
      assert.equal(redactSecrets(expected), expected, 'idempotent');
    });
  }
});
