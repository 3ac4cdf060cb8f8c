// Prefer a system Chromium (Debian's `chromium`) when one exists; otherwise let
// puppeteer download and use its own browser as it normally does.
const { existsSync } = require('node:fs');

const candidates = [
  process.env.PUPPETEER_EXECUTABLE_PATH,
  process.env.CHROME_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
];
const executablePath = candidates.find((p) => p && existsSync(p));

module.exports = executablePath ? { executablePath, skipDownload: true } : {};
