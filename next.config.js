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
  reactStrictMode: true,
  turbopack: { root: import.meta.dirname },
};

export default nextConfig;
