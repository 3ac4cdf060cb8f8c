#!/usr/bin/env node
// One-time, idempotent set-up run before `npm test` and `npm run demo`.
// Plain JavaScript so that it runs on whatever Node starts it (the system's
// Node 20 on a fresh machine); everything after it runs on the pinned Node 24.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const quiet = process.env.COURSEMAP_SETUP_QUIET === '1';
const say = (msg) => { if (!quiet) console.error(`[setup] ${msg}`); };

const BROWSERS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome-stable', '/usr/bin/google-chrome'];
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
    say('puppeteer will use its own browser if it could download one; emoji may render as boxes without an emoji font.');
    return;
  }
  say(`installing Debian packages: ${missing.join(', ')} (apt-get update + install, once)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: ['ignore', 'ignore', 'inherit'], env });
}

function needsNpmInstall() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  if (!existsSync(marker) || !existsSync(join(root, 'node_modules', '.bin', 'node'))) return true;
  // Reinstall when the lockfile changed after the last install.
  return statSync(join(root, 'package-lock.json')).mtimeMs > statSync(marker).mtimeMs + 1000;
}

function installNodeModules() {
  if (!needsNpmInstall()) return;
  say('installing npm dependencies (npm ci), including the pinned Node 24 runtime');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
}

try {
  installSystemPackages();
  installNodeModules();
  const pinned = JSON.parse(readFileSync(join(root, 'node_modules', 'node', 'package.json'), 'utf8')).version;
  if (!process.version.startsWith('v24') && !quiet) say(`using the pinned Node ${pinned} from node_modules/.bin for the next steps`);
} catch (err) {
  console.error(`[setup] failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
