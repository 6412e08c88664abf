import { configFrom } from '@/lib/config';
import { environmentListSchema } from '@/lib/api/schemas';
import { validation } from '@/lib/errors';
import { normalizeServerUrl, saveApiConfig } from './api-config';
import { done } from './api-output';
import { withApi } from './api-run';
import { parseArgs, rejectExtraPositionals } from './args';
import type { CliCommand } from './io';

export { runEnvCommand } from './api-env-commands';
export { runSnapshotCommand } from './api-snapshot-commands';

const LOGIN_USAGE = `Usage: clonedeck login --url URL --token TOKEN [--json]

Checks the token against the server and saves both to $CLONEDECK_CONFIG
(default ~/.config/clonedeck/config.json, readable by you only).
In CI, set CLONEDECK_URL and CLONEDECK_TOKEN instead: they override the file.`;

/** `clonedeck login`: verify, then remember the server and token. */
export const runLoginCommand: CliCommand = async (argv, io) => {
  if (argv[0] === 'help' || argv[0] === '--help') {
    io.out(LOGIN_USAGE);
    return 0;
  }
  const args = parseArgs(argv, { flags: ['json'], options: ['url', 'token'] });
  rejectExtraPositionals(args, 0);
  const json = args.flags.has('json');
  const configured = configFrom();
  const url = args.options.get('url') ?? configured.CLONEDECK_URL;
  const token = (args.options.get('token') ?? configured.CLONEDECK_TOKEN)?.trim();
  if (!url || !token) throw validation(`login needs --url and --token.\n\n${LOGIN_USAGE}`);
  const config = { url: normalizeServerUrl(url), token };
  return withApi(
    io,
    json,
    async (client) => {
      const { body } = await client.request('GET', '/api/v1/environments', { schema: environmentListSchema });
      const file = saveApiConfig(config);
      const count = body.environments.length;
      return done(
        io,
        json,
        { url: config.url, config: file, environments: count },
        `Logged in to ${config.url} (token ${token.slice(0, 12)}…); it sees ${count} environment${count === 1 ? '' : 's'}. Saved to ${file}.`,
      );
    },
    config,
  );
};
