// Maps the alerting app's typed errors to HTTP answers with a code and the reason.
import { ConflictException, HttpException, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { AlertActionError } from '@klimavagt/domain';
import { AlertVersionConflictError, RouteAlreadyExistsError, RouteNotFoundError, SilenceNotFoundError } from '@klimavagt/storage';
import { AlertNotFoundError } from './alert-ledger.service';

const CONFLICTS = new Set(['not-firing', 'already-resolved', 'fingerprint-mismatch']);

export function toHttpError(error: unknown): unknown {
  if (error instanceof HttpException) return error;
  if (error instanceof AlertNotFoundError) return new NotFoundException({ error: 'alert-not-found', message: error.message, id: error.alertId });
  if (error instanceof AlertActionError) {
    return CONFLICTS.has(error.code)
      ? new ConflictException({ error: error.code, message: error.message })
      : new UnprocessableEntityException({ error: error.code, message: error.message });
  }
  if (error instanceof AlertVersionConflictError) return new ConflictException({ error: 'alert-changed', message: error.message });
  if (error instanceof SilenceNotFoundError) return new NotFoundException({ error: 'silence-not-found', message: error.message });
  if (error instanceof RouteNotFoundError) return new NotFoundException({ error: 'route-not-found', message: error.message });
  if (error instanceof RouteAlreadyExistsError) return new ConflictException({ error: 'route-exists', message: error.message });
  return error;
}

/** Runs `work`, answering typed errors with their HTTP status; anything else reaches the error filter as is. */
export async function answering<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toHttpError(error);
  }
}
