// How busy "Zoom" is: a token-bucket rate limit on the REST API with Zoom's 429 answers (both
// Retry-After forms, and the daily-limit body; API.md §6.1-6.2), added latency, a share of
// 5xx answers, and a throttled stretch during which every call gets 429. Off until configured.

export interface TrafficSettings {
  perSecond?: number;
  burst?: number;
  dailyLimit?: number;
  /** How a per-second 429 states its wait: delta-seconds, an HTTP date, or not at all. */
  retryAfter: 'seconds' | 'date' | 'none';
  latencyMs: number;
  jitterMs: number;
  errorRate: number;
  throttledUntil?: number;
  seed: number;
}

export type TrafficVerdict =
  | { ok: true; delayMs: number }
  | { ok: false; delayMs: number; status: number; headers: Record<string, string>; body: unknown };

const dayMs = 86_400_000;

export class TrafficShaper {
  private settings: TrafficSettings = {
    retryAfter: 'seconds',
    latencyMs: 0,
    jitterMs: 0,
    errorRate: 0,
    seed: 7,
  };
  private tokens = 0;
  private refilledAt = 0;
  private dayStart = 0;
  private usedToday = 0;
  private randomState = 7;

  configure(settings: Partial<TrafficSettings>): TrafficSettings {
    this.settings = { ...this.settings, ...settings };
    this.tokens = this.settings.burst ?? this.settings.perSecond ?? 0;
    this.refilledAt = 0;
    this.randomState = this.settings.seed;

    return this.settings;
  }

  reset(): void {
    this.settings = { retryAfter: 'seconds', latencyMs: 0, jitterMs: 0, errorRate: 0, seed: 7 };
    this.usedToday = 0;
  }

  current(): TrafficSettings {
    return { ...this.settings };
  }

  admit(now: number): TrafficVerdict {
    const { latencyMs, jitterMs, errorRate, perSecond, dailyLimit, throttledUntil } = this.settings;
    const delayMs = Math.max(0, latencyMs + (this.random() * 2 - 1) * jitterMs);

    if (throttledUntil !== undefined && now < throttledUntil) {
      return this.tooMany(delayMs, throttledUntil - now, now);
    }

    if (dailyLimit !== undefined) {
      const today = Math.floor(now / dayMs) * dayMs;

      if (today !== this.dayStart) {
        this.dayStart = today;
        this.usedToday = 0;
      }

      if (this.usedToday >= dailyLimit) {
        return this.dailyLimitReached(delayMs, today + dayMs, dailyLimit);
      }

      this.usedToday += 1;
    }

    if (perSecond !== undefined) {
      const burst = this.settings.burst ?? perSecond;

      this.tokens = Math.min(burst, this.tokens + ((now - this.refilledAt) / 1000) * perSecond);
      this.refilledAt = now;

      if (this.tokens < 1) {
        return this.tooMany(delayMs, ((1 - this.tokens) / perSecond) * 1000, now);
      }

      this.tokens -= 1;
    }

    if (errorRate > 0 && this.random() < errorRate) {
      return {
        ok: false,
        delayMs,
        status: 503,
        headers: {},
        body: { code: 503, message: 'Service unavailable.' },
      };
    }

    return { ok: true, delayMs };
  }

  private tooMany(delayMs: number, waitMs: number, now: number): TrafficVerdict {
    const headers: Record<string, string> = {};
    const seconds = Math.max(1, Math.ceil(waitMs / 1000));

    if (this.settings.retryAfter === 'seconds') headers['retry-after'] = String(seconds);

    if (this.settings.retryAfter === 'date') {
      headers['retry-after'] = new Date(now + seconds * 1000).toUTCString();
    }

    return {
      ok: false,
      delayMs,
      status: 429,
      headers: { ...headers, 'x-ratelimit-type': 'QPS' },
      body: {
        code: 429,
        message:
          'You have reached the maximum per-second rate limit for this API. Try again later.',
      },
    };
  }

  private dailyLimitReached(delayMs: number, resetAt: number, limit: number): TrafficVerdict {
    return {
      ok: false,
      delayMs,
      status: 429,
      headers: {
        'x-ratelimit-type': 'Daily-limit',
        ...(this.settings.retryAfter !== 'none' && {
          'retry-after': new Date(resetAt).toISOString().replace('.000', ''),
        }),
      },
      body: {
        code: 429,
        message: `You have exceeded the daily rate limit (${limit}) of this API. You can resume these requests at GMT 00:00:00.`,
      },
    };
  }

  private random(): number {
    this.randomState = (this.randomState * 1_103_515_245 + 12_345) % 2_147_483_648;

    return this.randomState / 2_147_483_648;
  }
}
