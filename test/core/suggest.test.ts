import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { closestName, didYouMean } from '../../src/core/suggest.js';

const KNOWN = ['duration', 'rate', 'timeUnit', 'preAllocatedVUs', 'maxVUs'];

describe('closestName', () => {
  it('finds the known name a typo or a case slip came from', () => {
    assert.equal(closestName('duraton', KNOWN), 'duration');
    assert.equal(closestName('timeunit', KNOWN), 'timeUnit');
    assert.equal(closestName('MAXVUS', KNOWN), 'maxVUs');
    assert.equal(closestName('preAlocatedVU', KNOWN), 'preAllocatedVUs');
  });

  it('suggests nothing beyond two edits, or a third of a longer name', () => {
    assert.equal(closestName('rte', KNOWN), 'rate');
    assert.equal(closestName('xyz', KNOWN), undefined);
    // 12 characters allow 4 edits, and 'preAllocated' is 3 short of 'preAllocatedVUs'.
    assert.equal(closestName('preAllocated', KNOWN), 'preAllocatedVUs');
    assert.equal(closestName('vus', KNOWN), undefined);
    assert.equal(closestName('anything', []), undefined);
  });

  it('takes the first of equally close names', () => {
    assert.equal(closestName('ab', ['xb', 'ax']), 'xb');
    assert.equal(closestName('ab', ['ax', 'xb']), 'ax');
  });
});

describe('didYouMean', () => {
  it('is a hint to append to a message, or nothing', () => {
    assert.equal(didYouMean('rat', KNOWN), " (did you mean 'rate'?)");
    assert.equal(didYouMean('completely-different', KNOWN), '');
  });
});
