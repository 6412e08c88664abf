import type { Environment } from '@/lib/generated/prisma/client';
import type { Actor } from '../actor';
import type { DomainContext } from '../context';
import { provisionOperation } from '../operations/provision-operation';
import { startOperation } from '../operations/runner';

/**
 * Provisions a team environment (see provisionOperation): answers with the record in status
 * "provisioning" while the clone runs in the background, or with `wait`, once it settled
 * (ready, or failed with the reason).
 */
export async function provisionEnvironment(
  context: DomainContext,
  actor: Actor,
  rawInput: unknown,
  options: { wait?: boolean } = {},
): Promise<Environment> {
  const { subject, finished } = await startOperation(provisionOperation, context, actor, rawInput);
  const environment = subject.environment!;
  if (!options.wait) return environment;
  await finished.catch(() => undefined);
  return context.prisma.environment.findUniqueOrThrow({ where: { id: environment.id } });
}
