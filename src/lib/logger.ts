import { pino, type Logger, type LoggerOptions } from 'pino';

export type { Logger };

/**
 * Field paths that may carry credentials or people's words. pino removes them before a line is
 * written; `test/logging.test.ts` plants a token and proves none reaches the output.
 */
export const redactedPaths = [
  'access_token',
  'refresh_token',
  'accessToken',
  'refreshToken',
  'token',
  'code',
  'code_verifier',
  'password',
  'secret',
  'signature',
  '*.access_token',
  '*.refresh_token',
  '*.accessToken',
  '*.refreshToken',
  '*.password',
  '*.secret',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-zm-signature"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'headers["x-zm-signature"]',
];

export function createLogger(
  level: string,
  destination?: pino.DestinationStream,
  options: LoggerOptions = {},
): Logger {
  const settings: LoggerOptions = {
    level,
    redact: { paths: redactedPaths, censor: '[REDACTED]' },
    base: undefined,
    serializers: { req: requestSummary, res: responseSummary, err: pino.stdSerializers.err },
    ...options,
  };

  return destination ? pino(settings, destination) : pino(settings);
}

/** Shows enough of a phone number for support to recognise it: +1 512 ••• 0147 style. */
export function maskPhone(value: string | null | undefined): string | undefined {
  if (!value) return undefined;

  const digits = value.replace(/\D/g, '');

  if (digits.length <= 4) return `…${digits}`;

  return `${value.startsWith('+') ? '+' : ''}${digits.slice(0, 2)}…${digits.slice(-4)}`;
}

interface LoggedRequest {
  id?: string;
  method?: string;
  url?: string;
  ip?: string;
}

// Request lines carry the path without its query: the OAuth callback's query holds a one-time
// code and state, and other query strings may hold people's search terms.
function requestSummary(request: LoggedRequest) {
  return {
    id: request.id,
    method: request.method,
    path: request.url?.split('?')[0],
    ip: request.ip,
  };
}

function responseSummary(reply: { statusCode?: number }) {
  return { statusCode: reply.statusCode };
}
