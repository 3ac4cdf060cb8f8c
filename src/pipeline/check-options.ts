// The library's build() checks its options with the same checks, and the same words, as the
// command line and config files (src/config/schema.ts): a caller passing `scale: 0` learns
// `"scale" must be a number from 0.1 to 8, got 0` before anything runs, not a renderer error.
import { ConfigError } from '../config/index.ts';
import { checkSetting } from '../config/schema.ts';
import type { SettingKey } from '../config/settings.ts';
import type { BuildOptions } from './index.ts';
import { STAGES } from './stages.ts';

/** BuildOptions fields that are settings, with the setting each one is. */
const FIELDS: [keyof BuildOptions, SettingKey][] = [
  ['outDir', 'out'],
  ['formats', 'formats'],
  ['theme', 'theme'],
  ['background', 'background'],
  ['scale', 'scale'],
  ['timeoutMs', 'timeout'],
  ['cacheDir', 'cacheDir'],
  ['templatesDir', 'templates'],
  ['browserWSEndpoint', 'browserWSEndpoint'],
  ['maxBytes', 'maxBytes'],
];

/** Throws a ConfigError naming the first bad option as its setting. */
export function checkBuildOptions(options: BuildOptions): void {
  for (const [field, key] of FIELDS) {
    const value = options[field];
    if (value === undefined) continue;
    const checked = checkSetting(key, value);
    if (!checked.ok) throw new ConfigError(`build(): "${key}" ${checked.problem}, got ${JSON.stringify(value)}`);
  }
  const unknown = (options.stages ?? []).filter((n) => !STAGES.some((s) => s.name === n));
  if (unknown.length > 0) throw new ConfigError(`build(): "stages" must be a list of ${STAGES.map((s) => s.name).join(', ')}, got ${JSON.stringify(options.stages)}`);
}
