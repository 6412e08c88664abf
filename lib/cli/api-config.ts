import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { AppError, validation } from '@/lib/errors';
import { configFrom, type EnvVars } from '@/lib/config';

/** Where `clonedeck login` keeps the server URL and token, and how CI overrides them. */
export interface ApiConfig {
  url: string;
  token: string;
}

const fileSchema = z.object({ url: z.string().optional(), token: z.string().optional() });

export function configPath(env: EnvVars = process.env): string {
  return configFrom(env).CLONEDECK_CONFIG || path.join(os.homedir(), '.config', 'clonedeck', 'config.json');
}

/** An http(s) URL without a trailing slash; VALIDATION (a usage error) otherwise. */
export function normalizeServerUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw validation(`"${text}" is not a URL; use e.g. https://clonedeck.example.com.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw validation('The server URL must start with http:// or https://.');
  return url.toString().replace(/\/+$/, '');
}

function readConfigFile(file: string): z.infer<typeof fileSchema> {
  if (!fs.existsSync(file)) return {};
  const parsed = fileSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) throw validation(`${file} is not a Clonedeck config file; log in again to rewrite it.`);
  return parsed.data;
}

/** CLONEDECK_URL and CLONEDECK_TOKEN win over the file (CI sets them from its secrets). */
export function resolveApiConfig(env: EnvVars = process.env): ApiConfig {
  const file = readConfigFile(configPath(env));
  const config = configFrom(env);
  const url = config.CLONEDECK_URL ?? file.url;
  const token = config.CLONEDECK_TOKEN ?? file.token;
  if (!url || !token) {
    throw new AppError(
      'UNAUTHENTICATED',
      'Not logged in: run "clonedeck login --url URL --token TOKEN", or set CLONEDECK_URL and CLONEDECK_TOKEN.',
    );
  }
  return { url: normalizeServerUrl(url), token };
}

/** Writes the file readable by its owner only (it holds a secret), atomically. */
export function saveApiConfig(config: ApiConfig, env: EnvVars = process.env): string {
  const file = configPath(env);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  fs.chmodSync(temporary, 0o600);
  fs.renameSync(temporary, file);
  return file;
}
