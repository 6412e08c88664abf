/** Where the browser tests' server runs, and the demo password it is started with. */
export const E2E_PORT = Number(process.env.CLONEDECK_E2E_PORT || 3210);
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
export const DEMO_PASSWORD = process.env.CLONEDECK_DEMO_PASSWORD || 'e2e-demo-password';

// The e2e server and the specs read the same password.
process.env.CLONEDECK_DEMO_PASSWORD = DEMO_PASSWORD;

/** The demo organisation first start creates (lib/setup/demo-organisation.ts). */
export const DEMO_USERS = {
  admin: 'admin@clonedeck.local',
  'lead-ds': 'lead.ds@clonedeck.local',
  'lead-qa': 'lead.qa@clonedeck.local',
  qa: 'qa@clonedeck.local',
  'lead-dev': 'lead.dev@clonedeck.local',
} as const;

export type DemoUserKey = keyof typeof DEMO_USERS;

export const storageStatePath = (user: DemoUserKey) => `e2e/.auth/${user}.json`;
