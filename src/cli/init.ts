// `coursemap init [dir]`: a starter coursemap.config.json (with "$schema", so editors complete and
// check its keys) and a copy of the built-in templates (coursemap-templates/) to customise.
// Never overwrites a file unless --force.
import { cp, mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { schemaReference, starterConfig } from '../config/index.ts';
import { BUILTIN_TEMPLATES } from '../generate/templates.ts';
import { EXIT, type Io, type Values } from './common.ts';

export const TEMPLATES_FOLDER = 'coursemap-templates';

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function listFiles(dir: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(join(dir, rel), { withFileTypes: true })) {
    if (e.isDirectory()) out.push(...(await listFiles(dir, join(rel, e.name))));
    else if (e.isFile()) out.push(join(rel, e.name));
  }
  return out.sort();
}

export async function runInit(dir: string, values: Values, io: Io): Promise<number> {
  const root = resolve(dir);
  const force = values.force ?? false;
  const configPath = join(root, 'coursemap.config.json');
  const templatesDir = join(root, TEMPLATES_FOLDER);
  const templates = await listFiles(BUILTIN_TEMPLATES);
  const clashes = [configPath, ...templates.map((t) => join(templatesDir, t))];
  const existing: string[] = [];
  for (const p of clashes) if (await exists(p)) existing.push(relative(process.cwd(), p) || p);
  if (existing.length > 0 && !force) {
    io.err(
      `coursemap: init would overwrite ${existing.length === 1 ? existing[0] : `${existing.length} files (${existing.slice(0, 3).join(', ')}${existing.length > 3 ? ', …' : ''})`}; use --force to overwrite`,
    );
    return EXIT.errors;
  }
  await mkdir(root, { recursive: true });
  await writeFile(configPath, starterConfig(`./${TEMPLATES_FOLDER}`, schemaReference(root)));
  await cp(BUILTIN_TEMPLATES, templatesDir, { recursive: true, force: true });
  if (!values.quiet) {
    io.err(`wrote ${relative(process.cwd(), configPath) || configPath}`);
    io.err(
      `wrote ${relative(process.cwd(), templatesDir) || templatesDir}/ (${templates.length} templates: ${templates.join(', ')})`,
    );
    io.err('Edit the templates you want to change and delete the others (they fall back to the built-in ones).');
  }
  return EXIT.ok;
}
