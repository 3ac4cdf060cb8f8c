// The README's quick start, as a newcomer runs it: clone the repository into a temporary folder
// (with ../shared beside it, as in a real checkout), `npm ci`, then every command of the README's
// "Quick start" section exactly as written (read from the README, so the test follows the docs),
// then `npm run build` — what anyone does after editing src/ — and every command again, this time
// with Node 22 first on PATH. `npm test` itself is the run this test is part of, so it is the
// one command not repeated inside it.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SHARED = join(ROOT, '..', 'shared');
const NODE22 = join(ROOT, 'node_modules', '.cache', 'coursemap-node22', 'node_modules', 'node', 'bin', 'node');
const TMP = mkdtempSync(join(tmpdir(), 'coursemap-quickstart-'));
const CLONE = join(TMP, 'coursemap');

/** The shell commands of the README's "Quick start" section, comments removed, in order. */
function quickStartCommands(readme: string): string[] {
  const start = readme.indexOf('## Quick start');
  if (start < 0) throw new Error('README has no "## Quick start" section');
  const end = readme.indexOf('\n## ', start + 5);
  const section = readme.slice(start, end < 0 ? undefined : end);
  const commands: string[] = [];
  for (const block of section.matchAll(/```(?:sh|bash|shell)\n([\s\S]*?)```/g)) {
    for (const line of (block[1] ?? '').split('\n')) {
      const command = line.replace(/\s+#.*$/, '').trim();
      if (command !== '' && !command.startsWith('#')) commands.push(command);
    }
  }
  return commands;
}

/** A clean environment: no npm_* settings of the outer `npm test`, no colour codes. */
function cleanEnv(pathPrefix?: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  // The outer run's PATH starts with this checkout's node_modules/.bin: the clone must use its own.
  const path = (env.PATH ?? '')
    .split(':')
    .filter((p) => !p.startsWith(ROOT))
    .join(':');
  return { ...env, NO_COLOR: '1', PUPPETEER_SKIP_DOWNLOAD: 'true', PATH: pathPrefix ? `${pathPrefix}:${path}` : path };
}

function sh(command: string, env: NodeJS.ProcessEnv): { status: number | null; out: string } {
  const r = spawnSync('sh', ['-c', command], {
    cwd: CLONE,
    env,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    timeout: 300_000,
  });
  return { status: r.status, out: `${r.stdout}\n${r.stderr}` };
}

const commands = quickStartCommands(readFileSync(join(ROOT, 'README.md'), 'utf8')).filter((c) => c !== 'npm test');

beforeAll(() => {
  execFileSync('git', ['clone', '--quiet', '--no-hardlinks', ROOT, CLONE]);
  if (existsSync(SHARED)) symlinkSync(SHARED, join(TMP, 'shared'));
  // From the npm cache the outer set-up filled: a fresh clone's install, without the network.
  const r = sh('npm ci --prefer-offline --no-audit --no-fund --loglevel=error', cleanEnv());
  if (r.status !== 0) throw new Error(`npm ci failed in the clone:\n${r.out}`);
}, 600_000);

afterAll(() => rmSync(TMP, { recursive: true, force: true }));

describe('README quick start from a fresh clone', () => {
  it('lists the commands a newcomer runs', () => {
    expect(commands).toContain('npm run demo');
    expect(commands.some((c) => c.startsWith('npx coursemap build'))).toBe(true);
  });

  const runAll = (env: NodeJS.ProcessEnv, round: string) => {
    for (const command of commands) {
      const r = sh(command, env);
      // `lint` reports the course's errors with exit 1, as the README says; 2 would be bad usage.
      const allowed = /^npx coursemap lint\b/.test(command) ? [0, 1] : [0];
      expect(allowed, `${round}: \`${command}\` exited ${r.status}:\n${r.out.slice(-3000)}`).toContain(r.status);
      expect(r.out, `${round}: \`${command}\``).not.toMatch(/Permission denied/);
    }
    expect(statSync(join(CLONE, 'out', 'index.html')).size).toBeGreaterThan(0);
  };

  it('runs every quick-start command after npm ci', () => {
    runAll(cleanEnv(), 'after npm ci');
  }, 900_000);

  it('runs them again after `npm run build`, on Node 22, with the bin still executable', () => {
    const build = sh('npm run build', cleanEnv());
    expect(build.status, build.out).toBe(0);
    expect(statSync(join(CLONE, 'dist', 'cli', 'bin.js')).mode & 0o111).not.toBe(0);
    const env = existsSync(NODE22) ? cleanEnv(dirname(NODE22)) : cleanEnv();
    expect(sh('node --version', env).out).toMatch(existsSync(NODE22) ? /v22\./ : /v\d+/);
    runAll(env, 'after npm run build');
  }, 900_000);
});
