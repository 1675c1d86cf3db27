/**
 * Counters, gauges and histograms in the Prometheus text exposition format (version 0.0.4):
 * `# HELP`, `# TYPE`, then one `name{label="value"} number` line per series. Small enough to
 * write ourselves rather than take a dependency for it.
 */
export type Labels = Record<string, string>;

export interface Instrument {
  /** The exposition lines of this instrument, HELP and TYPE included. */
  render(): string;
}

// Names are fixed words of ours, but label values may come from outside (a Zoom operation,
// a rejection reason): the format needs backslash, quote and newline escaped.
function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function labelText(labels: Labels): string {
  const pairs = Object.entries(labels).map(([key, value]) => `${key}="${escapeLabel(value)}"`);

  return pairs.length > 0 ? `{${pairs.join(',')}}` : '';
}

function header(name: string, type: string, help: string): string {
  return `# HELP ${name} ${help}\n# TYPE ${name} ${type}\n`;
}

/** Series keyed by their label text, so `{a="1"}` from two call sites is one series. */
class Series<T> {
  private readonly values = new Map<string, { labels: Labels; value: T }>();

  constructor(private readonly initial: () => T) {}

  get(labels: Labels): T {
    const key = labelText(labels);
    const found = this.values.get(key) ?? { labels, value: this.initial() };

    this.values.set(key, found);

    return found.value;
  }

  set(labels: Labels, value: T): void {
    this.values.set(labelText(labels), { labels, value });
  }

  entries(): { labels: Labels; value: T }[] {
    return [...this.values.values()];
  }
}

export class Counter implements Instrument {
  private readonly series = new Series(() => 0);

  constructor(
    readonly name: string,
    private readonly help: string,
  ) {}

  inc(labels: Labels = {}, by = 1): void {
    this.series.set(labels, this.series.get(labels) + by);
  }

  value(labels: Labels = {}): number {
    return this.series.get(labels);
  }

  render(): string {
    const lines = this.series.entries().map((s) => `${this.name}${labelText(s.labels)} ${s.value}`);

    return header(this.name, 'counter', this.help) + lines.map((line) => `${line}\n`).join('');
  }
}

export class Gauge implements Instrument {
  private current = 0;

  constructor(
    readonly name: string,
    private readonly help: string,
  ) {}

  add(by: number): void {
    this.current += by;
  }

  value(): number {
    return this.current;
  }

  render(): string {
    return `${header(this.name, 'gauge', this.help)}${this.name} ${this.current}\n`;
  }
}

interface Buckets {
  counts: number[];
  sum: number;
  count: number;
}

export class Histogram implements Instrument {
  private readonly series: Series<Buckets>;

  constructor(
    readonly name: string,
    private readonly help: string,
    private readonly bounds: number[],
  ) {
    this.series = new Series(() => ({ counts: bounds.map(() => 0), sum: 0, count: 0 }));
  }

  observe(value: number, labels: Labels = {}): void {
    const buckets = this.series.get(labels);

    this.bounds.forEach((bound, index) => {
      if (value <= bound) buckets.counts[index] = (buckets.counts[index] ?? 0) + 1;
    });
    buckets.sum += value;
    buckets.count += 1;
  }

  count(labels: Labels = {}): number {
    return this.series.get(labels).count;
  }

  render(): string {
    const lines: string[] = [];

    for (const { labels, value } of this.series.entries()) {
      this.bounds.forEach((bound, index) => {
        const le = labelText({ ...labels, le: String(bound) });

        lines.push(`${this.name}_bucket${le} ${value.counts[index] ?? 0}`);
      });
      lines.push(`${this.name}_bucket${labelText({ ...labels, le: '+Inf' })} ${value.count}`);
      lines.push(`${this.name}_sum${labelText(labels)} ${value.sum}`);
      lines.push(`${this.name}_count${labelText(labels)} ${value.count}`);
    }

    return header(this.name, 'histogram', this.help) + lines.map((line) => `${line}\n`).join('');
  }
}

/** A gauge whose values are read at scrape time (from the database, say). */
export function renderGaugeFamily(
  name: string,
  help: string,
  values: { labels: Labels; value: number }[],
): string {
  const lines = values.map(({ labels, value }) => `${name}${labelText(labels)} ${value}\n`);

  return header(name, 'gauge', help) + lines.join('');
}
