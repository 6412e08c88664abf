/** Prisma's code for a unique constraint violation (the error's `code`, never its message). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}
