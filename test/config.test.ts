// Config: validation with errors naming the key, upward search, precedence CLI > file > front matter > defaults, init.
import { mkdirSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveSettings } from '../src/cli/build.ts';
import { run } from '../src/cli/main.ts';
import { ConfigError, findConfigFile, frontMatterConfig, loadConfigFile, validateConfig } from '../src/config/index.ts';
import { captureIo, tempFolders } from './support/temp-course.ts';

const temp = tempFolders('coursemap-config-');
const COURSE = `---
title: Tiny
coursemap:
  theme: forest
  scale: 3
  background: "#eeeeee"
---
# Part I: One

## Chapter 1: First

### 1.1 Start

Text.
`;

const io = captureIo;

describe('config validation', () => {
  it('accepts every key and resolves paths against the file', () => {
    const c = validateConfig(
      {
        out: 'site',
        formats: 'svg,pdf',
        theme: 'dark',
        scale: 1.5,
        cacheDir: false,
        templates: 't',
        port: 0,
        pdfNotes: true,
      },
      'x.json',
      '/base',
    );
    expect(c).toEqual({
      out: '/base/site',
      formats: ['svg', 'pdf'],
      theme: 'dark',
      scale: 1.5,
      cacheDir: false,
      templates: '/base/t',
      port: 0,
      pdfNotes: true,
    });
  });

  it('names the bad key and suggests the close one', () => {
    expect(() => validateConfig({ thme: 'dark' }, 'coursemap.config.json', '/')).toThrow(
      'coursemap.config.json: unknown key "thme" (did you mean "theme"?)',
    );
    expect(() => validateConfig({ theme: 'purple' }, 'c.json', '/')).toThrow(
      'c.json: "theme" must be one of default, neutral, dark, forest, got "purple"',
    );
    expect(() => validateConfig({ scale: 0 }, 'c.json', '/')).toThrow(/"scale" must be a number from 0.1 to 8, got 0/);
    expect(() => validateConfig({ formats: ['svg', 'gif'] }, 'c.json', '/')).toThrow(/"formats" .*"gif" is not one/);
    expect(() => validateConfig({ port: 70000 }, 'c.json', '/')).toThrow(/"port"/);
    expect(() => validateConfig([1], 'c.json', '/')).toThrow(ConfigError);
  });

  it('finds the nearest config upward and loads json, js and mjs', async () => {
    const root = temp();
    mkdirSync(join(root, 'a', 'b'), { recursive: true });
    writeFileSync(join(root, 'coursemap.config.json'), '{"theme":"dark"}');
    expect(findConfigFile(join(root, 'a', 'b'))).toBe(join(root, 'coursemap.config.json'));
    writeFileSync(join(root, 'a', 'coursemap.config.mjs'), 'export default { theme: "neutral", out: "../built" };');
    // Code configs run from the course folder or the working folder only.
    expect(findConfigFile(join(root, 'a', 'b'), { cwd: join(root, 'a') })).toBe(
      join(root, 'a', 'coursemap.config.mjs'),
    );
    expect(findConfigFile(join(root, 'a'))).toBe(join(root, 'a', 'coursemap.config.mjs'));
    expect(await loadConfigFile(join(root, 'a', 'coursemap.config.mjs'))).toEqual({
      theme: 'neutral',
      out: join(root, 'built'),
    });
    writeFileSync(join(root, 'bad.json'), '{"theme": ');
    await expect(loadConfigFile(join(root, 'bad.json'))).rejects.toThrow(/not valid JSON/);
  });

  it('never runs a .js/.mjs config from a folder above the course, nor any with --no-config or in model', async () => {
    const root = temp();
    mkdirSync(join(root, 'downloads', 'course'), { recursive: true });
    writeFileSync(join(root, 'downloads', 'course', 'course.md'), COURSE);
    const marker = join(root, 'ran.txt');
    const evil = (name: string) =>
      `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(marker)}, ${JSON.stringify(name)});\nexport default { theme: 'dark' };\n`;
    writeFileSync(join(root, 'downloads', 'coursemap.config.mjs'), evil('parent'));
    writeFileSync(join(root, 'coursemap.config.json'), '{"theme":"neutral"}');
    const course = join(root, 'downloads', 'course', 'course.md');
    const parentSkipped = await resolveSettings(course, {});
    expect(existsSync(marker)).toBe(false);
    expect(parentSkipped.skippedConfigs).toEqual([join(root, 'downloads', 'coursemap.config.mjs')]);
    expect(parentSkipped.configFile).toBe(join(root, 'coursemap.config.json')); // the JSON one above is data, not code
    expect(parentSkipped.options.theme).toBe('neutral');
    // A code config in the course folder itself runs, unless --no-config.
    writeFileSync(join(root, 'downloads', 'course', 'coursemap.config.mjs'), evil('course'));
    const none = await resolveSettings(course, { 'no-config': true });
    expect(none.configFile).toBeNull();
    expect(none.options.theme).toBe('forest'); // front matter
    expect(existsSync(marker)).toBe(false);
    // model reads JSON configs only.
    const t = io();
    expect(await run(['model', course, '--no-cache'], t.io, '0')).toBe(0);
    expect(await run(['model', course], t.io, '0')).toBe(0);
    expect(existsSync(marker)).toBe(false);
    expect((await resolveSettings(course, {})).options.theme).toBe('dark');
    expect(readFileSync(marker, 'utf8')).toBe('course');
  });

  it('reads the coursemap: mapping of the front matter', () => {
    expect(frontMatterConfig(COURSE, '/x/course.md')).toEqual({ theme: 'forest', scale: 3, background: '#eeeeee' });
    expect(() => frontMatterConfig('---\ncoursemap:\n  colour: red\n---\n', 'c.md')).toThrow(
      /front matter of c.md \(coursemap:\): unknown key "colour"/,
    );
  });

  it('precedence: command line > config file > front matter > defaults', async () => {
    const root = temp();
    writeFileSync(join(root, 'course.md'), COURSE);
    writeFileSync(join(root, 'coursemap.config.json'), JSON.stringify({ theme: 'neutral', out: 'site' }));
    const { options } = await resolveSettings(join(root, 'course.md'), { theme: 'dark' });
    expect(options.theme).toBe('dark'); // CLI
    expect(options.outDir).toBe(join(root, 'site')); // config file, relative to it
    expect(options.scale).toBe(3); // front matter
    expect(options.background).toBe('#eeeeee');
    expect(options.timeoutMs).toBe(15_000); // default
    const noCli = await resolveSettings(join(root, 'course.md'), {});
    expect(noCli.options.theme).toBe('neutral'); // config file beats front matter
  });

  it('a bad config file is a usage error naming the key (exit 2)', async () => {
    const root = temp();
    writeFileSync(join(root, 'course.md'), COURSE);
    writeFileSync(join(root, 'coursemap.config.json'), JSON.stringify({ formats: 'svg,gif' }));
    const t = io();
    expect(await run(['build', join(root, 'course.md'), '--check'], t.io, '0')).toBe(2);
    expect(t.err.join('\n')).toMatch(/coursemap\.config\.json: "formats" must be a list/);
  });
});

describe('coursemap init', () => {
  it('writes a starter config and the default templates, and refuses to overwrite', async () => {
    const dir = temp();
    const t = io();
    expect(await run(['init', dir], t.io, '0')).toBe(0);
    const config = JSON.parse(readFileSync(join(dir, 'coursemap.config.json'), 'utf8')) as Record<string, unknown>;
    expect(config['templates']).toBe('./coursemap-templates');
    expect(existsSync(join(dir, 'coursemap-templates', 'maps', 'chapter-map.mmd.hbs'))).toBe(true);
    expect(await loadConfigFile(join(dir, 'coursemap.config.json'))).toMatchObject({
      theme: 'default',
      templates: join(dir, 'coursemap-templates'),
    });
    const again = io();
    expect(await run(['init', dir], again.io, '0')).toBe(1);
    expect(again.err.join('\n')).toMatch(/--force/);
    expect(await run(['init', dir, '--force'], io().io, '0')).toBe(0);
  });
});
