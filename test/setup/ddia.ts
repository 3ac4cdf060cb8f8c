// Vitest global setup of the browser project (after browser.ts): when a selected test file reads
// the DDIA fixture (test/support/ddia.ts), its build starts now, in a child process using the
// shared browser, while the workers run the other files. Before, the first file that asked built
// it and the other worker, reaching a file that reads it too, sat idle on the lock for a minute.
// The files still call ddiaFixture(): it waits on the lock the child holds, or builds the fixture
// itself if the child failed (the child's error is printed, and the file's build reports its own).
// Teardown waits for the child, so that the browser closes and leftovers.ts checks after it.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

const SCRIPT = fileURLToPath(new URL('./ddia-build.ts', import.meta.url));

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // The run's file filters (`vitest run test/a.test.ts`): not in the typed API, set before any setup.
  const filters = (project.vitest as unknown as { filenamePattern?: string[] }).filenamePattern;
  const { testFiles } = await project.globTestFiles(filters);
  if (!testFiles.some((f) => readFileSync(f, 'utf8').includes('ddiaFixture('))) return async () => undefined;
  const child = spawn(process.execPath, [SCRIPT], {
    env: { ...process.env, COURSEMAP_TEST_BROWSER_WS: project.getProvidedContext().browserWSEndpoint },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = exited(child);
  return async () => {
    const code = await done;
    if (code !== 0) process.stderr.write(`The DDIA fixture build exited with ${code}:\n${stderr}\n`);
  };
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.on('error', () => resolve(-1));
    child.on('close', (code) => resolve(code));
  });
}
