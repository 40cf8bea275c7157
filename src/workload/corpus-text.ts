/**
 * Sentence sources for the corpus: chat-like text per language from seeded faker instances, and
 * the cut that fits text into a length limit without splitting words or surrogate pairs.
 */
import type { Faker } from '@faker-js/faker';

export type Lang = 'en' | 'de' | 'fr' | 'ja' | 'ko';

/** Returns a sentence of the language, or a short chat line when `short` is set. */
export type SentenceSource = (short?: boolean) => string;

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function wordSentence(f: Faker): string {
  const words = f.word.words({ count: { min: 2, max: 10 } });
  return capitalise(words) + f.helpers.arrayElement(['.', '.', '.', '!', '?', '']);
}

function latinSource(f: Faker, english: boolean): SentenceSource {
  return (short) => {
    if (short) {
      return f.datatype.boolean()
        ? f.word.interjection()
        : f.word.words({ count: { min: 1, max: 2 } });
    }
    if (!english) return wordSentence(f);
    const kind = f.number.int(99);
    if (kind < 35) return f.hacker.phrase();
    if (kind < 50) return f.company.catchPhrase();
    return wordSentence(f);
  };
}

/** Japanese is written without spaces between words; faker's lorem separates them. */
function japaneseSource(f: Faker): SentenceSource {
  return (short) =>
    short ? f.lorem.word() : f.lorem.sentence().replace(/ /g, '').replace(/\.$/, '。');
}

function koreanSource(f: Faker): SentenceSource {
  return (short) => (short ? f.lorem.word() : f.lorem.sentence());
}

export function makeSentenceSources(fakers: Record<Lang, Faker>): Record<Lang, SentenceSource> {
  return {
    en: latinSource(fakers.en, true),
    de: latinSource(fakers.de, false),
    fr: latinSource(fakers.fr, false),
    ja: japaneseSource(fakers.ja),
    ko: koreanSource(fakers.ko),
  };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/**
 * `text` cut to at most `max` UTF-16 units: at the last space when one lies in the second half,
 * else hard (never between a surrogate pair), with trailing whitespace removed.
 */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text.trimEnd();
  let end = text.lastIndexOf(' ', max);
  if (end < max / 2) {
    end = max;
    if (isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
  }
  return text.slice(0, end).trimEnd();
}

/** Sentences of `source` joined until `target` units are reached, then cut to `target`. */
export function fillText(source: SentenceSource, target: number, separator = ' '): string {
  if (target < 12) return cutText(source(true), target);
  let text = source();
  while (text.length < target) text += separator + source();
  return cutText(text, target);
}
