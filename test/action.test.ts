// The composite GitHub Action: action.yml passes every input to scripts/action.mjs, and the
// script's decisions (inputs, how to install coursemap, the command line, artifact names).
// test/package.test.ts runs the script end to end in a course project with the packed coursemap.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
// @ts-expect-error plain JavaScript module without declarations (it runs on the runner's Node as is)
import { artifactName, buildArgs, installCommand, readInputs } from '../scripts/action.mjs';

const tmp = mkdtempSync(join(tmpdir(), 'coursemap-action-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

type Step = { uses?: string; run?: string; env?: Record<string, string>; with?: Record<string, string>; if?: string };
const action = parse(readFileSync(new URL('../action.yml', import.meta.url), 'utf8')) as {
  inputs: Record<string, { default: string }>;
  runs: { using: string; steps: Step[] };
};

describe('action.yml', () => {
  it('is a composite action: setup-node, install, restore cache, run, save cache, upload', () => {
    expect(action.runs.using).toBe('composite');
    const what = action.runs.steps.map((s) => s.uses?.replace(/@.*/, '') ?? s.run);
    expect(what).toEqual([
      'actions/setup-node',
      'node "$GITHUB_ACTION_PATH/scripts/action.mjs" install',
      'actions/cache/restore',
      'node "$GITHUB_ACTION_PATH/scripts/action.mjs" run',
      'actions/cache/save',
      'actions/upload-artifact',
    ]);
    expect(action.runs.steps[0]?.with?.['node-version']).toBe('$' + '{{ inputs.node-version }}');
    expect(action.runs.steps.at(-1)?.with?.['path']).toBe('$' + '{{ inputs.out }}/');
  });

  it('hands every input the script reads to both script steps, under the name GitHub would use', () => {
    for (const step of action.runs.steps.filter((s) => s.run)) {
      for (const name of ['course', 'out', 'mode', 'shard']) {
        expect(step.env?.[`INPUT_${name.toUpperCase()}`], `${step.run} ${name}`).toBe(`\${{ inputs.${name} }}`);
      }
    }
    expect(Object.keys(action.inputs).sort()).toEqual([
      'cache',
      'course',
      'mode',
      'node-version',
      'out',
      'package',
      'shard',
      'upload',
    ]);
  });
});

describe('scripts/action.mjs', () => {
  it('reads the inputs with the defaults of action.yml, and rejects bad ones with one line', () => {
    const defaults = readInputs({});
    expect(defaults).toEqual({
      course: action.inputs['course']?.default,
      out: action.inputs['out']?.default,
      mode: action.inputs['mode']?.default,
      shard: '',
      package: '',
    });
    expect(readInputs({ INPUT_COURSE: ' notes/ ', INPUT_MODE: 'build', INPUT_SHARD: '2/3' })).toMatchObject({
      course: 'notes/',
      mode: 'build',
      shard: '2/3',
    });
    expect(() => readInputs({ INPUT_MODE: 'deploy' })).toThrow('mode must be check or build, got "deploy"');
    expect(() => readInputs({ INPUT_MODE: 'build', INPUT_SHARD: 'two' })).toThrow(
      'shard must look like 2/3, got "two"',
    );
    expect(() => readInputs({ INPUT_SHARD: '1/2' })).toThrow('shard needs mode: build');
  });

  it('builds the coursemap command line and a per-shard artifact name', () => {
    expect(buildArgs(readInputs({}), true)).toEqual(['build', 'content', '--out', 'out', '--check']);
    const shard = readInputs({ INPUT_MODE: 'build', INPUT_SHARD: '2/3', INPUT_OUT: 'site' });
    expect(buildArgs(shard, false)).toEqual(['build', 'content', '--out', 'site', '--shard', '2/3']);
    expect(artifactName(shard)).toBe('coursemap-out-2-of-3');
    expect(artifactName(readInputs({}))).toBe('coursemap-out');
  });

  it('installs what the course repository lists, else the action repository at its ref, else nothing when present', () => {
    const repo = (name: string, pkg: object | null, lock = false, installed = false) => {
      const dir = join(tmp, name);
      mkdirSync(dir, { recursive: true });
      if (pkg) writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg));
      if (lock) writeFileSync(join(dir, 'package-lock.json'), '{}');
      if (installed) {
        mkdirSync(join(dir, 'node_modules', '.bin'), { recursive: true });
        writeFileSync(join(dir, 'node_modules', '.bin', 'coursemap'), '');
      }
      return dir;
    };
    const env = { GITHUB_ACTION_REPOSITORY: 'someone/coursemap', GITHUB_ACTION_REF: 'v1' };
    const quiet = ['--no-audit', '--no-fund', '--loglevel=error'];
    expect(
      installCommand(repo('listed-locked', { devDependencies: { coursemap: '^0.1.0' } }, true), readInputs({}), env),
    ).toEqual(['npm', 'ci', ...quiet]);
    expect(installCommand(repo('listed', { dependencies: { coursemap: '^0.1.0' } }), readInputs({}), env)).toEqual([
      'npm',
      'install',
      ...quiet,
    ]);
    expect(installCommand(repo('bare', null), readInputs({}), env)).toEqual([
      'npm',
      'install',
      '--no-save',
      ...quiet,
      'github:someone/coursemap#v1',
    ]);
    expect(installCommand(repo('bare', null), readInputs({ INPUT_PACKAGE: 'coursemap@0.1.0' }), env)).toEqual([
      'npm',
      'install',
      '--no-save',
      ...quiet,
      'coursemap@0.1.0',
    ]);
    expect(
      installCommand(repo('installed', { devDependencies: { coursemap: '^0.1.0' } }, true, true), readInputs({}), env),
    ).toBeNull();
  });
});
