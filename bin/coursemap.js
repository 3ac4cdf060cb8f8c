#!/usr/bin/env node
// Entry point. coursemap is TypeScript run directly by Node's type stripping (Node >= 22.18; pinned 24).
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(`coursemap needs Node 24 (found ${process.version}). Run it through npm so the pinned Node is used: npx coursemap …`);
  process.exit(1);
}
const { readFileSync } = await import('node:fs');
const { run } = await import('../src/cli/main.ts');
const { runCleanups } = await import('../src/render/index.ts');

// Ctrl-C / SIGTERM: close every browser and remove temp files, then exit 130 / 143.
let signalled = 0;
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) {
  process.once(signal, () => {
    signalled = code;
    process.exitCode = code;
    process.stderr.write(`\ncoursemap: ${signal}, closing the browser…\n`);
    runCleanups().finally(() => process.exit(code));
  });
}

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const readStdin = async () => {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
};
const io = {
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
