/**
 * JSON for the engine service's wire: engine answers carry Dates (creation times, sessions),
 * and query rows may carry bigints, bytes and non-finite numbers that JSON would lose or
 * change. Those travel as `{ "$cd": kind, "v": … }`; a plain object that itself has a `$cd`
 * key (a json column, say) is wrapped, so nothing a database returns can pose as a tag.
 */

const TAG = '$cd';

type Encoded = null | boolean | number | string | Encoded[] | { [key: string]: Encoded };

export function encodeValue(value: unknown): Encoded {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : tagged('number', String(value));
  if (typeof value === 'bigint') return tagged('bigint', value.toString());
  if (value instanceof Date) return tagged('date', Number.isNaN(value.getTime()) ? null : value.toISOString());
  if (value instanceof Uint8Array) return tagged('bytes', Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64'));
  if (Array.isArray(value)) return value.map(encodeValue);
  if (typeof value === 'object') {
    const fields: { [key: string]: Encoded } = {};
    for (const [key, field] of Object.entries(value)) if (field !== undefined) fields[key] = encodeValue(field);
    return TAG in fields ? tagged('object', fields) : fields;
  }
  throw new TypeError(`the engine service cannot carry a ${typeof value}`);
}

export function decodeValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeValue);
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  if (!(TAG in record)) return Object.fromEntries(Object.entries(record).map(([key, field]) => [key, decodeValue(field)]));
  const payload = record.v;
  switch (record[TAG]) {
    case 'date':
      return new Date(typeof payload === 'string' ? payload : Number.NaN);
    case 'bigint':
      return BigInt(String(payload));
    case 'bytes':
      return new Uint8Array(Buffer.from(String(payload), 'base64'));
    case 'number':
      return Number(payload);
    case 'object':
      return Object.fromEntries(Object.entries(payload as Record<string, unknown>).map(([key, field]) => [key, decodeValue(field)]));
    default:
      throw new TypeError(`unknown value tag ${JSON.stringify(record[TAG])} from the engine service`);
  }
}

function tagged(kind: string, payload: Encoded): Encoded {
  return { [TAG]: kind, v: payload };
}
