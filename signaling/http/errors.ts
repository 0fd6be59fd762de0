import type { FastifyError, FastifyInstance } from 'fastify';
import { Failure, HTTP_STATUS } from '../errors.js';
import type { ErrorCode, HttpErrorBody } from '../protocol.js';

/** Fastify's own errors (bad JSON, body too large, wrong content type) mapped onto protocol codes. */
function fromFastify(err: FastifyError): Failure | null {
  switch (err.code) {
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new Failure('too_large', 'The upload is too large.');
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new Failure('unsupported_media', 'Unsupported content type for this request.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new Failure('bad_request', 'The request body is missing or malformed.');
  }
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    const code: ErrorCode = err.statusCode === 413 ? 'too_large' : err.statusCode === 415 ? 'unsupported_media' : 'bad_request';
    return new Failure(code, err.statusCode === 400 ? 'The request body is not valid JSON.' : err.message);
  }
  return null;
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const failure = err instanceof Failure ? err : fromFastify(err);
    if (!failure) {
      req.log.error({ err }, 'request failed');
      const body: HttpErrorBody = { error: { code: 'internal', message: 'Something went wrong on the server.' } };
      return reply.status(500).send(body);
    }
    req.log.info({ code: failure.code, url: req.url }, failure.message);
    const body: HttpErrorBody = { error: failure.toProtocol() };
    return reply.status(HTTP_STATUS[failure.code]).send(body);
  });
}

export function notFoundBody(message = 'Not found.'): HttpErrorBody {
  return { error: { code: 'not_found', message } };
}
