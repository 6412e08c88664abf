/**
 * Control characters (NUL above all) in a URL's path or query: no page, id or filter holds
 * one, and PostgreSQL refuses NUL in text, so they would surface as 500s. Checked on the
 * raw URL, where they are percent-encoded, and decoded.
 */
const ENCODED_CONTROL = /%(?:[01][0-9a-f]|7f)/i;
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are refused in page addresses
const RAW_CONTROL = /[\u0000-\u001f\u007f]/;

export function urlHasControlCharacters(url: URL): boolean {
  const raw = `${url.pathname}${url.search}`;
  if (ENCODED_CONTROL.test(raw) || RAW_CONTROL.test(raw)) return true;
  try {
    return RAW_CONTROL.test(decodeURIComponent(raw));
  } catch {
    return true; // Malformed percent-encoding: nothing legitimate sends it.
  }
}

export function badUrlResponse(): Response {
  return Response.json({ code: 'BAD_REQUEST', message: 'The address holds characters no page or name can have.' }, { status: 400 });
}
