// coursemap.schema.json: generated from the valibot schema (never stale), agrees with the loader,
// and `coursemap init` writes a config that points at it and validates against it.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { configJsonSchemaText } from '../scripts/schema.ts';
import { run, type Io } from '../src/cli/main.ts';
import { CONFIG_KEYS, ConfigError, findConfigFile, SCHEMA_FILE, validateConfig } from '../src/config/index.ts';

const temps: string[] = [];
const temp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'coursemap-schema-'));
  temps.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

const committed = readFileSync(SCHEMA_FILE, 'utf8');
const schema = JSON.parse(committed) as { properties: Record<string, unknown> };
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
const quiet: Io = { out: () => undefined, err: () => undefined, stdin: async () => '' };

async function init(dir: string): Promise<Record<string, unknown>> {
  expect(await run(['init', dir, '--quiet'], quiet, '0')).toBe(0);
  return JSON.parse(readFileSync(join(dir, 'coursemap.config.json'), 'utf8')) as Record<string, unknown>;
}

describe('coursemap.schema.json', () => {
  it('is what `npm run schema` generates from src/config/schema.ts (run it after changing a setting)', () => {
    expect(committed, 'coursemap.schema.json is stale: run `npm run schema`').toBe(configJsonSchemaText());
  });

  it('describes exactly the settings the loader knows, plus $schema', () => {
    expect(Object.keys(schema.properties).sort()).toEqual(['$schema', ...CONFIG_KEYS].sort());
  });

  it('accepts and rejects the same values as the loader', () => {
    const samples: Record<string, unknown>[] = [
      {
        out: 'site',
        formats: ['svg', 'png', 'pdf'],
        theme: 'neutral',
        background: 'white',
        scale: 2,
        timeout: 15000,
        templates: './t',
      },
      {
        cacheDir: '.coursemap-cache',
        paper: 'a4',
        orientation: 'landscape',
        pdfNotes: false,
        browserWSEndpoint: 'ws://chrome-pool:3000/',
        maxBytes: 20000000,
        port: 4321,
      },
      { formats: 'svg, pdf', cacheDir: false, background: 'rgb(10, 20, 30)', port: 0 },
      { formats: 'svg,,html,' },
      { thme: 'dark' },
      { theme: 'purple' },
      { scale: 0 },
      { scale: 9 },
      { timeout: 0.5 },
      { formats: [] },
      { formats: ['svg', 'gif'] },
      { formats: 'svg,gif' },
      { formats: 'svg pdf' },
      { out: '' },
      { out: '   ' },
      { cacheDir: true },
      { pdfNotes: 'yes' },
      { handoutSlides: 6, handoutLines: true, formats: 'svg,handout,book' },
      { handoutSlides: 4 },
      { handoutSlides: '3' },
      { handoutLines: 'no' },
      { browserWSEndpoint: 'http://x' },
      { maxBytes: 1.5 },
      { port: 70000 },
      { port: -1 },
      { background: 'url(x);}' },
      { $schema: './coursemap.schema.json', theme: 'dark' },
      { $schema: 5 },
    ];
    for (const sample of samples) {
      let loader = true;
      try {
        validateConfig(sample, 'c.json', '/');
      } catch {
        loader = false;
      }
      expect(validate(sample), JSON.stringify(sample)).toBe(loader);
    }
  });
});

describe('coursemap init and the schema', () => {
  it('writes a config that validates against coursemap.schema.json and whose $schema finds it', async () => {
    const dir = temp();
    const config = await init(dir);
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
    expect(typeof config['$schema']).toBe('string');
    const ref = String(config['$schema']);
    expect(ref).toMatch(/^\.\.?\//); // relative, no URL: works offline and in a checkout
    expect(realpathSync(resolve(dir, ref))).toBe(realpathSync(SCHEMA_FILE));
  });

  it('points at node_modules/coursemap/coursemap.schema.json when the project installs coursemap', async () => {
    const project = temp();
    mkdirSync(join(project, 'node_modules', 'coursemap'), { recursive: true });
    copyFileSync(SCHEMA_FILE, join(project, 'node_modules', 'coursemap', 'coursemap.schema.json'));
    expect((await init(project))['$schema']).toBe('./node_modules/coursemap/coursemap.schema.json');
    expect((await init(join(project, 'docs', 'course')))['$schema']).toBe(
      '../../node_modules/coursemap/coursemap.schema.json',
    );
  });
});

describe('the search upward (lilconfig)', () => {
  it('prefers .json, then .js, then .mjs in one folder, and an empty file still counts', () => {
    const dir = temp();
    writeFileSync(join(dir, 'coursemap.config.mjs'), 'export default {};');
    expect(findConfigFile(dir)).toBe(join(dir, 'coursemap.config.mjs'));
    writeFileSync(join(dir, 'coursemap.config.js'), 'export default {};');
    expect(findConfigFile(dir)).toBe(join(dir, 'coursemap.config.js'));
    writeFileSync(join(dir, 'coursemap.config.json'), '');
    expect(findConfigFile(join(dir))).toBe(join(dir, 'coursemap.config.json'));
  });

  it('a folder named like a config file is a config error, not a crash', () => {
    const dir = temp();
    mkdirSync(join(dir, 'coursemap.config.json'));
    mkdirSync(join(dir, 'course'));
    expect(() => findConfigFile(join(dir, 'course'))).toThrow(ConfigError);
    expect(() => findConfigFile(join(dir, 'course'))).toThrow(
      `${join(dir, 'course')}: cannot read the config file found upward from here (EISDIR`,
    );
  });
});
