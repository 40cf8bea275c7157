import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { asciiFold, buildCorpus } from '../../src/workload/corpus.js';
import { cutText } from '../../src/workload/corpus-text.js';

const OPTIONS = { storyPct: 1, messageSizeLimit: 512, storySizeLimit: 4096 };
const corpus = buildCorpus(2013, OPTIONS);

describe('corpus', () => {
  it('rebuilds identically from the same seed and differs for another seed', () => {
    assert.deepEqual(buildCorpus(2013, OPTIONS), corpus);
    const other = buildCorpus(2014, OPTIONS);
    assert.notDeepEqual(other.messages, corpus.messages);
    assert.notDeepEqual(other.firstNames, corpus.firstNames);
  });

  it('is plain arrays of strings (cheap to send to a worker)', () => {
    const cloned = structuredClone(corpus);
    assert.deepEqual(cloned, corpus);
    for (const value of Object.values(corpus)) {
      if (Array.isArray(value)) assert.ok(value.every((v) => typeof v === 'string'));
    }
  });

  it('keeps ordinary messages within the message limit and stories within the story limit', () => {
    const stories = corpus.messages.filter((m) => m.startsWith('[STORY]'));
    const ordinary = corpus.messages.filter((m) => !m.startsWith('[STORY]'));
    assert.equal(stories.length, Math.round((corpus.messages.length * OPTIONS.storyPct) / 100));
    assert.ok(ordinary.every((m) => m.length >= 1 && m.length <= OPTIONS.messageSizeLimit));
    assert.ok(
      stories.every(
        (m) => m.length > OPTIONS.messageSizeLimit && m.length <= OPTIONS.storySizeLimit,
      ),
    );
    assert.equal(new Set(corpus.messages).size, corpus.messages.length, 'messages are unique');
  });

  it('has chat-like lengths: median of a few dozen characters, a long tail', () => {
    const lengths = corpus.messages
      .filter((m) => !m.startsWith('[STORY]'))
      .map((m) => m.length)
      .sort((a, b) => a - b);
    const median = lengths[Math.floor(lengths.length / 2)] as number;
    const p90 = lengths[Math.floor(lengths.length * 0.9)] as number;
    assert.ok(median >= 20 && median <= 70, `median ${median}`);
    assert.ok(p90 > 2 * median, `p90 ${p90} vs median ${median}`);
    const short = lengths.filter((n) => n <= 15).length / lengths.length;
    assert.ok(short > 0.05, `short share ${short}`);
  });

  it('mixes languages (Korean and Japanese included) and multi-line CRLF messages', () => {
    const korean = corpus.messages.filter((m) => /[\uac00-\ud7af]/.test(m)).length;
    const japanese = corpus.messages.filter((m) => /[\u3040-\u30ff]/.test(m)).length;
    const german = corpus.messages.filter((m) => /[äöüß]/.test(m)).length;
    const n = corpus.messages.length;
    assert.ok(korean > 0.05 * n && korean < 0.2 * n, `korean ${korean}`);
    assert.ok(japanese > 0.05 * n, `japanese ${japanese}`);
    assert.ok(german > 0, 'german text');
    const multiline = corpus.messages.filter((m) => !m.startsWith('[STORY]') && m.includes('\r\n'));
    assert.ok(multiline.length > 0.02 * n, `multi-line ${multiline.length}`);
    assert.ok(
      corpus.messages.every((m) => !/\r(?!\n)|(?<!\r)\n/.test(m)),
      'line breaks are CRLF only',
    );
  });

  it('gives search terms that occur in messages or in the room-name words', () => {
    const words = new Set([...corpus.roomQualifiers, ...corpus.roomNouns]);
    const text = corpus.messages.join('\n');
    assert.equal(corpus.searchTerms.length, 512);
    for (const term of corpus.searchTerms) assert.ok(words.has(term) || text.includes(term), term);
    assert.ok(
      corpus.searchTerms.some((t) => words.has(t)) && corpus.searchTerms.some((t) => !words.has(t)),
    );
  });

  it('has unique ASCII alias parts that fold the display names', () => {
    assert.equal(new Set(corpus.firstAscii).size, corpus.firstAscii.length);
    assert.equal(new Set(corpus.lastAscii).size, corpus.lastAscii.length);
    assert.ok(corpus.firstAscii.every((a) => /^[a-z]{2,}$/.test(a)));
    corpus.firstNames.forEach((name, i) => assert.equal(asciiFold(name), corpus.firstAscii[i]));
    assert.ok(
      corpus.firstAscii.length * corpus.lastAscii.length > 150_000,
      'enough pairs for the documented population',
    );
    assert.ok(corpus.cjkNames.some((n) => /[\uac00-\ud7af]/.test(n)));
  });
});

describe('asciiFold and cutText', () => {
  it('folds accents and special letters to a-z', () => {
    assert.equal(asciiFold('Müller'), 'muller');
    assert.equal(asciiFold("O'Brien-Straße"), 'obrienstrasse');
    assert.equal(asciiFold('Æsa Øster'), 'aesaoster');
  });

  it('cuts at a word boundary when one is near, else hard, never inside a surrogate pair', () => {
    assert.equal(cutText('hello wonderful world', 17), 'hello wonderful');
    assert.equal(cutText('hello wonderful world', 14), 'hello wonderfu');
    assert.equal(cutText('abcdefghij', 4), 'abcd');
    assert.equal(cutText('ab😀cd', 3), 'ab');
    assert.equal(cutText('short', 10), 'short');
  });
});
