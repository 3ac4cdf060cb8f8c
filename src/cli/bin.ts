#!/usr/bin/env node
// The `coursemap` command: package.json "bin" is its compiled form, dist/cli/bin.js.
// In a checkout (src/ next to dist/) the compiled entry runs the sources instead, so a
// development run never uses a stale build; COURSEMAP_DIST=1 forces dist/ (bench/startup.ts).
// Everything heavy is imported lazily: `--version` loads only this file, main.ts and common.ts.
import { existsSync, readFileSync } from 'node:fs';
import type { Io } from './common.ts';

const MIN_NODE = [22, 13] as const;

async function main(): Promise<void> {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  if (major < MIN_NODE[0] || (major === MIN_NODE[0] && minor < MIN_NODE[1])) {
    process.stderr.write(`coursemap needs Node ${MIN_NODE.join('.')} or newer (found ${process.version}).\n`);
    process.exitCode = 1;
    return;
  }
  const { run } = await import('./main.ts');
  const { runCleanups } = await import('../render/cleanup.ts');
  // What a build killed with kill -9 left (its Chromium, its temp folders) goes now; this run's
  // temp folders all live in one run folder, removed at exit (src/render/leftovers.ts).
  (await import('../render/leftovers.ts')).startRun();

  // Ctrl-C / SIGTERM: close every browser and remove temp files, then exit 130 / 143.
  let signalled = 0;
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.once(signal, () => {
      signalled = code;
      process.exitCode = code;
      process.stderr.write(`\ncoursemap: ${signal}, closing the browser…\n`);
      void runCleanups().finally(() => process.exit(code));
    });
  }

  // src/cli/bin.ts and dist/cli/bin.js are both two levels below the package root.
  const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  const readStdin = async (): Promise<string> => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  };
  const io: Io = {
    out: (t) => process.stdout.write(`${t}\n`),
    err: (t) => process.stderr.write(`${t}\n`),
    write: (t) => process.stderr.write(t),
    stdin: readStdin,
    isTTY: Boolean(process.stderr.isTTY),
  };
  try {
    const code = await run(process.argv.slice(2), io, version);
    process.exitCode = signalled || code;
  } catch (err) {
    // Work interrupted by a signal fails as its browser closes: the signal's exit code stands.
    if (!signalled) throw err;
  }
}

const sources = new URL('../../src/cli/bin.ts', import.meta.url);
const compiled = import.meta.url.endsWith('.js');
if (compiled && process.env['COURSEMAP_DIST'] !== '1' && process.features.typescript && existsSync(sources)) {
  await import(sources.href);
} else {
  await main();
}
