import { expect, type Locator } from '@playwright/test';

/**
 * Waits until React has hydrated a control. Typing into a server-rendered form before that
 * is lost (or submits the form natively), which makes specs flaky on a busy machine. React
 * attaches its props to each DOM node it hydrates; that is the signal.
 */
export async function expectHydrated(control: Locator): Promise<void> {
  await expect
    .poll(() => control.evaluate((element) => Object.keys(element).some((key) => key.startsWith('__reactProps$'))), {
      message: 'the control is hydrated',
    })
    .toBe(true);
}
