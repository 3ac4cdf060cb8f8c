// Runs the CLI in-process with a fake terminal, for end-to-end assertions on output and exit code.
import { run } from '../../src/cli/main.ts';

export async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io = {
    out: (t: string) => void (out += `${t}\n`),
    err: (t: string) => void (err += `${t}\n`),
    stdin: async () => '',
  };
  const code = await run(argv, io, '0.0.0');
  return { code, out, err };
}
