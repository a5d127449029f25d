import { ERROR_REGISTRY, errorUrl, type ErrorType } from './registry.js';

/** The JSON body of every Stytch error response. */
export interface ErrorBody {
  status_code: number;
  request_id: string;
  error_type: string;
  error_message: string;
  error_url: string;
  error_details?: Record<string, unknown>;
}

/** Builds the Stytch-shaped error body for a registered type. */
export function errorBody(
  type: ErrorType,
  requestId: string,
  message?: string,
  details?: Record<string, unknown>,
): ErrorBody {
  const [status, defaultMessage] = ERROR_REGISTRY[type];
  const body: ErrorBody = {
    status_code: status,
    request_id: requestId,
    error_type: type,
    error_message: message ?? defaultMessage,
    error_url: errorUrl(type),
  };
  if (details) body.error_details = details;
  return body;
}
