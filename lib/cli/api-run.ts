import { ApiClient, ApiRequestError } from './api-client';
import { type ApiConfig, resolveApiConfig } from './api-config';
import { reportApiError } from './api-output';
import type { CliIO } from './io';

/**
 * Runs an API command with the configured server and token; an API failure becomes its
 * message and exit code (usage 2, auth 3, not found 4, conflict 5, engine/server 6, …).
 */
export async function withApi(io: CliIO, json: boolean, work: (client: ApiClient) => Promise<number>, config?: ApiConfig): Promise<number> {
  try {
    return await work(new ApiClient(config ?? resolveApiConfig()));
  } catch (error) {
    if (error instanceof ApiRequestError) return reportApiError(error, json, io);
    throw error;
  }
}
