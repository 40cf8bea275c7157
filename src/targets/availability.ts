/**
 * What a network target does when its server goes away mid-run (a restart, a failover, a cut
 * link). The first failure that says the server is unavailable — it cannot be reached, or it
 * refuses logins while shutting down or starting — opens an outage. From then on transactions
 * are not sent but fail at once with that kind (counted like any failure, so the results show
 * what clients would have seen), while one reconnect attempt at a time probes the server after
 * a growing, jittered backoff. The first probe that succeeds closes the outage and traffic
 * resumes. An outage that lasts `giveUpAfterMs` ends the run: the target then refuses whole
 * batches with a fatal `unreachable` error (exit 3; the results measured so far are written).
 *
 * Time, sleep and jitter are injected, so the policy runs on simulated time in tests.
 */
import { formatDuration } from '../core/duration.js';
import { TargetError, type TargetErrorKindName } from '../core/errors.js';

export interface OutagePolicy {
  /** Backoff before the first reconnect attempt, ms. @default 250 */
  firstRetryMs: number;
  /** Upper bound of one backoff, ms. @default 5000 */
  maxRetryMs: number;
  /** An outage this long ends the run, ms. @default 60000 */
  giveUpAfterMs: number;
}

export const DEFAULT_OUTAGE_POLICY: Readonly<OutagePolicy> = Object.freeze({
  firstRetryMs: 250,
  maxRetryMs: 5_000,
  giveUpAfterMs: 60_000,
});

/** Failure kinds that mean the server itself is unavailable (not that one statement failed). */
const OUTAGE_KINDS: ReadonlySet<TargetErrorKindName> = new Set(['unreachable', 'login']);

export function isOutageKind(kind: TargetErrorKindName): boolean {
  return OUTAGE_KINDS.has(kind);
}

/**
 * Backoff before reconnect attempt `attempt` (0 for the first): doubling from firstRetryMs up
 * to maxRetryMs, half of it fixed and half jittered (`random` in [0, 1)), so that the workers of
 * a run do not knock on a restarting server in lockstep.
 */
export function reconnectDelayMs(attempt: number, policy: OutagePolicy, random: number): number {
  const cap = Math.min(policy.maxRetryMs, policy.firstRetryMs * 2 ** attempt);
  return cap / 2 + (cap / 2) * random;
}

/** One period during which the target was unavailable, on the run clock. */
export interface Outage {
  startMs: number;
  /** When a reconnect attempt succeeded; null while the outage lasts. */
  endMs: number | null;
  /** The failure kinds seen during it, in order of first appearance. */
  kinds: TargetErrorKindName[];
  /** Reconnect attempts made. */
  attempts: number;
}

export interface AvailabilityDeps {
  clock(): number;
  sleep(ms: number): Promise<void>;
  random(): number;
  /** One reconnect attempt: resolves once the server answers again. */
  probe(): Promise<void>;
  classify(error: unknown): TargetErrorKindName;
  /** Names the server in messages (never with a password). */
  description: string;
}

export class Availability {
  private current: Outage | null = null;
  private ended: Outage[] = [];
  private reconnecting: Promise<void> | null = null;
  private recoveredAt = -Infinity;
  private stopped = false;

  constructor(
    private readonly policy: OutagePolicy,
    private readonly deps: AvailabilityDeps,
  ) {}

  /** True while an outage lasts. */
  get down(): boolean {
    return this.current !== null;
  }

  /** Settles when the reconnect attempts of the current outage have stopped (tests). */
  get settled(): Promise<void> {
    return this.reconnecting ?? Promise.resolve();
  }

  /**
   * A transaction that started at `startedAt` failed with `kind`: an outage kind opens an outage
   * (once) and starts reconnecting. A transaction sent before the last reconnect went out on a
   * connection of the outage and says nothing new about the server.
   */
  report(kind: TargetErrorKindName, startedAt: number): void {
    if (!isOutageKind(kind) || this.stopped || startedAt < this.recoveredAt) return;
    if (this.current !== null) {
      noteKind(this.current, kind);
      return;
    }
    const outage: Outage = { startMs: this.deps.clock(), endMs: null, kinds: [kind], attempts: 0 };
    this.current = outage;
    this.reconnecting = this.reconnect(outage);
  }

  /** Throws the outage's failure when the target is known to be unavailable (fail fast). */
  admit(): void {
    const outage = this.current;
    if (outage === null) return;
    const lasted = this.deps.clock() - outage.startMs;
    throw new TargetError(
      outage.kinds[outage.kinds.length - 1] ?? 'unreachable',
      `not sent: ${this.deps.description} has been unavailable for ${formatDuration(lasted)} ` +
        `(${outage.kinds.join(', ')}); reconnecting`,
    );
  }

  /** Throws the fatal error once an outage has lasted the give-up bound. */
  checkGiveUp(): void {
    const outage = this.current;
    if (outage === null) return;
    const lasted = this.deps.clock() - outage.startMs;
    if (lasted < this.policy.giveUpAfterMs) return;
    throw new TargetError(
      'unreachable',
      `${this.deps.description} has been unavailable for ${formatDuration(lasted)} ` +
        `(${outage.kinds.join(', ')}; ${outage.attempts} reconnect attempt(s)): giving up`,
      {
        hint:
          `A run ends when its target stays unavailable for ${formatDuration(this.policy.giveUpAfterMs)} ` +
          '(--max-outage). The results measured until then were kept.',
      },
    );
  }

  /**
   * The outages that ended since the previous call, and a copy of the one still going on (its
   * endMs null): what a worker reports with each snapshot.
   */
  takeOutages(): Outage[] {
    const out = this.ended;
    this.ended = [];
    if (this.current !== null) out.push({ ...this.current, kinds: [...this.current.kinds] });
    return out;
  }

  /** Stops reconnecting (the target is closing). */
  stop(): void {
    this.stopped = true;
  }

  private async reconnect(outage: Outage): Promise<void> {
    for (let attempt = 0; !this.stopped; attempt++) {
      await this.deps.sleep(reconnectDelayMs(attempt, this.policy, this.deps.random()));
      if (this.stopped) return;
      outage.attempts++;
      try {
        await this.deps.probe();
        outage.endMs = this.deps.clock();
        this.recoveredAt = outage.endMs;
        this.ended.push(outage);
        this.current = null;
        return;
      } catch (error) {
        noteKind(outage, this.deps.classify(error));
        if (this.deps.clock() - outage.startMs >= this.policy.giveUpAfterMs) return;
      }
    }
  }
}

function noteKind(outage: Outage, kind: TargetErrorKindName): void {
  if (isOutageKind(kind) && !outage.kinds.includes(kind)) outage.kinds.push(kind);
}
