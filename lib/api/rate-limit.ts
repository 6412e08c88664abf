import { configFrom, type EnvVars } from '@/lib/config';
/**
 * A token bucket per API token, in this process's memory: each replica limits on its own,
 * so N replicas behind a load balancer allow up to N times the rate. Good enough to stop a
 * runaway pipeline; a shared limit would need a shared store.
 */
export interface RateLimitOptions {
  /** Requests a token may make at once (the bucket's size). */
  burst: number;
  /** Requests per minute it gets back. */
  perMinute: number;
  /** Milliseconds; tests pass their own clock. */
  now?: () => number;
}

export type RateDecision = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  at: number;
}

const PRUNE_ABOVE = 10_000;

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly now: () => number;
  private readonly perMs: number;

  constructor(readonly options: RateLimitOptions) {
    if (options.burst < 1 || options.perMinute <= 0) throw new Error('rate limit: burst ≥ 1 and perMinute > 0');
    this.now = options.now ?? Date.now;
    this.perMs = options.perMinute / 60_000;
  }

  /** Takes one request from `key`'s bucket. */
  take(key: string): RateDecision {
    const now = this.now();
    const bucket = this.refill(this.buckets.get(key), now);
    if (bucket.tokens < 1) {
      this.buckets.set(key, bucket);
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000)) };
    }
    bucket.tokens -= 1;
    this.buckets.set(key, bucket);
    if (this.buckets.size > PRUNE_ABOVE) this.prune(now);
    return { allowed: true, remaining: Math.floor(bucket.tokens) };
  }

  private refill(bucket: Bucket | undefined, now: number): Bucket {
    if (!bucket) return { tokens: this.options.burst, at: now };
    const tokens = Math.min(this.options.burst, bucket.tokens + (now - bucket.at) * this.perMs);
    return { tokens, at: now };
  }

  /** Full buckets carry no information: forget them. */
  private prune(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (this.refill(bucket, now).tokens >= this.options.burst) this.buckets.delete(key);
    }
  }
}

/** `CLONEDECK_API_RATE_LIMIT=<requests per minute>` changes the default (burst = the same number). */
export function rateLimitFromEnv(env: EnvVars = process.env): { burst: number; perMinute: number } {
  const perMinute = configFrom(env).CLONEDECK_API_RATE_LIMIT;
  return { burst: perMinute, perMinute };
}

const globals = globalThis as typeof globalThis & { __clonedeckApiRateLimiter?: RateLimiter };

/** The server's limiter, shared by every route handler of this process. */
export function defaultRateLimiter(): RateLimiter {
  globals.__clonedeckApiRateLimiter ??= new RateLimiter(rateLimitFromEnv());
  return globals.__clonedeckApiRateLimiter;
}
