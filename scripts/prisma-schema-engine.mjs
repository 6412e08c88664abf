#!/usr/bin/env node
// Stand-in for Prisma's native schema-engine binary, which the CLI downloads on first use
// (impossible on offline machines). scripts/prisma.mjs and prisma.config.ts point
// PRISMA_SCHEMA_ENGINE_BINARY here unless it is already set. It speaks the binary's stdio
// JSON-RPC and delegates to the WebAssembly build of the same engine.
//
// Re-test after any Prisma upgrade: the stdio protocol is internal and the wasm build must
// match the CLI (prisma@7.10.1 ships it at prisma/build/schema_engine_bg.wasm, and
// @prisma/schema-engine-wasm@8.1.0-2.59be4fda… provides matching JS glue).
//
// Upstream bugs worked around here (Prisma 7.10, pglite-prisma-adapter 0.7.2):
// - @prisma/adapter-pg cannot read the "char" type (OID 18) of the catalog queries;
// - @prisma/adapter-pg's shadow database connects to the main database when configured
//   with a connection string, so the shadow database is an in-memory PGlite instead;
// - pglite-prisma-adapter does not await executeScript, so a failing script looked applied.
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const ENGINE_COMMIT = 'd1b3f377ca835d73fd50954a5e22128b9ebdd6b8'; // prisma@7.10.1's engines commit
const CHAR_OID = 18;
const TEXT_OID = 25;

const argValue = (name) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
};
const logError = (message) =>
  process.stderr.write(JSON.stringify({ level: 'ERROR', target: 'schema_engine::logger', fields: { message } }) + '\n');

if (args.includes('--version') || args.includes('-V')) {
  console.log(`schema-engine-cli ${ENGINE_COMMIT}`);
  process.exit(0);
}
for (const event of ['uncaughtException', 'unhandledRejection']) {
  process.on(event, (error) => {
    logError(String(error?.stack ?? error));
    process.exit(1);
  });
}
const datasource = JSON.parse(argValue('--datasource') ?? '{}');

/** An in-memory PGlite adapter whose executeScript really waits (and fails) like the real one. */
async function connectMemoryPglite() {
  const { PGlite } = await import('@electric-sql/pglite');
  const { PrismaPGlite } = await import('pglite-prisma-adapter');
  const database = new PGlite('memory://');
  const adapter = await new PrismaPGlite(database).connect();
  adapter.executeScript = async (script) => {
    try {
      await database.exec(script);
    } catch (error) {
      adapter.onError(error);
    }
  };
  adapter.dispose = () => database.close();
  return adapter;
}

/** Reports "char" columns as text, once per adapter prototype. */
function patchCharColumns(adapter) {
  const prototype = Object.getPrototypeOf(Object.getPrototypeOf(adapter));
  if (prototype.__clonedeckCharFix) return adapter;
  const performIO = prototype.performIO;
  prototype.performIO = async function (query) {
    const result = await performIO.call(this, query);
    for (const field of result?.fields ?? []) if (field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID;
    return result;
  };
  prototype.__clonedeckCharFix = true;
  return adapter;
}

async function postgresFactory(url) {
  const { PrismaPg } = await import('@prisma/adapter-pg');
  return new (class extends PrismaPg {
    async connect() {
      return patchCharColumns(await super.connect());
    }
    async connectToShadowDb() {
      return connectMemoryPglite();
    }
  })(url);
}

/** For diffs between migrations, schema files and "empty": no real database involved. */
function offlineFactory() {
  return { provider: 'postgres', adapterName: 'pglite-shadow', connect: connectMemoryPglite, connectToShadowDb: connectMemoryPglite };
}

let runtimePromise; // wasm-bindgen glue holds a single instance: instantiate once per process
function getRuntime() {
  runtimePromise ??= (async () => {
    const runtime = await import('@prisma/schema-engine-wasm/schema_engine_bg');
    const wasmPath =
      process.env.SCHEMA_ENGINE_WASM ?? path.join(path.dirname(require.resolve('prisma/package.json')), 'build/schema_engine_bg.wasm');
    const module = new WebAssembly.Module(fs.readFileSync(wasmPath));
    const instance = new WebAssembly.Instance(module, { './schema_engine_bg.js': runtime });
    runtime.__wbg_set_wasm(instance.exports);
    instance.exports.__wbindgen_start();
    globalThis.PRISMA_WASM_PANIC_REGISTRY ??= { set_message: (message) => logError(`wasm panic: ${message}`) };
    return runtime;
  })();
  return runtimePromise;
}

async function loadEngine(factory, datamodels) {
  const { bindMigrationAwareSqlAdapterFactory } = await import('@prisma/driver-adapter-utils');
  const runtime = await getRuntime();
  const log = (line) => process.stderr.write(line + '\n');
  return runtime.SchemaEngine.new({ datamodels }, log, bindMigrationAwareSqlAdapterFactory(factory));
}

/** `schema-engine --datasource {"url"} cli can-connect-to-database|create-database|drop-database` */
async function runCliCommand(command) {
  const pg = (await import('pg')).default;
  const url = new URL(datasource.url);
  const databaseName = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: command === 'can-connect-to-database' ? datasource.url : url.toString() });
  const quoted = `"${databaseName.replace(/"/g, '""')}"`;
  try {
    await client.connect();
    if (command === 'create-database') await client.query(`CREATE DATABASE ${quoted}`);
    if (command === 'drop-database') await client.query(`DROP DATABASE IF EXISTS ${quoted}`);
    await client.end();
    process.exit(0);
  } catch (error) {
    const errorCode = error.code === '3D000' ? 'P1003' : 'P1001';
    // The CLI drops the first stderr line and JSON-parses the rest.
    const line = (level, fields) => JSON.stringify({ level, target: 'schema_engine::logger', fields });
    process.stderr.write(line('INFO', { message: 'shim' }) + '\n' + line('ERROR', { message: error.message, error_code: errorCode }));
    process.exit(1);
  }
}

