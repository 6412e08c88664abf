import { openApiDocument } from '@/lib/api/openapi';

/** The API's OpenAPI 3.1 description; public, like any API reference. */
export function GET(): Response {
  return Response.json(openApiDocument());
}
