import { Counter, Gauge, Histogram } from './instruments.js';

/**
 * What this process counts, for GET /metrics (operations.md "Metrics"). One set per process,
 * the way Prometheus scrapes it: each instance reports its own counts and Prometheus sums them,
 * so nothing here needs the database. Only ids and fixed words go into labels, never user data.
 */
export const metrics = {
  webhooksReceived: new Counter(
    'onething_webhooks_received_total',
    'Signed Zoom webhooks accepted, by result (stored, duplicate, url_validation).',
  ),
  webhooksRejected: new Counter(
    'onething_webhooks_rejected_total',
    'Webhook requests refused, by reason (signature_mismatch, timestamp_outside_window, too_large, malformed, ...).',
  ),
  webhookLag: new Histogram(
    'onething_webhook_processing_lag_seconds',
    'Seconds from a webhook being received to its job finishing with it.',
    [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600],
  ),
  zoomRateLimited: new Counter(
    'onething_zoom_rate_limited_total',
    'Zoom API answers with status 429, by operation.',
  ),
  tokenRefreshes: new Counter(
    'onething_zoom_token_refreshes_total',
    'Zoom OAuth token refreshes this process ran, by result (ok, rejected, failed).',
  ),
  sseClients: new Gauge('onething_sse_clients', 'GET /api/events streams open on this instance.'),
};

export const allInstruments = Object.values(metrics);
