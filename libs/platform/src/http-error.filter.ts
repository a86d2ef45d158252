// Every HTTP error leaves as `{ statusCode, error: <code>, message, ...details }`; unexpected errors are logged, never swallowed.
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import type { Logger } from '@klimavagt/observability';

interface JsonResponse {
  status(code: number): JsonResponse;
  json(body: unknown): void;
}

const CODES: Record<number, string> = {
  400: 'bad-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  413: 'body-too-large',
  422: 'invalid',
  429: 'rate-limited',
  503: 'unavailable',
};

@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  constructor(private readonly log: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<JsonResponse>();
    // body-parser raises http-errors (`status`, `expose`, `type`), not HttpExceptions.
    const clientError = exception as { status?: unknown; expose?: unknown; type?: unknown; message?: string };
    if (!(exception instanceof HttpException) && clientError?.expose === true && typeof clientError.status === 'number') {
      const status = clientError.status;
      const tooLarge = clientError.type === 'entity.too.large';
      response.status(status).json({
        statusCode: status,
        error: tooLarge ? 'body-too-large' : (CODES[status] ?? 'bad-request'),
        message: tooLarge ? 'the request body exceeds the size limit' : String(clientError.message),
      });
      return;
    }
    if (!(exception instanceof HttpException)) {
      this.log.error({ err: exception }, 'unhandled error in a request');
      response.status(500).json({ statusCode: 500, error: 'internal', message: 'internal error; it has been logged' });
      return;
    }
    const status = exception.getStatus();
    const raw = exception.getResponse();
    const body = typeof raw === 'string' ? { message: raw } : (raw as Record<string, unknown>);
    if (typeof body.error === 'object' && body.error !== null) {
      // A structured report (terminus' readiness: which checks failed) goes out as it is.
      response.status(status).json(body);
      return;
    }
    let error = typeof body.error === 'string' && /^[a-z-]+$/.test(body.error) ? body.error : (CODES[status] ?? 'error');
    let message = Array.isArray(body.message) ? body.message.join('; ') : String(body.message ?? exception.message);
    // Body-parser failures arrive as plain 400/413s; say what they mean.
    if (status === HttpStatus.BAD_REQUEST && /JSON/.test(message) && error === 'bad-request') {
      error = 'malformed-json';
      message = `the body is not valid JSON: ${message}`;
    }
    response.status(status).json({ ...body, statusCode: status, error, message });
  }
}
