// The child process that test/setup/ddia.ts starts: builds the run's DDIA fixture in the shared
// browser (its endpoint in COURSEMAP_TEST_BROWSER_WS), then exits. Run with Node, not vitest.
import { ddiaFixture } from '../support/ddia.ts';

const fixture = await ddiaFixture(process.env['COURSEMAP_TEST_BROWSER_WS'] || undefined);
process.stdout.write(`DDIA fixture built in ${(fixture.ms / 1000).toFixed(1)} s\n`);
