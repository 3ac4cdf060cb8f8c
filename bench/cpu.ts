// CPU seconds (user + system) of a command and of every process it starts, Chromium included:
// on a machine shared with other work, wall time says little, CPU time much more.
//
//   node bench/cpu.ts npx vitest run test/site-browser.test.ts
//   node bench/cpu.ts -- npx vitest run test/site-browser.test.ts      (the same)
//
// The process tree is sampled from /proc every 200 ms (bench/proc-tree.ts: a process living
// less than that is missed). Linux only.
import { spawn } from 'node:child_process';
import { treeCpu } from './proc-tree.ts';

const argv = process.argv.slice(2);
const [command, ...args] = argv[0] === '--' ? argv.slice(1) : argv;
if (!command) {
  console.error('usage: node bench/cpu.ts [--] <command> [args…]');
  process.exit(2);
}
const started = performance.now();
const child = spawn(command, args, { stdio: 'inherit' });
const sampler = treeCpu(child.pid!);
const exitCode = await new Promise<number>((resolve) => {
  child.on('error', (err) => {
    console.error(`bench/cpu.ts: ${command}: ${err.message}`);
    resolve(127);
  });
  child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
});
const { cpuSeconds, processes } = sampler.stop();
console.log(
  `cpu ${cpuSeconds.toFixed(1)} s, wall ${((performance.now() - started) / 1000).toFixed(1)} s, ${processes} processes, exit ${exitCode}`,
);
process.exit(exitCode);
