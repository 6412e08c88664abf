import { z } from 'zod';
import { validation } from '@/lib/errors';
import { CLI_VARIABLES, ENGINE_VARIABLES, SERVER_VARIABLES, type VariableSpec } from './variables';

/**
 * The one place Clonedeck reads its environment. Every variable the dashboard, the engines
 * and the CLI read is described in ./variables.ts (type, default, meaning); the README's
 * configuration table is rendered from that list (`npm run docs:config`, checked by a test).
 * Variables that tools set for themselves (NODE_ENV, NEXT_RUNTIME, NEXT_PHASE) are not
 * configuration and are read where they are needed; scripts/*.mjs run before TypeScript
 * does and read the few they need (PORT, NEXT_DIST_DIR, CLONEDECK_PG_BIN) directly.
 */
export const VARIABLES = { ...SERVER_VARIABLES, ...ENGINE_VARIABLES, ...CLI_VARIABLES };

export type VariableName = keyof typeof VARIABLES;
export type Config = { readonly [Name in VariableName]: z.output<(typeof VARIABLES)[Name]['schema']> };

/** Environment variables as a plain map (tests pass their own; process.env fits). */
export type EnvVars = Readonly<Record<string, string | undefined>>;

const NAMES = Object.keys(VARIABLES) as VariableName[];
const schema = z.object(Object.fromEntries(NAMES.map((name) => [name, (VARIABLES[name] as VariableSpec).schema])));

/** Parses every variable; a bad value is a VALIDATION error naming each variable at fault. */
export function parseConfig(env: EnvVars): Config {
  const result = schema.safeParse(Object.fromEntries(NAMES.map((name) => [name, env[name]])));
  if (result.success) return result.data as Config;
  const problems = result.error.issues.map((issue) => `${String(issue.path[0])} ${issue.message}`);
  const fieldErrors = Object.fromEntries(result.error.issues.map((issue) => [String(issue.path[0]), [issue.message]]));
  throw validation(`Bad configuration: ${problems.join(' ')}`, fieldErrors);
}

const parsed = new WeakMap<object, { key: string; config: Config }>();

/**
 * The configuration an environment map describes, parsed once per distinct set of values
 * (process.env by default: the first call — at start — validates it; later calls are a lookup).
 */
export function configFrom(env: EnvVars = process.env): Config {
  const key = NAMES.map((name) => env[name] ?? '\u0000').join('\u0001');
  const cached = parsed.get(env);
  if (cached?.key === key) return cached.config;
  const config = parseConfig(env);
  parsed.set(env, { key, config });
  return config;
}
