import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError, errorBody, type ErrorCode } from './errors.js';

/** Maps every failure to `{ error: { code, message } }` and logs it once, at the right level. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      request.log.info({ errorCode: error.code }, 'request refused');

      return reply.code(error.status).send(errorBody(error.code, error.message, error.details));
    }

    const code = frameworkCode(error);

    if (code) {
      request.log.info({ errorCode: code, fastifyCode: error.code }, 'request refused');

      return reply.code(error.statusCode ?? 400).send(errorBody(code));
    }

    request.log.error({ err: error }, 'request failed');

    return reply.code(500).send(errorBody('INTERNAL'));
  });
}

function frameworkCode(error: FastifyError): ErrorCode | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'PAYLOAD_TOO_LARGE';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'UNSUPPORTED_MEDIA_TYPE';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return 'INVALID_JSON';
  }

  if (error.statusCode === 429) return 'RATE_LIMITED';

  if (error instanceof SyntaxError && error.statusCode === 400) return 'INVALID_JSON';

  if (error.validation) return 'VALIDATION_FAILED';

  return undefined;
}
