import type { MergeConflictChoice } from '../branch-types';
import type { Engine, EngineAbilities, EngineKind, RestoreAbility, SnapshotLevel } from '../types';

/**
 * What the engine service lets a client call: the engine contract's operations and each
 * ability's, by name. Anything else (`close`, prototype names, fields) is refused, so a
 * caller can run the contract and nothing more.
 */
export const ENGINE_METHODS = [
  'health',
  'listDatabases',
  'getDatabase',
  'createDatabase',
  'cloneDatabase',
  'dropDatabase',
  'listSnapshots',
  'createSnapshot',
  'dropSnapshot',
  'usage',
  'connectionInfo',
  'query',
] as const satisfies ReadonlyArray<keyof Engine>;

type AbilityMethods = {
  [Name in keyof EngineAbilities]-?: ReadonlyArray<
    {
      [Key in keyof NonNullable<EngineAbilities[Name]>]: NonNullable<EngineAbilities[Name]>[Key] extends (...args: never[]) => unknown
        ? Key
        : never;
    }[keyof NonNullable<EngineAbilities[Name]>]
  >;
};

export const ABILITY_METHODS = {
  credentials: ['reveal', 'rotate', 'setValidUntil'],
  sessions: ['list', 'end'],
  dataDiff: ['diffDatabase', 'sampleTable'],
  dataMerge: ['mergeTables'],
  tableClone: ['cloneTable'],
  restore: ['restoreDatabase'],
  tableRestore: ['restoreTable'],
  accountRestore: ['restoreAccount'],
  pointInTime: ['createPitr', 'listPitrs', 'dropPitr', 'restoreDatabaseToTime', 'serverTime'],
} as const satisfies AbilityMethods;

export type AbilityName = keyof typeof ABILITY_METHODS;
export const ABILITY_NAMES = Object.keys(ABILITY_METHODS) as AbilityName[];

/** Which methods a call may name for a target (`engine` or an ability). */
export function isCallable(target: string, method: string): boolean {
  const methods: readonly string[] | undefined =
    target === 'engine' ? ENGINE_METHODS : Object.hasOwn(ABILITY_METHODS, target) ? ABILITY_METHODS[target as AbilityName] : undefined;
  return methods?.includes(method) ?? false;
}

/** An engine as the service describes it: its fixed facts, and which abilities it has. */
export interface EngineDescription {
  id: string;
  kind: EngineKind;
  label: string;
  snapshotLevels: SnapshotLevel[];
  deltaAccounting: boolean;
  asyncClone: boolean;
  consoleTimeoutMs?: number;
  abilities: AbilityName[];
  restoreMode?: RestoreAbility['mode'];
  conflictChoices?: MergeConflictChoice[];
}

export function describeEngine(id: string, engine: Engine): EngineDescription {
  return {
    id,
    kind: engine.kind,
    label: engine.label,
    snapshotLevels: [...engine.snapshotLevels],
    deltaAccounting: engine.deltaAccounting,
    asyncClone: engine.asyncClone,
    consoleTimeoutMs: engine.consoleTimeoutMs,
    abilities: ABILITY_NAMES.filter((name) => engine.abilities[name] !== undefined),
    restoreMode: engine.abilities.restore?.mode,
    conflictChoices: engine.abilities.dataMerge ? [...engine.abilities.dataMerge.conflictChoices] : undefined,
  };
}
