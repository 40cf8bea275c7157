/**
 * The retry policy for SQL Server transactions that lost a lock fight.
 *
 * Retried: deadlock victims (error 1205) and lock-request timeouts (1222). In both cases the
 * server has rolled the whole transaction back (every multi-statement batch chatload sends runs
 * with SET XACT_ABORT ON, single statements are atomic anyway), so running it again cannot
 * double-apply anything; for `grpchat`, the rolled-back chatId is handed out again, so no gap.
 *
 * Not retried: everything else, including the driver's own request timeout (the statement may
 * still be running on the server, and retrying would pile more load on a server that is already
 * too slow — the measurement should show that, not hide it).
 *
 * Up to {@link DEFAULT_RETRY_POLICY}.maxRetries retries after the first attempt, each after an
 * "equal jitter" exponential backoff: half of min(maxDelay, baseDelay × 2^attempt) fixed, the
 * other half random, so that two victims of the same deadlock do not collide again in lockstep.
 * Each retry is counted (BatchOutcome.retries); the latency a transaction reports includes its
 * retries and their waits, as a client would see it.
 */
import { driverFacts } from './errors.js';

export interface RetryPolicy {
  /** Retries after the first attempt. @default 3 */
  maxRetries: number;
  /** Backoff before the first retry, doubled for each further one. @default 5 */
  baseDelayMs: number;
  /** Upper bound of one backoff. @default 100 */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  maxRetries: 3,
  baseDelayMs: 5,
  maxDelayMs: 100,
});

const RETRYABLE_NUMBERS = new Set([1205, 1222]);

export function isRetryable(error: unknown): boolean {
  const { number } = driverFacts(error);
  return number !== null && RETRYABLE_NUMBERS.has(number);
}

/** Backoff before retry number `retry` (0 for the first retry); `random` in [0, 1). */
export function backoffMs(retry: number, policy: RetryPolicy, random: number): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return cap / 2 + (cap / 2) * random;
}

export interface RetryDeps {
  policy: RetryPolicy;
  sleep(ms: number): Promise<void>;
  /** Uniform in [0, 1): the jitter. */
  random(): number;
  /** Called once per retry, before its backoff: where retries are counted. */
  onRetry?(error: unknown, retry: number): void;
}

/** Runs `work`, retrying it per the policy; rethrows the last error when retries run out. */
export async function withRetry<T>(work: () => Promise<T>, deps: RetryDeps): Promise<T> {
  for (let retry = 0; ; retry++) {
    try {
      return await work();
    } catch (error) {
      if (retry >= deps.policy.maxRetries || !isRetryable(error)) throw error;
      deps.onRetry?.(error, retry);
      await deps.sleep(backoffMs(retry, deps.policy, deps.random()));
    }
  }
}

export const realSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));
