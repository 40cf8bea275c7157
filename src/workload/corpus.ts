/**
 * The content corpus: every name, room title and message text the simulated organisation uses,
 * drawn once from seeded faker instances. After `buildCorpus` returns nothing calls faker again;
 * names are derived from these tables arithmetically (`naming.ts`) and messages are picked by
 * index. The corpus is plain arrays of strings, so it crosses to worker threads by structured
 * clone, and the same seed and options rebuild it identically (with the same faker version).
 */
import { Faker, base, de, en, fr, ja, ko, type LocaleDefinition } from '@faker-js/faker';
import { Random, combineSeeds, hashString } from '../core/random.js';
import {
  cutText,
  fillText,
  type Lang,
  makeSentenceSources,
  type SentenceSource,
} from './corpus-text.js';

export interface Corpus {
  readonly seed: number;
  /** Given names for display, in the Latin-script locales (en, de, fr), unique by `firstAscii`. */
  readonly firstNames: string[];
  /** `firstNames` folded to lower-case a-z: the alias part; unique. */
  readonly firstAscii: string[];
  readonly lastNames: string[];
  readonly lastAscii: string[];
  /** Korean and Japanese full names, family name first (display only; aliases stay ASCII). */
  readonly cjkNames: string[];
  /** Department and business-area words: categories, folders, group names. */
  readonly departments: string[];
  /** Place names: organisational units. */
  readonly places: string[];
  /** First words of room names (adjectives, departments), unique. */
  readonly roomQualifiers: string[];
  /** Second words of room names (nouns), unique. */
  readonly roomNouns: string[];
  readonly topics: string[];
  /** Chat messages, unique, within the size limits; stories start with `[STORY]`. */
  readonly messages: string[];
  /** Words that occur in messages or room names. */
  readonly searchTerms: string[];
}

export interface CorpusOptions {
  /** Share of messages that are stories, 0-100 (model `assumptions.storyPct`). */
  storyPct: number;
  /** Longest ordinary message in characters (model `limits.messageSizeLimit`). */
  messageSizeLimit: number;
  /** Longest story in characters (model `limits.storySizeLimit`). */
  storySizeLimit: number;
  /** @default 4096 */
  messageCount?: number;
  /** @default 512 */
  searchTermCount?: number;
}

const LOCALES: Record<Lang, LocaleDefinition> = { en, de, fr, ja, ko };
/** Language mix of message text: an international company that works mostly in English. */
const MESSAGE_LANGS: readonly [Lang, number][] = [
  ['en', 0.6],
  ['de', 0.1],
  ['fr', 0.1],
  ['ja', 0.1],
  ['ko', 0.1],
];
/** Ordinary chat lines: log-normal length, median ~40 characters, long tail cut at the limit. */
const MEDIAN_MESSAGE_CHARS = 40;
const MESSAGE_LENGTH_SIGMA = 0.8;
const MULTILINE_SHARE = 0.05;
const STORY_PREFIX = '[STORY]';

function fakerFor(lang: Lang, seed: number): Faker {
  const faker = new Faker({ locale: lang === 'en' ? [en, base] : [LOCALES[lang], en, base] });
  faker.seed(combineSeeds(seed, hashString(`corpus:${lang}`)));
  return faker;
}

/** Folds a Latin-script name to a-z for aliases: `Müller` -> `muller`, `O'Brien` -> `obrien`. */
export function asciiFold(name: string): string {
  return name
    .replace(/ß/g, 'ss')
    .replace(/[æÆ]/g, 'ae')
    .replace(/[œŒ]/g, 'oe')
    .replace(/[øØ]/g, 'o')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

function collectUnique(draw: () => string, attempts: number, key = (s: string) => s): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (let i = 0; i < attempts; i++) {
    const value = draw().trim();
    const k = key(value);
    if (value === '' || k === '' || seen.has(k)) continue;
    seen.add(k);
    out.push(value);
  }
  return out;
}

function latinNames(fakers: Faker[], pick: (f: Faker) => string): [string[], string[]] {
  let turn = 0;
  const display = collectUnique(
    () => pick(fakers[turn++ % fakers.length] as Faker),
    6000,
    asciiFold,
  ).filter((name) => asciiFold(name).length >= 2);
  return [display, display.map(asciiFold)];
}

function chatLine(source: SentenceSource, random: Random, limit: number): string {
  const target = Math.round(
    MEDIAN_MESSAGE_CHARS * Math.exp(MESSAGE_LENGTH_SIGMA * random.normal()),
  );
  const length = Math.max(2, Math.min(limit, target));
  if (length < 24 || !random.chance(MULTILINE_SHARE)) return fillText(source, length);
  const lines = random.intBetween(2, 4);
  const perLine = Math.floor((length - 2 * (lines - 1)) / lines);
  return Array.from({ length: lines }, () => fillText(source, perLine)).join('\r\n');
}

