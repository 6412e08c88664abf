import { afterAll, beforeAll, describe } from 'vitest';
import type { Engine } from '../types';
import { dropEverything, runPrefix } from './contract-helpers';
import { isolationScenarios } from './scenarios-isolation';
import { lifecycleScenarios } from './scenarios-lifecycle';
import { branchScenarios } from './scenarios-branches';
import { credentialScenarios } from './scenarios-credentials';
import { historyScenarios } from './scenarios-history';
import { rejectionScenarios } from './scenarios-rejections';
import { tableScenarios } from './scenarios-tables';

/**
 * The engine contract suite: the behaviour every engine must show, written once against
 * the `Engine` interface. `defineEngineContract` registers it for one engine; the factory
 * opens the engine (once, for all scenarios) and the suite closes it. Every object a
 * scenario creates is named under a prefix unique to the run, and dropped at the end.
 */
export interface ContractContext {
  readonly engine: Engine;
  /** A database or snapshot name unique to this run: `name('src')` → "ctab12c_src". */
  name(base: string): string;
  readonly prefix: string;
}

export function defineEngineContract(label: string, openEngine: () => Promise<Engine>): void {
  describe(`engine contract: ${label}`, () => {
    const prefix = runPrefix();
    let engine: Engine | null = null;
    const context: ContractContext = {
      get engine() {
        if (!engine) throw new Error('the engine did not open');
        return engine;
      },
      name: (base) => `${prefix}${base}`,
      prefix,
    };

    beforeAll(async () => {
      engine = await openEngine();
    });
    afterAll(async () => {
      if (!engine) return;
      try {
        await dropEverything(engine, prefix);
      } finally {
        await engine.close();
      }
    });

    isolationScenarios(context);
    lifecycleScenarios(context);
    rejectionScenarios(context);
    // Typed by capability: an engine without the ability skips the scenario, saying why.
    tableScenarios(context);
    historyScenarios(context);
    branchScenarios(context);
    credentialScenarios(context);
  });
}
