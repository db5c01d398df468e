/** Tuning for {@link backoffDelayMs}; every field has a default. */
export interface BackoffOptions {
  /** Ceiling of the first retry's delay, in ms (default 30 s). */
  baseMs?: number;
  /** Growth of the ceiling per attempt (default 2). */
  factor?: number;
  /** Largest ceiling, in ms (default 1 h). */
  maxMs?: number;
  /** Source of randomness in [0, 1); injectable so tests are deterministic. */
  random?: () => number;
}

const DEFAULTS = { baseMs: 30_000, factor: 2, maxMs: 3_600_000 } as const;

/**
 * How long to wait before retrying after attempt number `attempt` (1 = the first try) failed.
 *
 * Exponential with "equal jitter": the ceiling is `min(maxMs, baseMs * factor^(attempt-1))` and
 * the delay is drawn from [ceiling/2, ceiling). Half the ceiling is guaranteed so retries still
 * back off; the random half spreads out messages that failed together (a provider outage) so
 * they do not all retry in the same second. Attempts below 1 (or not a number) count as 1.
 *
 * @returns a whole number of milliseconds.
 */
export function backoffDelayMs(attempt: number, options: BackoffOptions = {}): number {
  const baseMs = Math.max(0, options.baseMs ?? DEFAULTS.baseMs);
  const factor = Math.max(1, options.factor ?? DEFAULTS.factor);
  const maxMs = Math.max(0, options.maxMs ?? DEFAULTS.maxMs);
  const random = options.random ?? Math.random;

  const exponent = Number.isFinite(attempt) ? Math.max(1, Math.floor(attempt)) - 1 : 0;
  // factor ** exponent overflows to Infinity for large attempts; min() then yields maxMs.
  const ceiling = Math.min(maxMs, baseMs * factor ** exponent);
  // Clamp so a misbehaving random source cannot produce a negative or over-ceiling delay.
  const jitter = Math.min(1, Math.max(0, random()));
  return Math.floor(ceiling / 2 + (jitter * ceiling) / 2);
}
