// A database's worker thread starts here: TypeScript through tsx (as bin/clonedeck.mjs does),
// so the worker runs the same sources in development, tests, the CLI and the built dashboard.
import { register } from 'tsx/esm/api';

register({ tsconfig: new URL('../../../../tsconfig.json', import.meta.url).pathname });
await import('./instance-worker-main.ts');
