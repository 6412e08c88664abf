import { expect, test } from '@playwright/test';

type Step = { label: string; run: () => Promise<void> };

/**
 * What a spec created, undone in reverse order from its `finally`. Every step runs even if
 * one fails; failures are reported as soft assertion failures, so they fail the test without
 * hiding the error that brought the spec to its `finally`.
 */
export class CleanUp {
  private readonly steps: Step[] = [];

  /** Registers an undo step; register right before creating the thing it undoes. */
  add(label: string, run: () => Promise<void>): void {
    this.steps.push({ label, run });
  }

  async run(): Promise<void> {
    const failures: string[] = [];
    for (const step of this.steps.splice(0).reverse()) {
      try {
        await test.step(`clean up: ${step.label}`, step.run);
      } catch (error) {
        failures.push(`${step.label}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    expect.soft(failures, 'clean-up steps that failed').toEqual([]);
  }
}
