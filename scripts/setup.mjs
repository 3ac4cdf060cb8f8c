#!/usr/bin/env node
// One-time, idempotent set-up run before `npm test` and `npm run demo`.
// Plain JavaScript so that it runs on whatever Node starts it (the system's
// Node 20 on a fresh machine); everything after it runs on the pinned Node 24.
// `--test` (npm test) also provides a Node 22 runtime: the packaging test runs the packed CLI
// on the oldest supported Node as well as on 24.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const quiet = process.env.COURSEMAP_SETUP_QUIET === '1';
const say = (msg) => {
  if (!quiet) console.error(`[setup] ${msg}`);
};

const BROWSERS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
];
// Debian packages: a browser with emoji fonts for rendering, and the tools the tests use to inspect outputs.
const APT_PACKAGES = [
  { pkg: 'chromium', present: () => BROWSERS.some((p) => existsSync(p)) || !!process.env.PUPPETEER_EXECUTABLE_PATH },
  { pkg: 'fonts-noto-color-emoji', present: () => existsSync('/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf') },
  // CJK for viewers that ignore embedded fonts (rsvg-convert) and for deck/print text in Chromium.
  { pkg: 'fonts-noto-cjk', present: () => existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc') },
  { pkg: 'librsvg2-bin', present: () => onPath('rsvg-convert') },
  { pkg: 'poppler-utils', present: () => onPath('pdftoppm') },
];

function onPath(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

function installSystemPackages() {
  const missing = APT_PACKAGES.filter((p) => !p.present()).map((p) => p.pkg);
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !onPath('apt-get')) {
    say(`missing system packages: ${missing.join(', ')} (not root or no apt-get: skipping).`);
    say(
      'puppeteer will use its own browser if it could download one; emoji may render as boxes without an emoji font.',
    );
    return;
  }
  say(`installing Debian packages: ${missing.join(', ')} (apt-get update + install, once)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env,
  });
}

function needsNpmInstall() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  if (!existsSync(marker) || !existsSync(join(root, 'node_modules', '.bin', 'node'))) return true;
  // Reinstall when the lockfile changed after the last install.
  return statSync(join(root, 'package-lock.json')).mtimeMs > statSync(marker).mtimeMs + 1000;
}

// npm prints one EBADENGINE warning per package when the machine's Node is older than the
// packages want (they run on the pinned Node 24 anyway): errors only, and say what comes instead.
const NPM_QUIET = ['--no-audit', '--no-fund', '--loglevel=error'];

function installNodeModules() {
  if (!needsNpmInstall()) return;
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
  const count = Object.keys(lock.packages ?? {}).filter((k) => k.startsWith('node_modules/')).length;
  say(`installing ${count} npm packages (npm ci), among them:`);
  say(`  the pinned Node ${pkg.devDependencies?.node ?? ''} runtime (npm package node), used by every npm script`);
  say(`  ${Object.keys(pkg.dependencies ?? {}).join(', ')}`);
  say(
    `  dev: ${Object.keys(pkg.devDependencies ?? {})
      .filter((n) => n !== 'node' && n !== pkg.name)
      .join(', ')}`,
  );
  const started = Date.now();
  execFileSync('npm', ['ci', ...NPM_QUIET], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  say(`npm dependencies installed in ${Math.round((Date.now() - started) / 1000)} s; dist/ compiled`);
}

/** Where the tests find a Node 22 runtime (npm package node@22, outside the project's own tree). */
const NODE22_DIR = join(root, 'node_modules', '.cache', 'coursemap-node22');
const NODE22_BIN = join(NODE22_DIR, 'node_modules', 'node', 'bin', 'node');

function installNode22() {
  if (existsSync(NODE22_BIN)) return;
  say('installing a Node 22 runtime for the packaging test (npm package node@22, into node_modules/.cache/)');
  mkdirSync(NODE22_DIR, { recursive: true });
  writeFileSync(join(NODE22_DIR, 'package.json'), '{ "private": true }\n');
  // Its own folder, so its `node` bin never replaces the pinned Node 24 in node_modules/.bin.
  execFileSync('npm', ['install', '--prefer-offline', '--no-package-lock', ...NPM_QUIET, 'node@22'], {
    cwd: NODE22_DIR,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, npm_config_loglevel: 'error' },
  });
}

try {
  installSystemPackages();
  installNodeModules();
  if (process.argv.includes('--test')) installNode22();
  const pinned = JSON.parse(readFileSync(join(root, 'node_modules', 'node', 'package.json'), 'utf8')).version;
  if (!process.version.startsWith('v24') && !quiet)
    say(`using the pinned Node ${pinned} from node_modules/.bin for the next steps`);
} catch (err) {
  console.error(`[setup] failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
