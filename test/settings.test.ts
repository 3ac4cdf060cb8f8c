// One source of truth for settings: the defaults of src/config/settings.ts are the ones the
// JSON schema, --help, the configuration guide and the library's DEFAULT_BUILD show, and the
// command line, config files and build() reject the same bad values with the same words.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_DOC, configDocText } from '../scripts/schema.ts';
import { cliConfig } from '../src/cli/build.ts';
import { HELP, OPTIONS, UsageError, type Values } from '../src/cli/common.ts';
import { ConfigError, SCHEMA_FILE, validateConfig } from '../src/config/index.ts';
import { defaultText, SETTING_INFO, SETTING_KEYS, type SettingInfo } from '../src/config/settings.ts';
import { build, DEFAULT_BUILD, type BuildOptions } from '../src/pipeline/index.ts';

const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as { properties: Record<string, { default?: unknown }> };
const doc = readFileSync(CONFIG_DOC, 'utf8');

describe('settings table', () => {
  it('gives the JSON schema its defaults', () => {
    for (const key of SETTING_KEYS) {
      const d = (SETTING_INFO[key] as SettingInfo).default;
      expect(schema.properties[key]?.default, key).toEqual(d === null ? undefined : d);
    }
  });

  it('gives --help a line per flag with the same default', () => {
    for (const key of SETTING_KEYS) {
      const info: SettingInfo = SETTING_INFO[key];
      if (!info.flag) continue;
      const start =
        HELP.indexOf(`  --${info.flag} `) >= 0 ? HELP.indexOf(`  --${info.flag} `) : HELP.indexOf(`  --${info.flag}\n`);
      expect(start, `--${info.flag} in --help`).toBeGreaterThan(0);
      const entry = HELP.slice(start, HELP.indexOf('\n  -', start + 3)).replace(/\s+/g, ' ');
      const d = defaultText(key);
      if (d !== null) expect(entry, key).toContain(`(default ${d.replace(/\s+/g, ' ')})`);
    }
  });

  it('gives the command-line parser every flag, as a switch or with a value', () => {
    for (const key of SETTING_KEYS) {
      const info: SettingInfo = SETTING_INFO[key];
      if (!info.flag) continue;
      const option = (OPTIONS as Record<string, { type: string }>)[info.flag];
      expect(option?.type, `--${info.flag}`).toBe(typeof info.default === 'boolean' ? 'boolean' : 'string');
    }
  });

  it('is the table of docs/configuration.md (run `npm run schema` after changing a setting)', () => {
    expect(doc).toBe(configDocText(doc));
    for (const key of SETTING_KEYS)
      expect(doc, key).toMatch(
        new RegExp(
          `\\| \`${key}\` \\|[^\\n]*\\| ${(defaultText(key) ?? '(none)').replace(/[()|.*+?[\]\\^$]/g, '\\$&')} \\|`,
        ),
      );
  });

  it('is the library default', () => {
    expect(DEFAULT_BUILD.outDir).toBe(SETTING_INFO.out.default);
    expect(DEFAULT_BUILD.formats).toEqual(SETTING_INFO.formats.default);
    expect(DEFAULT_BUILD.scale).toBe(SETTING_INFO.scale.default);
    expect(DEFAULT_BUILD.timeoutMs).toBe(SETTING_INFO.timeout.default);
    expect(DEFAULT_BUILD.background).toBe(SETTING_INFO.background.default);
    expect(DEFAULT_BUILD.cacheDir).toBe(SETTING_INFO.cacheDir.default);
  });
});

describe('bad values', () => {
  const bad: [key: string, flag: string, raw: string, value: unknown][] = [
    ['scale', 'scale', '0', 0],
    ['scale', 'scale', '9', 9],
    ['scale', 'scale', 'big', 'big'],
    ['timeout', 'timeout', '0.5', 0.5],
    ['theme', 'theme', 'purple', 'purple'],
    ['background', 'background', 'url(x);<b>', 'url(x);<b>'],
    ['formats', 'formats', 'svg,gif', 'svg,gif'],
    ['port', 'port', '70000', 70000],
    ['maxBytes', 'max-bytes', '0', 0],
    ['paper', 'paper', 'a5', 'a5'],
  ];

  /** The words after the name: `must be a number from 0.1 to 8`. */
  const problem = (message: string) => message.slice(message.indexOf('must be'), message.lastIndexOf(', got'));

  for (const [key, flag, raw, value] of bad) {
    it(`--${flag} ${raw}: the command line, a config file and build() say the same`, async () => {
      let cliMessage = '';
      try {
        cliConfig({ [flag]: raw } as Values);
      } catch (err) {
        expect(err).toBeInstanceOf(UsageError);
        cliMessage = (err as Error).message;
      }
      expect(cliMessage).toMatch(new RegExp(`^--${flag} must be .*, got "`));
      let fileMessage = '';
      try {
        validateConfig({ [key]: value }, 'coursemap.config.json', '/tmp');
      } catch (err) {
        expect(err).toBeInstanceOf(ConfigError);
        fileMessage = (err as Error).message;
      }
      expect(problem(fileMessage)).toBe(problem(cliMessage));
      const field = ({ timeout: 'timeoutMs', maxBytes: 'maxBytes' } as Record<string, string>)[key] ?? key;
      if (['scale', 'timeout', 'theme', 'background', 'formats', 'maxBytes'].includes(key)) {
        const options = {
          ...DEFAULT_BUILD,
          outDir: '/nonexistent/never-written',
          [field]: key === 'formats' ? String(value).split(',') : value,
        };
        await expect(build('/nonexistent/course.md', options)).rejects.toThrow(
          `build(): "${key}" ${problem(cliMessage)}`,
        );
      }
    });
  }

  it('build() refuses a document stage it does not have (library-only "stages")', async () => {
    const options = {
      ...DEFAULT_BUILD,
      outDir: '/nonexistent/never-written',
      stages: ['slides'],
    } as unknown as BuildOptions;
    await expect(build('/nonexistent/course.md', options)).rejects.toThrow(
      'build(): "stages" must be a list of decks, handout, print, book, flashcards, site, got ["slides"]',
    );
  });

  it('accepts good values as the config does', () => {
    expect(cliConfig({ scale: '1.5', formats: 'svg, pdf', theme: 'dark', 'no-cache': true } as Values)).toEqual({
      scale: 1.5,
      formats: ['svg', 'pdf'],
      theme: 'dark',
      cacheDir: false,
    });
  });
});
