import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lync2013 } from '../../src/model/lync2013.js';
import { actionRates } from '../../src/model/rates.js';
import { expectedTxPerS, modelStreams } from '../../src/workload/mix.js';

describe('model mix', () => {
  it('has one stream per action of the documented mix at actionRates()', () => {
    const rates = actionRates(lync2013);
    const streams = modelStreams(lync2013);
    const rate = (action: string, roomClass: string | null = null) =>
      streams.find((s) => s.action === action && s.roomClass === roomClass)?.ratePerS;
    assert.equal(rate('post', 'small'), 22.22);
    assert.equal(rate('post', 'medium'), 1.67);
    assert.equal(rate('post', 'large'), 0.15);
    assert.equal(rate('signin'), 10);
    assert.equal(rate('signout'), 10);
    assert.equal(rate('join'), rates.browseJoin);
    assert.equal(rate('part'), rates.part);
    assert.equal(rate('history'), rates.history);
    assert.equal(rate('search'), rates.search);
    assert.equal(rate('refresh'), rates.refresh);
    assert.equal(streams.length, 10);
  });

  it('leaves out zero-rate streams', () => {
    const quiet = {
      ...lync2013,
      assumptions: { ...lync2013.assumptions, historyPagesPerUserPerHour: 0 },
    };
    assert.ok(modelStreams(quiet).every((s) => s.action !== 'history'));
  });

  it('expects 22 transactions per sign-in split signin 4 / join 17 / invites 1, and 2 per browse join', () => {
    const tx = expectedTxPerS(lync2013);
    const rates = actionRates(lync2013);
    assert.equal(tx.signin, 40);
    assert.equal(tx.invites, 10);
    assert.ok(Math.abs(tx.join - (10 * 17 + 2 * rates.browseJoin)) < 1e-9);
    assert.ok(Math.abs(tx.post - 24.04) < 1e-9);
    assert.equal(tx.compliance, 0);
  });
});
