import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '../../src/core/errors.js';
import { uuidFor } from '../../src/core/ids.js';
import type { Corpus } from '../../src/workload/corpus.js';
import { createNaming } from '../../src/workload/naming.js';

/** A tiny corpus: 3 × 2 name pairs, so aliases need numeric suffixes after six users. */
const tiny: Corpus = {
  seed: 7,
  firstNames: ['Anna', 'Björn', 'Chloé'],
  firstAscii: ['anna', 'bjorn', 'chloe'],
  lastNames: ['Lee', 'Müller'],
  lastAscii: ['lee', 'muller'],
  cjkNames: ['김민준'],
  departments: ['Sales', 'Legal'],
  places: ['Seoul', 'Lyon'],
  roomQualifiers: ['red', 'blue'],
  roomNouns: ['team', 'desk', 'ops'],
  topics: ['Q3 plans'],
  messages: ['hello & <welcome>', 'second'],
  searchTerms: ['hello'],
};

describe('naming', () => {
  it('derives unique aliases arithmetically, with suffixes once the name pairs run out', () => {
    const naming = createNaming(7, 'corp.example', tiny);
    const aliases = Array.from({ length: 40 }, (_, u) => naming.userAlias(u));
    assert.equal(new Set(aliases).size, aliases.length);
    assert.ok(
      aliases.slice(0, 6).every((a) => /^[a-z]+\.[a-z]+$/.test(a)),
      'first round has no suffix',
    );
    assert.ok(aliases.slice(6, 12).every((a) => a.endsWith('2')));
    assert.deepEqual(aliases.slice(0, 6).sort(), [
      'anna.lee',
      'anna.muller',
      'bjorn.lee',
      'bjorn.muller',
      'chloe.lee',
      'chloe.muller',
    ]);
  });

  it('maps an alias back to its user and rejects foreign aliases', () => {
    const naming = createNaming(7, 'corp.example', tiny);
    for (let u = 0; u < 40; u++) assert.equal(naming.userOfAlias(naming.userAlias(u)), u);
    assert.equal(naming.userOfAlias('anna.lee1'), -1, 'suffix 1 is never produced');
    assert.equal(naming.userOfAlias('zoe.lee'), -1);
    assert.equal(naming.userOfAlias('Anna.Lee'), -1);
  });

  it('spreads consecutive users over different names, differently per seed', () => {
    const a = createNaming(7, 'corp.example', tiny);
    const b = createNaming(8, 'corp.example', tiny);
    const firstsA = Array.from({ length: 6 }, (_, u) => a.userAlias(u));
    assert.notDeepEqual(
      firstsA,
      Array.from({ length: 6 }, (_, u) => b.userAlias(u)),
    );
  });

  it('builds SIP, room, category and group URIs in the configured domain', () => {
    const naming = createNaming(7, 'Contoso.COM', tiny);
    assert.equal(naming.domain, 'contoso.com');
    assert.match(naming.userUri(3), /^sip:[a-z]+\.[a-z]+@contoso\.com$/);
    assert.equal(naming.roomGuid(5), uuidFor(7, 'room', 5));
    assert.equal(naming.roomUri(5), `ma-chan://contoso.com/${uuidFor(7, 'room', 5)}`);
    assert.match(naming.groupUri('directory', 2), /^ma-grp:\/\/contoso\.com\/[0-9a-f-]{36}$/);
    assert.notEqual(naming.groupUri('directory', 2), naming.groupUri('room', 2));
    assert.notEqual(naming.categoryGuid(1), naming.roomGuid(1));
  });

  it('gives unique room, category and folder names however many there are', () => {
    const naming = createNaming(7, 'corp.example', tiny);
    for (const nameOf of [
      (i: number) => naming.roomName(i),
      (i: number) => naming.categoryName(i),
      (i: number) => naming.folderName(i),
    ]) {
      const names = Array.from({ length: 30 }, (_, i) => nameOf(i));
      assert.equal(new Set(names).size, names.length);
    }
    assert.equal(naming.messageCount, 2);
    assert.equal(naming.message(0), 'hello & <welcome>', 'messages are stored unescaped');
  });

  it('rejects a domain that is not a DNS name, naming the field', () => {
    assert.throws(
      () => createNaming(7, 'not a domain', tiny),
      (e: unknown) =>
        e instanceof InputError && e.where === 'domain' && /not a DNS domain name/.test(e.message),
    );
  });
});
