// The library's defaults: the settings table's (src/config/settings.ts), as BuildOptions.
import { SETTING_INFO } from '../config/settings.ts';
import type { Theme } from '../render/index.ts';
import type { BuildOptions } from './index.ts';
import type { OutputFormat } from './stages.ts';

export const DEFAULT_BUILD: BuildOptions = {
  outDir: SETTING_INFO.out.default,
  formats: [...SETTING_INFO.formats.default] as OutputFormat[],
  theme: SETTING_INFO.theme.default as Theme,
  background: SETTING_INFO.background.default,
  scale: SETTING_INFO.scale.default,
  timeoutMs: SETTING_INFO.timeout.default,
  cacheDir: SETTING_INFO.cacheDir.default,
};
