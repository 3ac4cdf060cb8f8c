#!/usr/bin/env node
// Compiles src/ into dist/ (ESM JavaScript + .d.ts, the same folder layout) and copies every
// file of src/ that is not TypeScript (browser assets such as src/render/assets/page.js) next to
// the compiled modules, so paths resolved with import.meta.url work from dist/ as from src/.
// Run by `npm run build`, `prepare` (npm ci / git installs) and `prepack` (npm pack / publish).
// Types are checked by `npm test` / `npm run typecheck`; the build only emits (--noCheck).
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const dist = join(root, 'dist');

let tsc;
try {
  tsc = join(dirname(createRequire(join(root, 'package.json')).resolve('typescript/package.json')), 'bin', 'tsc');
} catch {
  // An install without devDependencies (npm ci --omit=dev in a checkout): nothing to compile with.
  console.error(
    '[build] typescript is not installed: dist/ not built (install the devDependencies, then npm run build)',
  );
  process.exit(existsSync(join(dist, 'index.js')) ? 0 : 1);
}

rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--noCheck'], {
  cwd: root,
  stdio: 'inherit',
});

function copyAssets(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) copyAssets(path);
    else if (entry.isFile() && !/\.[cm]?ts$/.test(entry.name)) {
      const target = join(dist, relative(src, path));
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(path, target);
    }
  }
}
copyAssets(src);

// tsc writes files without the run bit, and `rmSync` above removed the one npm's install set:
// package.json's bin must stay executable after every rebuild, or `npx coursemap` fails with
// "Permission denied" (npm sets the bit only when it links the bin at install time).
chmodSync(join(dist, 'cli', 'bin.js'), 0o755);
