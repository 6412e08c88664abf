import { validation } from '@/lib/errors';

export interface ParsedArgs {
  positionals: string[];
  /** `--name value` options; repeated options keep the last value. */
  options: Map<string, string>;
  /** `--name` switches. */
  flags: Set<string>;
}

/**
 * Parses `argv` knowing which options are switches (take no value). Unknown options
 * are rejected so a typo does not silently change what a command does.
 */
export function parseArgs(argv: string[], spec: { flags?: string[]; options?: string[] }): ParsedArgs {
  const flagNames = new Set(spec.flags ?? []);
  const optionNames = new Set(spec.options ?? []);
  const parsed: ParsedArgs = { positionals: [], options: new Map(), flags: new Set() };
  for (let index = 0; index < argv.length; index++) {
    const word = argv[index]!;
    if (word === '--') {
      parsed.positionals.push(...argv.slice(index + 1));
      break;
    }
    // Only `--name` / `--name=value` are options: a statement starting with a SQL comment is a positional.
    if (!/^--[a-z][a-z0-9-]*(=|$)/.test(word)) {
      parsed.positionals.push(word);
      continue;
    }
    const [name, inlineValue] = splitOption(word.slice(2));
    if (flagNames.has(name)) {
      if (inlineValue !== undefined) throw validation(`--${name} takes no value.`);
      parsed.flags.add(name);
    } else if (optionNames.has(name)) {
      const value = inlineValue ?? argv[++index];
      if (value === undefined) throw validation(`--${name} needs a value.`);
      parsed.options.set(name, value);
    } else {
      throw validation(`Unknown option --${name}.`);
    }
  }
  return parsed;
}

function splitOption(text: string): [string, string | undefined] {
  const equals = text.indexOf('=');
  return equals < 0 ? [text, undefined] : [text.slice(0, equals), text.slice(equals + 1)];
}

/** The positional at `index`, or a usage error naming it. */
export function requirePositional(args: ParsedArgs, index: number, name: string): string {
  const value = args.positionals[index];
  if (value === undefined) throw validation(`Missing ${name}.`);
  return value;
}

export function rejectExtraPositionals(args: ParsedArgs, expected: number): void {
  if (args.positionals.length > expected) {
    throw validation(`Unexpected argument "${args.positionals[expected]}".`);
  }
}
