import { describe, expect, it } from 'vitest';
import { Counter, Gauge, Histogram, renderGaugeFamily } from '../../src/metrics/instruments.js';

describe('Prometheus text exposition', () => {
  it('writes a counter with HELP, TYPE and one line per label set', () => {
    const counter = new Counter('demo_total', 'Things counted.');

    counter.inc({ reason: 'a' });
    counter.inc({ reason: 'a' });
    counter.inc({ reason: 'b' }, 3);

    expect(counter.render()).toBe(
      '# HELP demo_total Things counted.\n# TYPE demo_total counter\n' +
        'demo_total{reason="a"} 2\ndemo_total{reason="b"} 3\n',
    );
  });

  it('escapes backslashes, quotes and newlines in label values', () => {
    const counter = new Counter('odd_total', 'Odd labels.');

    counter.inc({ operation: 'a"b\\c\nd' });

    expect(counter.render()).toContain('odd_total{operation="a\\"b\\\\c\\nd"} 1\n');
  });

  it('writes cumulative histogram buckets ending in +Inf, with sum and count', () => {
    const histogram = new Histogram('lag_seconds', 'Lag.', [1, 5]);

    histogram.observe(0.5);
    histogram.observe(2);
    histogram.observe(10);

    expect(histogram.render()).toBe(
      '# HELP lag_seconds Lag.\n# TYPE lag_seconds histogram\n' +
        'lag_seconds_bucket{le="1"} 1\nlag_seconds_bucket{le="5"} 2\n' +
        'lag_seconds_bucket{le="+Inf"} 3\nlag_seconds_sum 12.5\nlag_seconds_count 3\n',
    );
  });

  it('writes gauges, counted in process or read at scrape time', () => {
    const gauge = new Gauge('open_streams', 'Open.');

    gauge.add(2);
    gauge.add(-1);

    expect(gauge.render()).toBe(
      '# HELP open_streams Open.\n# TYPE open_streams gauge\nopen_streams 1\n',
    );
    expect(renderGaugeFamily('jobs', 'Jobs.', [{ labels: { state: 'queued' }, value: 4 }])).toBe(
      '# HELP jobs Jobs.\n# TYPE jobs gauge\njobs{state="queued"} 4\n',
    );
  });
});
