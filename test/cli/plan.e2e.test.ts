import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chatload } from './spawn-cli.js';

describe('chatload plan', () => {
  it('--json prints one JSON document with the published totals', async () => {
    const { code, stdout, stderr } = await chatload(['plan', '--json']);
    assert.equal(code, 0, stderr);
    assert.equal(stderr, '');
    const plan = JSON.parse(stdout);
    assert.equal(plan.schema, 'chatload/plan@1');
    assert.equal(plan.published, true);
    assert.equal(Math.round(plan.capacity.rooms.all.total), 33_077);
    assert.equal(Math.round(plan.capacity.access.accessControlEntries.total), 732_860);
    assert.equal(Math.round(plan.capacity.invitations.invitations.total), 1_160_000);
    assert.equal(Math.round(plan.capacity.activity.pollingPerS), 15_000);
    const rows = plan.tables.flatMap((t: { rows: unknown[] }) => t.rows);
    const check = rows.find((r: { id: string }) => r.id === 'access.acePublishedCheck');
    assert.equal(check.computed.total, 731_088);
    assert.ok(plan.inconsistencies.some((i: { id: string }) => i.id === 'auditorium-rooms'));
  });

  it('prints aligned tables with computed vs published, ≠ marks and footnotes', async () => {
    const { code, stdout, stderr } = await chatload(['plan']);
    assert.equal(code, 0, stderr);
    assert.equal(stderr, '');
    const lines = stdout.split('\n');
    const ace = lines.findIndex((l) => l.includes('access control entries (sum of the entities)'));
    assert.ok(ace > 0);
    assert.match(lines[ace] as string, /706,080\s+26,640\s+140\s+732,860\s+derived\s+\[1\]\[2\]$/);
    assert.match(lines[ace + 1] as string, /published\s+≠ 704,160\s+≠ 26,768\s+≠ 160\s+≠ 731,088$/);
    // Right-aligned: the totals of the two lines end in the same column.
    assert.equal(
      (lines[ace] as string).indexOf('732,860') + '732,860'.length,
      (lines[ace + 1] as string).indexOf('731,088') + '731,088'.length,
    );
    assert.match(
      stdout,
      /rooms \(users × rooms per user ÷ room size\)\s+32,000\s+1,067\s+10\s+33,077/,
    );
    assert.match(stdout, /Inconsistencies in the published tables/);
    assert.match(stdout, /\[3\] medium non-open rooms printed '1\.035' for 1,035/);
  });

  it('recomputes for --users and warns about crossed limits on stderr, exit 0', async () => {
    const { code, stdout, stderr } = await chatload(['plan', '--users', '200000']);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /^chatload plan: lync2013 \(users=200000\)/);
    assert.doesNotMatch(stdout, /^\s+published\s/m);
    assert.doesNotMatch(stdout, /≠/);
    assert.match(
      stderr,
      /warning: 200,000 concurrent users exceed one pool's maximum; the deployment needs 3 pool\(s\)/,
    );
    assert.match(stderr, /warning: 2,900,000 invitations/);
    assert.doesNotMatch(stderr, /access control entries/);
  });

  it('warns about ACEs with --rooms-per-user small=80', async () => {
    const { code, stderr } = await chatload(['plan', '--rooms-per-user', 'small=80', '--json']);
    assert.equal(code, 0);
    assert.match(stderr, /warning: 4,733,980 access control entries exceed/);
  });

  const bad: [string[], RegExp][] = [
    [['--users', 'abc'], /E_INPUT: --users: must be a whole number/],
    [['--rooms-per-user', 'huge=3'], /--rooms-per-user: unknown room class 'huge'/],
    [['--chat-rate', 'small=fast'], /--chat-rate small: must be a number/],
    [['--join-rate', '-1'], /--join-rate: must be a number/],
    [['--model', 'lync2010'], /--model: unknown model 'lync2010' \(known: lync2013\)/],
    [['--users', '500'], /model\.roomClasses\.large\.usersPerRoom: .*\n\s+hint: .*--users 500/],
    [['--userz', '5'], /unknown option '--userz'/],
  ];
  for (const [args, message] of bad) {
    it(`exits 2 for ${args.join(' ')}, naming the problem`, async () => {
      const { code, stdout, stderr } = await chatload(['plan', ...args]);
      assert.equal(code, 2);
      assert.equal(stdout, '');
      assert.match(stderr, message);
    });
  }

  it('--help explains every option with examples', async () => {
    const { code, stdout } = await chatload(['plan', '--help']);
    assert.equal(code, 0);
    for (const option of [
      '--model',
      '--users',
      '--provisioned',
      '--rooms-per-user',
      '--users-per-room',
      '--chat-rate',
      '--join-rate',
      '--json',
      'Examples:',
    ]) {
      assert.ok(stdout.includes(option), option);
    }
  });
});
