import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { AppError, conflict } from '@/lib/errors';
import { parseOrThrow } from '@/lib/validations/parse';
import { GENERIC_FAILURE_MESSAGE, runAction } from './result';

afterEach(() => vi.restoreAllMocks());

describe('runAction', () => {
  it('wraps a successful body as { ok: true, data }', async () => {
    expect(await runAction(async () => ({ id: 'env_1' }))).toEqual({ ok: true, data: { id: 'env_1' } });
  });

  it('passes a known error code and message to the user', async () => {
    const result = await runAction(async () => {
      throw conflict('An environment named qa_run already exists.');
    });
    expect(result).toEqual({ ok: false, code: 'CONFLICT', message: 'An environment named qa_run already exists.' });
  });

  it('hides unknown errors behind a generic message and logs them on the server', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const result = await runAction(async () => {
      throw new Error('duplicate key value violates unique constraint "Environment_live_name_key"');
    }, 'provisionClone');
    expect(result).toEqual({ ok: false, code: 'INTERNAL', message: GENERIC_FAILURE_MESSAGE });
    expect(JSON.stringify(result)).not.toContain('Environment_live_name_key');
    expect(log).toHaveBeenCalledWith(expect.stringContaining('provisionClone'), expect.any(Error));
  });

  it('keeps field errors from validation', async () => {
    const schema = z.object({ name: z.string().min(3, { message: 'At least 3 characters.' }), ttlHours: z.number().positive() });
    const result = await runAction(async () => parseOrThrow(schema, { name: 'x', ttlHours: -1 }));
    expect(result).toMatchObject({
      ok: false,
      code: 'VALIDATION',
      fieldErrors: { name: ['At least 3 characters.'], ttlHours: [expect.any(String)] },
    });
  });

  it('lets Next.js redirects through instead of reporting them as failures', async () => {
    const { redirect } = await import('next/navigation');
    await expect(runAction(async () => redirect('/sign-in'))).rejects.toMatchObject({ digest: expect.stringContaining('NEXT_REDIRECT') });
  });

  it('keeps AppErrors from another module copy (no instanceof across bundles)', async () => {
    const foreign = Object.assign(new Error('Only an administrator can do this.'), { name: 'AppError', code: 'FORBIDDEN' });
    expect(foreign).not.toBeInstanceOf(AppError);
    expect(await runAction(async () => Promise.reject(foreign))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});
