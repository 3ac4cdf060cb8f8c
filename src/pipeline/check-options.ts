// The library's build() checks its options with the same checks, and the same words, as the
// command line and config files (src/config/schema.ts): a caller passing `scale: 0` learns
// `"scale" must be a number from 0.1 to 8, got 0` before anything runs, not a renderer error.
import { ConfigError } from '../config/index.ts';
import { checkSetting } from '../config/schema.ts';
import type { BuildOptions } from './index.ts';
import { SETTING_FIELDS } from './resolve.ts';
import { STAGES } from './stages.ts';

/** Throws a ConfigError naming the first bad option as its setting. */
export function checkBuildOptions(options: Partial<BuildOptions>): void {
  for (const [field, key] of SETTING_FIELDS) {
    const value = options[field];
    if (value === undefined) continue;
    const checked = checkSetting(key, value);
    if (!checked.ok) throw new ConfigError(`build(): "${key}" ${checked.problem}, got ${JSON.stringify(value)}`);
  }
  const unknown = (options.stages ?? []).filter((n) => !STAGES.some((s) => s.name === n));
  if (unknown.length > 0)
    throw new ConfigError(
      `build(): "stages" must be a list of ${STAGES.map((s) => s.name).join(', ')}, got ${JSON.stringify(options.stages)}`,
    );
}
