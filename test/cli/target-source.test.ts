/** Where `--target` comes from: the flag, an environment variable, or a file either names. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { chosenTarget } from '../../src/cli/target-source.js';
import { InputError } from '../../src/core/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'chatload-target-source-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const SECRET = 'Server=sql01,1433;Database=mgc;User Id=load;Password=hunter2;';

function refusal(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  assert.fail('expected an InputError');
}

describe('the target a command uses', () => {
  it('is the flag, else the environment variable, else none', () => {
    const env = { CHATLOAD_TARGET: 'null:', CHATLOAD_COMPLIANCE_TARGET: 'sqlite:c.db' };
    assert.deepEqual(chosenTarget('target', 'sqlite:a.db', env), {
      text: 'sqlite:a.db',
      where: '--target',
    });
    assert.deepEqual(chosenTarget('target', undefined, env), {
      text: 'null:',
      where: 'CHATLOAD_TARGET',
    });
    assert.deepEqual(chosenTarget('complianceTarget', undefined, env), {
      text: 'sqlite:c.db',
      where: 'CHATLOAD_COMPLIANCE_TARGET',
    });
    assert.equal(chosenTarget('target', undefined, {}), null);
  });

  it('reads @FILE from a file holding one line, from the flag or the variable', () => {
    const file = join(dir, 'mgc-target');
    writeFileSync(file, `${SECRET}\n`);
    assert.deepEqual(chosenTarget('target', `@${file}`, {}), {
      text: SECRET,
      where: `--target @${file}`,
    });
    assert.deepEqual(chosenTarget('target', undefined, { CHATLOAD_TARGET: `@${file}` }), {
      text: SECRET,
      where: `CHATLOAD_TARGET @${file}`,
    });
  });

  it('refuses a missing or many-line file and an empty variable, never quoting the secret', () => {
    const missing = refusal(() => chosenTarget('target', `@${join(dir, 'nope')}`, {}));
    assert.match(missing.message, /--target @.*nope: cannot be read \(ENOENT\)/);
    const twoLines = join(dir, 'two-lines');
    writeFileSync(twoLines, `${SECRET}\nnull:\n`);
    const many = refusal(() =>
      chosenTarget('target', undefined, { CHATLOAD_TARGET: `@${twoLines}` }),
    );
    assert.match(many.message, /must hold exactly one target on one line \(it holds 2/);
    assert.doesNotMatch(`${many.message}${many.hint ?? ''}`, /hunter2/);
    const empty = refusal(() =>
      chosenTarget('complianceTarget', undefined, { CHATLOAD_COMPLIANCE_TARGET: ' ' }),
    );
    assert.match(empty.message, /^CHATLOAD_COMPLIANCE_TARGET: is set but empty/);
  });
});