if (args.includes('cli')) await runCliCommand(args[args.indexOf('cli') + 1]);

const datamodels = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--datamodels') datamodels.push([args[i + 1], fs.readFileSync(args[i + 1], 'utf8')]);
}
const engineDatamodels = datamodels.length ? datamodels : undefined;
let mainEngine; // connected lazily: pure diffs never touch the real database
let offlineEngine;
const getMainEngine = async () => (mainEngine ??= await loadEngine(await postgresFactory(datasource.url), engineDatamodels));
const getOfflineEngine = async () => (offlineEngine ??= await loadEngine(offlineFactory(), engineDatamodels));
const needsDatabase = (target) => target && (target.tag === 'url' || target.tag === 'schemaDatasource');
const METHOD_NAMES = { getDatabaseVersion: 'version' };
const send = (message) => process.stdout.write(JSON.stringify(message) + '\n');

async function handle(request) {
  const offline = request.method === 'diff' && !needsDatabase(request.params.from) && !needsDatabase(request.params.to);
  const engine = offline ? await getOfflineEngine() : await getMainEngine();
  // The wasm createMigration / evaluateDataLoss get no shadow-database factory: they read the
  // migration-schema cache that devDiagnostic (which does get one) fills, so warm it first.
  if ((request.method === 'createMigration' || request.method === 'evaluateDataLoss') && request.params?.migrationsList) {
    await engine.devDiagnostic({ migrationsList: request.params.migrationsList, filters: request.params.filters });
  }
  let result = await engine[METHOD_NAMES[request.method] ?? request.method](request.params ?? {});
  if (request.method === 'diff' && result?.stdout != null) {
    send({ jsonrpc: '2.0', id: 1e9 + request.id, method: 'print', params: { content: result.stdout.replace(/\n$/, '') } });
    result = { ...result, stdout: null };
  }
  if (request.method === 'dbExecute') result = null;
  return result ?? null;
}

let queue = Promise.resolve();
readline
  .createInterface({ input: process.stdin })
  .on('line', (line) => {
    if (!line.trim()) return;
    const request = JSON.parse(line);
    if (request.method === undefined) return; // the CLI's reply to our own "print" request
    queue = queue.then(async () => {
      try {
        send({ jsonrpc: '2.0', id: request.id, result: await handle(request) });
      } catch (error) {
        const data = { is_panic: false, message: error.message, error_code: error.code, meta: error.meta ?? null };
        send({
          jsonrpc: '2.0',
          id: request.id,
          error: { code: 4466, message: 'An error happened. Check the data field for details.', data },
        });
      }
    });
  })
  .on('close', () =>
    queue.then(() => {
      for (const engine of [mainEngine, offlineEngine]) {
        try {
          engine?.free();
        } catch {
          // already freed
        }
      }
      process.exit(0);
    }),
  );