/** A long post: `[STORY]`, a title line, then paragraphs separated by blank lines. */
function story(source: SentenceSource, random: Random, options: Required<CorpusOptions>): string {
  const span = options.storySizeLimit - STORY_PREFIX.length;
  const target = Math.max(
    Math.min(span, options.messageSizeLimit + 1),
    Math.round(span * (0.2 + 0.8 * random.next())),
  );
  const title = cutText(source(), 60);
  let text = title;
  while (text.length < target) text += '\r\n\r\n' + fillText(source, random.intBetween(200, 600));
  return STORY_PREFIX + cutText(text, target);
}

function buildMessages(
  fakers: Record<Lang, Faker>,
  random: Random,
  options: Required<CorpusOptions>,
): string[] {
  const sources = makeSentenceSources(fakers);
  const langWeights = MESSAGE_LANGS.map(([, w]) => w);
  const pickLang = (): Lang => {
    let u = random.next();
    for (let i = 0; i < MESSAGE_LANGS.length; i++) {
      u -= langWeights[i] as number;
      if (u < 0) return (MESSAGE_LANGS[i] as [Lang, number])[0];
    }
    return 'en';
  };
  const stories = Math.round((options.messageCount * options.storyPct) / 100);
  const seen = new Set<string>();
  const messages: string[] = [];
  while (messages.length < options.messageCount) {
    const source = sources[pickLang()];
    const text =
      messages.length < stories
        ? story(source, random, options)
        : chatLine(source, random, options.messageSizeLimit);
    if (text === '' || seen.has(text)) continue;
    seen.add(text);
    messages.push(text);
  }
  // Stories were made first; shuffle so that message indices do not encode the kind.
  return random.shuffle(messages);
}

function wordsOf(texts: readonly string[]): string[] {
  const out = new Set<string>();
  for (const text of texts) {
    for (const word of text.split(/[\s.,!?;:()[\]"'、。，！？]+/)) {
      const cjk = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/.test(word);
      if (word.length >= (cjk ? 2 : 4) && !word.includes('STORY')) out.add(word);
    }
  }
  return [...out];
}

function pickTerms(random: Random, candidates: string[], count: number): string[] {
  return random.shuffle(candidates.slice()).slice(0, count);
}

export function buildCorpus(seed: number, options: CorpusOptions): Corpus {
  const opts: Required<CorpusOptions> = { messageCount: 4096, searchTermCount: 512, ...options };
  const fakers = {
    en: fakerFor('en', seed),
    de: fakerFor('de', seed),
    fr: fakerFor('fr', seed),
    ja: fakerFor('ja', seed),
    ko: fakerFor('ko', seed),
  };
  const random = new Random(seed).fork('corpus');
  const latin = [fakers.en, fakers.de, fakers.fr];
  const [firstNames, firstAscii] = latinNames(latin, (f) => f.person.firstName());
  const [lastNames, lastAscii] = latinNames(latin, (f) => f.person.lastName());
  let turn = 0;
  const cjkNames = collectUnique(() => {
    const f = turn++ % 2 === 0 ? fakers.ko : fakers.ja;
    return f.person.lastName() + f.person.firstName();
  }, 2000);
  const all = Object.values(fakers);
  const departments = collectUnique(() => {
    const f = all[turn++ % all.length] as Faker;
    return turn % 2 === 0 ? f.commerce.department() : f.person.jobArea();
  }, 2000);
  const places = collectUnique(() => (all[turn++ % all.length] as Faker).location.city(), 2000);
  const roomQualifiers = collectUnique(() => {
    const f = all[turn++ % all.length] as Faker;
    return turn % 3 === 0 ? f.company.buzzAdjective() : f.word.adjective();
  }, 3000).filter((w) => !/\s/.test(w));
  const roomNouns = collectUnique(() => {
    const f = all[turn++ % all.length] as Faker;
    return turn % 3 === 0 ? f.company.buzzNoun() : f.word.noun();
  }, 3000).filter((w) => !/\s/.test(w));
  const topics = collectUnique(() => {
    const f = all[turn++ % all.length] as Faker;
    return f === fakers.ja || f === fakers.ko
      ? cutText(f.lorem.sentence(), 120)
      : f.company.catchPhrase();
  }, 1500);
  const messages = buildMessages(fakers, random, opts);
  const half = opts.searchTermCount >> 1;
  const roomTerms = pickTerms(
    random,
    [...roomQualifiers, ...roomNouns].filter((w) => w.length >= 3),
    half,
  );
  const taken = new Set(roomTerms);
  const messageTerms = pickTerms(
    random,
    wordsOf(messages).filter((w) => !taken.has(w)),
    opts.searchTermCount - roomTerms.length,
  );
  return {
    seed,
    firstNames,
    firstAscii,
    lastNames,
    lastAscii,
    cjkNames,
    departments,
    places,
    roomQualifiers,
    roomNouns,
    topics,
    messages,
    searchTerms: [...roomTerms, ...messageTerms],
  };
}
