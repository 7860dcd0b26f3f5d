// Which packages scripts/bundle.mjs puts inside the start-up bundle (read by the bundler and by the tests).
/**
 * Bundled packages: pure JavaScript, no files of their own read at run time. They are devDependencies (the
 * bundle carries them, so an install does not fetch them again; test/unit/package-manifest.test.ts checks it).
 * The rest stay dependencies: puppeteer-core, pdfkit (its font metrics files) with fontkit, chinese-days (its
 * JSON is read from the package), clipboardy and open (helper programs of their own), and the optional peers.
 */
export const BUNDLED = new Set([
  'commander', 'zod', 'luxon', 'cli-table3', 'get-east-asian-width', 'env-paths', 'chalk', 'yocto-spinner', 'proper-lockfile', 'write-file-atomic',
  '@inquirer/prompts', '@pdfme/pdf-lib', 'asn1js', 'pkijs', 'chardet', 'csv-parse', 'exifr', 'fast-bmp', 'file-type', 'iconv-lite', 'music-metadata',
  'nunjucks', 'read-excel-file', 'yauzl',
]);
