// whatsapp-web.js pulls puppeteer, whose postinstall would download Chrome (impossible offline).
// We use Debian's Chromium instead.
module.exports = {
  skipDownload: true,
  executablePath: process.env.CHROME_BIN || '/usr/bin/chromium',
};
