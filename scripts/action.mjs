#!/usr/bin/env node
// The logic of the composite GitHub Action (action.yml), in a script so that it can be run and
// tested outside GitHub with the same inputs (INPUT_* environment variables, as GitHub names them).
//
//   node scripts/action.mjs install   install coursemap into the course repository (unless there)
//   node scripts/action.mjs run       coursemap build --check, or build; writes GITHUB_OUTPUT
//
// Inputs: INPUT_COURSE (default content), INPUT_OUT (out), INPUT_MODE (check | build),
// INPUT_SHARD (i/n, build mode only), INPUT_PACKAGE (npm spec to install when the repository
// does not list coursemap; default: this action's own repository and ref).
// Outputs (GITHUB_OUTPUT): status (ok | drift | errors), artifact (a name unique per shard).
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The action's inputs from the environment, checked. Throws a one-line message on bad input. */
export function readInputs(env) {
  const get = (name, fallback) => (env[`INPUT_${name}`] ?? '').trim() || fallback;
  const inputs = {
    course: get('COURSE', 'content'),
    out: get('OUT', 'out'),
    mode: get('MODE', 'check'),
    shard: get('SHARD', ''),
    package: get('PACKAGE', ''),
  };
  if (!['check', 'build'].includes(inputs.mode)) throw new Error(`mode must be check or build, got "${inputs.mode}"`);
  if (inputs.shard && !/^\d+\/\d+$/.test(inputs.shard))
    throw new Error(`shard must look like 2/3, got "${inputs.shard}"`);
  if (inputs.shard && inputs.mode === 'check')
    throw new Error('shard needs mode: build (check the merged out/ in a job without shard)');
  return inputs;
}

/**
 * How to install coursemap in `cwd`: nothing when it is installed; `npm ci` / `npm install`
 * when the repository lists it in package.json; else `npm install --no-save <spec>` (the
 * `package` input, or this action's own repository at its ref, built by its prepare script).
 */
export function installCommand(cwd, inputs, env) {
  if (existsSync(join(cwd, 'node_modules', '.bin', 'coursemap'))) return null;
  const pkgFile = join(cwd, 'package.json');
  const pkg = existsSync(pkgFile) ? JSON.parse(readFileSync(pkgFile, 'utf8')) : {};
  const listed = Boolean(pkg.dependencies?.coursemap ?? pkg.devDependencies?.coursemap);
  const quiet = ['--no-audit', '--no-fund', '--loglevel=error'];
  if (listed && !inputs.package)
    return ['npm', existsSync(join(cwd, 'package-lock.json')) ? 'ci' : 'install', ...quiet];
  const repo = env.GITHUB_ACTION_REPOSITORY;
  const spec =
    inputs.package ||
    (repo ? `github:${repo}${env.GITHUB_ACTION_REF ? `#${env.GITHUB_ACTION_REF}` : ''}` : 'coursemap');
  return ['npm', 'install', '--no-save', ...quiet, spec];
}

/** The coursemap command line for the inputs (without the program). */
export function buildArgs(inputs, check) {
  return [
    'build',
    inputs.course,
    '--out',
    inputs.out,
    ...(check ? ['--check'] : []),
    ...(inputs.shard ? ['--shard', inputs.shard] : []),
  ];
}

export function artifactName(inputs) {
  return inputs.shard ? `coursemap-out-${inputs.shard.replace('/', '-of-')}` : 'coursemap-out';
}

function sh(cmd, cwd) {
  console.log(`$ ${cmd.join(' ')}`);
  const r = spawnSync(cmd[0], cmd.slice(1), { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (r.stdout) process.stdout.write(r.stdout);
  if (r.error) throw r.error;
  return { status: r.status ?? 1, stdout: r.stdout ?? '' };
}

function output(env, values) {
  const lines = Object.entries(values)
    .map(([k, v]) => `${k}=${v}\n`)
    .join('');
  if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, lines);
}

function summary(env, text) {
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, `${text}\n`);
}

/** Runs the step; returns the process exit code. */
export function main(phase, cwd = process.cwd(), env = process.env) {
  const inputs = readInputs(env);
  if (phase === 'install') {
    const cmd = installCommand(cwd, inputs, env);
    if (!cmd) {
      console.log('coursemap is already installed (node_modules/.bin/coursemap)');
      return 0;
    }
    return sh(cmd, cwd).status;
  }
  if (phase !== 'run') throw new Error(`unknown phase "${phase}" (install or run)`);
  const bin = join(cwd, 'node_modules', '.bin', 'coursemap');
  if (!existsSync(bin)) throw new Error(`coursemap is not installed in ${cwd} (run the install phase first)`);
  const coursemap = (args) => sh([process.execPath, bin, ...args], cwd);
  output(env, { artifact: artifactName(inputs) });
  if (inputs.mode === 'build') {
    const built = coursemap(buildArgs(inputs, false));
    output(env, { status: built.status === 0 ? 'ok' : 'errors' });
    return built.status;
  }
  const check = coursemap(buildArgs(inputs, true));
  if (check.status === 0) {
    output(env, { status: 'ok' });
    summary(env, `coursemap: \`${inputs.out}/\` is up to date with \`${inputs.course}\`.`);
    return 0;
  }
  const drift = check.stdout.split('\n').filter((l) => /^(stale|missing|extra) /.test(l));
  output(env, { status: drift.length > 0 ? 'drift' : 'errors' });
  if (drift.length > 0) {
    summary(
      env,
      `coursemap: ${drift.length} output(s) of \`${inputs.out}/\` out of date; rebuild with \`npx coursemap ${buildArgs(inputs, false).join(' ')}\` and commit:\n\n\`\`\`\n${drift.join('\n')}\n\`\`\``,
    );
    // Build anyway, so that the uploaded artifact holds the up-to-date outputs; the step still fails.
    coursemap(buildArgs(inputs, false));
  }
  return check.status;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    process.exitCode = main(process.argv[2] ?? '');
  } catch (err) {
    console.error(`coursemap action: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 2;
  }
}
