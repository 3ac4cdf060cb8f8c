#!/usr/bin/env node
// Development entry: runs the TypeScript sources with Node's type stripping (Node >= 22.18; the
// checkout pins Node 24). The published command is dist/cli/bin.js (package.json "bin").
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(
    `coursemap's sources need Node 24 (found ${process.version}). Run it through npm so the pinned Node is used: npx coursemap …`,
  );
  process.exit(1);
}
await import('../src/cli/bin.ts');
