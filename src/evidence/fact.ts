/**
 * A figure the evidence samplers read, or the reason they could not. Evidence never fails a run:
 * a view the login may not read, a file on a network share, a counter reset between two samples
 * all become `unknown` with a sentence that says why, and the report shows that sentence.
 */
export type Fact<T> = { readonly value: T } | { readonly unknown: string };

export function known<T>(value: T): Fact<T> {
  return { value };
}

export function unknown<T = never>(reason: string): Fact<T> {
  return { unknown: reason };
}

export function isKnown<T>(fact: Fact<T>): fact is { readonly value: T } {
  return 'value' in fact;
}

/** The value, or null when unknown. */
export function valueOf<T>(fact: Fact<T>): T | null {
  return isKnown(fact) ? fact.value : null;
}

/** Combines two facts; the first unknown wins (its reason is the one reported). */
export function both<A, B, R>(a: Fact<A>, b: Fact<B>, f: (a: A, b: B) => Fact<R>): Fact<R> {
  if (!isKnown(a)) return a;
  if (!isKnown(b)) return b;
  return f(a.value, b.value);
}

/** Percent with one decimal below 10 and none above: `9.8 %`, `64 %`. */
export function percent(share: number): string {
  const p = share * 100;
  return `${p < 10 ? p.toFixed(1) : p.toFixed(0)} %`;
}

/** Milliseconds with one decimal below 100: `9.8 ms`, `131 ms`. */
export function ms(value: number): string {
  return `${value < 100 ? value.toFixed(1) : value.toFixed(0)} ms`;
}
