import type { StartedServer } from './started-server';

export function mountReflinkFilesystem(): Promise<StartedServer>;
