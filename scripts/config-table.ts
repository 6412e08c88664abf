// Rewrites the README's configuration tables from lib/config (the test in lib/config checks them).
import fs from 'node:fs';
import { withConfigTables } from '@/lib/config/table';

const readme = fs.readFileSync('README.md', 'utf8');
fs.writeFileSync('README.md', withConfigTables(readme));
console.log('README.md: configuration tables regenerated from lib/config.');
