import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPERATIONS, type OperationName } from '@/lib/domain/operations';
import { HTTP_STATUS } from './errors';
import { ERROR_RESPONSES } from './openapi-components';
import { openApiDocument } from './openapi';
import { HTTP_METHODS, type Operation } from './openapi-types';

const API_ROOT = path.resolve(__dirname, '../../app/api/v1');

/** Every route file under app/api/v1, as [OpenAPI path, file]. `[name]` becomes `{name}`. */
function routeFiles(directory = API_ROOT): Array<[string, string]> {
  const found: Array<[string, string]> = [];
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) found.push(...routeFiles(full));
    else if (/^route\.tsx?$/.test(entry.name)) {
      const segments = path.relative(API_ROOT, directory).split(path.sep).filter(Boolean);
      const openApiPath = ['/api/v1', ...segments.map((segment) => segment.replace(/^\[(\w+)\]$/, '{$1}'))].join('/');
      found.push([openApiPath, full]);
    }
  }
  return found;
}

/** "METHOD /path" for every HTTP method the route modules export. */
async function implementedOperations(): Promise<string[]> {
  const operations: string[] = [];
  for (const [openApiPath, file] of routeFiles()) {
    const exported: Record<string, unknown> = await import(file);
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']) {
      if (typeof exported[method] === 'function') operations.push(`${method} ${openApiPath}`);
    }
  }
  return operations.sort();
}

function documentedOperations(): Array<[string, Operation]> {
  return Object.entries(openApiDocument().paths).flatMap(([openApiPath, item]) =>
    HTTP_METHODS.flatMap((method) =>
      item[method] ? [[`${method.toUpperCase()} ${openApiPath}`, item[method]] as [string, Operation]] : [],
    ),
  );
}

describe('the OpenAPI document matches the route handlers', () => {
  it('finds the route files (the walk itself works)', () => {
    expect(routeFiles().length).toBeGreaterThanOrEqual(10);
  });

  it('documents every implemented operation, and implements every documented one', async () => {
    const implemented = await implementedOperations();
    const documented = documentedOperations()
      .map(([key]) => key)
      .sort();
    expect(implemented.filter((key) => !documented.includes(key))).toEqual([]);
    expect(documented.filter((key) => !implemented.includes(key))).toEqual([]);
  });

  it('declares every path parameter it uses', () => {
    const document = openApiDocument();
    for (const [key, operation] of documentedOperations()) {
      const placeholders = [...key.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      const declared = (operation.parameters ?? []).map((parameter) => {
        const name = '$ref' in parameter ? parameter.$ref.split('/').pop()! : parameter.name;
        return document.components.parameters[name] ?? parameter;
      });
      for (const placeholder of placeholders) {
        expect(
          declared.some((parameter) => 'in' in parameter && parameter.in === 'path' && parameter.name === placeholder),
          `${key} {${placeholder}}`,
        ).toBe(true);
      }
    }
  });

  it('resolves every $ref, and describes 401 and 429 on every authenticated operation', () => {
    const document = openApiDocument();
    const text = JSON.stringify(document);
    for (const [, ref] of text.matchAll(/"\$ref":"#\/([^"]+)"/g)) {
      const target = ref!.split('/').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], document);
      expect(target, ref).toBeDefined();
    }
    for (const [key, operation] of documentedOperations()) {
      if (operation.security?.length === 0) continue;
      expect(Object.keys(operation.responses), key).toEqual(expect.arrayContaining(['401', '429', '400']));
    }
  });

  it('has an error response for every status the API maps a code to', () => {
    expect(Object.keys(ERROR_RESPONSES).map(Number).sort()).toEqual([...new Set(Object.values(HTTP_STATUS))].sort());
  });

  it('offers every operation definition to tokens, restore with the typed confirmation and the undo snapshot', () => {
    const apiOperationFor: Record<OperationName, string> = {
      provision: 'createEnvironment',
      snapshot: 'createSnapshot',
      reset: 'resetEnvironment',
      restore: 'restoreEnvironment',
      drop: 'dropEnvironment',
      dropSnapshot: 'dropSnapshot',
      extend: 'extendEnvironment',
      protect: 'protectEnvironment',
      rotateCredentials: 'rotateCredentials',
    };
    const ids = documentedOperations().map(([, operation]) => operation.operationId);
    for (const name of Object.keys(OPERATIONS) as OperationName[]) expect(ids, name).toContain(apiOperationFor[name]);
    const { schemas } = openApiDocument().components;
    expect(Object.keys(schemas.RestoreEnvironmentRequest?.properties ?? {})).toEqual(['snapshot', 'confirmation']);
    expect(schemas.RestoredEnvironment?.required).toContain('undoSnapshot');
  });
});
