// build() from the library reads the config file the CLI reads, by the same rules
// (src/pipeline/resolve.ts): found upward from the input, a .js/.mjs one only from the course
// folder or the working folder, none with `config: false` / --no-config. The CLI and the library
// resolve the same options from the same folder, and reject the same bad value with the same words.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveSettings } from '../src/cli/build.ts';
import { run } from '../src/cli/main.ts';
import { build, type BuildOptions } from '../src/pipeline/index.ts';
import { resolveBuild } from '../src/pipeline/resolve.ts';
import { sharedBrowser } from './support/browser.ts';
import { captureIo, tempFolders } from './support/temp-course.ts';

const temp = tempFolders('coursemap-build-config-');

const COURSE = `---
title: Tiny
coursemap:
  scale: 3
  background: "#eeeeee"
---
# Chapter 1: First

## 1.1 Start

Text about the start.

## 1.2 Next

Text about what comes next.
`;

/** The settings part of resolved options: what a build runs with, without callbacks and the loaded course. */
function settingsOf(o: BuildOptions) {
  const { outDir, formats, theme, background, scale, timeoutMs, cacheDir, templatesDir, settings } = o;
  return { outDir, formats, theme, background, scale, timeoutMs, cacheDir, templatesDir, settings };
}

const io = captureIo;

describe('build() reads the config file', () => {
  it('resolves the same options as `coursemap build` from the same folder, and builds with them', async () => {
    const root = temp();
    writeFileSync(join(root, 'course.md'), COURSE);
    writeFileSync(
      join(root, 'coursemap.config.json'),
      JSON.stringify({ out: 'site', formats: ['svg'], theme: 'neutral', paper: 'letter', cacheDir: false }),
    );
    const course = join(root, 'course.md');
    const cli = await resolveSettings(course, {});
    expect(cli.configFile).toBe(join(root, 'coursemap.config.json'));
    expect(settingsOf(cli.options)).toEqual({
      outDir: join(root, 'site'), // config file, relative to it
      formats: ['svg'],
      theme: 'neutral',
      background: '#eeeeee', // front matter
      scale: 3,
      timeoutMs: 15_000, // default
      cacheDir: false,
      templatesDir: undefined,
      settings: { paper: 'letter' },
    });

    const result = await build(course, sharedBrowser());
    expect(result.configFile).toBe(join(root, 'coursemap.config.json'));
    expect(settingsOf(result.options)).toEqual(settingsOf(cli.options));
    expect(existsSync(join(root, 'site', 'manifest.json'))).toBe(true);
    expect(existsSync(join(root, 'out'))).toBe(false);
    const svgs = Object.keys(JSON.parse(readFileSync(join(root, 'site', 'manifest.json'), 'utf8')).outputs as object);
    expect(svgs.some((p) => p.endsWith('.svg'))).toBe(true);
    expect(svgs.some((p) => p.endsWith('.png'))).toBe(false); // formats from the file: svg only
  }, 180_000);

  it('options given to build() win over the file, as flags do on the command line', async () => {
    const root = temp();
    writeFileSync(join(root, 'course.md'), COURSE);
    writeFileSync(join(root, 'coursemap.config.json'), JSON.stringify({ theme: 'neutral', scale: 1 }));
    const course = join(root, 'course.md');
    const cli = await resolveSettings(course, { theme: 'dark', 'no-cache': true });
    const lib = await resolveBuild(course, { theme: 'dark', cacheDir: false });
    expect(settingsOf(lib.options)).toEqual(settingsOf(cli.options));
    expect(lib.options.theme).toBe('dark');
    expect(lib.options.background).toBe('#eeeeee'); // front matter; the dark default only without one
    expect(lib.options.scale).toBe(1); // the file beats the front matter
  });

  it('runs a .js/.mjs config only from the course folder or the working folder; config: false reads none', async () => {
    const root = temp();
    mkdirSync(join(root, 'downloads', 'course'), { recursive: true });
    const course = join(root, 'downloads', 'course', 'course.md');
    writeFileSync(course, COURSE);
    const marker = join(root, 'ran.txt');
    writeFileSync(
      join(root, 'downloads', 'coursemap.config.mjs'),
      `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(marker)}, 'ran');\nexport default { theme: 'dark' };\n`,
    );
    const cwd = temp();
    const lib = await resolveBuild(course, { cacheDir: false }, { cwd });
    expect(existsSync(marker)).toBe(false);
    expect(lib.skippedConfigs).toEqual([join(root, 'downloads', 'coursemap.config.mjs')]);
    expect(lib.configFile).toBeNull();
    expect(lib.options.theme).toBe('default');

    writeFileSync(join(root, 'downloads', 'course', 'coursemap.config.json'), JSON.stringify({ theme: 'forest' }));
    expect((await resolveBuild(course, { cacheDir: false }, { cwd })).options.theme).toBe('forest');
    const none = await resolveBuild(course, { cacheDir: false }, { cwd, config: false });
    expect(none.configFile).toBeNull();
    expect(none.options.theme).toBe('default');
    const cliNone = await resolveSettings(course, { 'no-config': true, 'no-cache': true });
    expect(settingsOf(cliNone.options)).toEqual(settingsOf(none.options));
  });

  it('a bad value in the config file stops build() and the CLI with the same words', async () => {
    const root = temp();
    writeFileSync(join(root, 'course.md'), COURSE);
    const file = join(root, 'coursemap.config.json');
    writeFileSync(file, JSON.stringify({ scale: 0 }));
    const said = `${file}: "scale" must be a number from 0.1 to 8, got 0`;
    await expect(build(join(root, 'course.md'), { cacheDir: false })).rejects.toThrow(said);
    const t = io();
    expect(await run(['build', join(root, 'course.md'), '--no-cache'], t.io, '0')).toBe(2);
    expect(t.err).toEqual([`coursemap: ${said}`]);
    expect(existsSync(join(root, 'out'))).toBe(false);
  });
});
