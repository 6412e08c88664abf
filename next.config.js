import { securityHeaderRules } from './lib/http/security-headers.mjs';

/**
 * Packages that load WebAssembly or native code, or open files relative to their own
 * location, stay out of the server bundle and are loaded from node_modules at run time.
 * @type {import('next').NextConfig}
 */
const nextConfig = {
  serverExternalPackages: [
    '@electric-sql/pglite',
    '@electric-sql/pglite-pgvector',
    '@electric-sql/pglite-socket',
    'pg',
    'mysql2',
    'pglite-prisma-adapter',
    '@prisma/adapter-pg',
    '@prisma/client',
    '@prisma/driver-adapter-utils',
  ],
  // Separate build directories let several builds of one checkout coexist (tests, benchmarks).
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  experimental: {
    // Server actions take form-sized input; the largest is a console query (100 000 characters).
    serverActions: { bodySizeLimit: '512kb' },
    // What the proxy buffers of a request it sees (pages and their actions; not /api): a little over the above.
    proxyClientMaxBodySize: '1mb',
  },
  reactStrictMode: true,
  turbopack: { root: import.meta.dirname },
  // CSP (no framing), nosniff, referrer policy, and HSTS behind HTTPS: lib/http/security-headers.mjs.
  headers: async () => securityHeaderRules({ development: process.env.NODE_ENV === 'development' }),
};

export default nextConfig;
