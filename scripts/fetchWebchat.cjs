#!/usr/bin/env node
// npm postinstall: takes the official Web Chat bundle out of the botframework-webchat tarball of the npm
// registry and puts it in src/web/vendor/ (gitignored). Installing the whole package would add ~485 MB of
// node_modules for one 1.9 MB file. No dependencies: `npm pack`, Node's zlib and a tiny tar reader.
//
// We take dist/webchat-minimal.js (1.9 MB, ~480 KB gzipped) rather than dist/webchat.js (3.9 MB): the bot
// only sends text, suggested actions and file attachments, which the minimal bundle renders; what it leaves
// out is Adaptive Cards, speech and Markdown, none of which our channel-neutral activities use. Half the
// bytes matters on a phone on a mobile network.
'use strict';

const { spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');

const PACKAGE = 'botframework-webchat';
const VERSION = '4.18.1';
const ENTRY = 'package/dist/webchat-minimal.js';
const ROOT = path.resolve(__dirname, '..');
const VENDOR_DIR = path.join(ROOT, 'src', 'web', 'vendor');
const TARGET = path.join(VENDOR_DIR, 'webchat.js');
const MARKER = path.join(VENDOR_DIR, 'webchat.json');
const RETRY = 'node scripts/fetchWebchat.cjs';

function log(message) {
  console.log(`[webchat] ${message}`);
}

/** True when the bundle of this exact version and entry is already in place and intact. */
function alreadyPresent() {
  try {
    const marker = JSON.parse(fs.readFileSync(MARKER, 'utf8'));
    if (marker.package !== PACKAGE || marker.version !== VERSION || marker.entry !== ENTRY) return false;
    const sha256 = crypto.createHash('sha256').update(fs.readFileSync(TARGET)).digest('hex');
    return sha256 === marker.sha256;
  } catch {
    return false;
  }
}

/** Runs `npm pack` for the pinned version into dir; npm checks the tarball against the registry's integrity. */
function packTarball(dir) {
  const npmCli = process.env.npm_execpath;
  const [command, prefix] =
    npmCli && /\.c?js$/.test(npmCli) ? [process.execPath, [npmCli]] : [process.platform === 'win32' ? 'npm.cmd' : 'npm', []];
  const result = spawnSync(command, [...prefix, 'pack', `${PACKAGE}@${VERSION}`, '--json', '--pack-destination', dir], {
    cwd: dir,
    encoding: 'utf8',
    shell: process.platform === 'win32',
    // Keep the project's .npmrc (registry, yes=true) but not npm_config_* left by the outer install
    // (e.g. --global, --dry-run) that would change what pack does.
    env: Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_config_(global|dry_run|json)$/i.test(key))),
  });
  if (result.error) throw new Error(`could not run npm: ${result.error.message}`);
  if (result.status !== 0) {
    // npm's first lines say what went wrong (code, URL); the last ones only point at its log file.
    const reason = (result.stderr || '')
      .split('\n')
      .map((line) => line.replace(/^npm (error|ERR!)\s*/, '').trim())
      .filter((line) => line !== '' && !/complete log|proxy/i.test(line))
      .slice(0, 2)
      .join(' | ');
    throw new Error(`npm pack failed (exit ${result.status}): ${reason}`);
  }
  const json = JSON.parse(result.stdout.slice(result.stdout.indexOf('[')));
  return path.join(dir, json[0].filename);
}

function readOctal(buffer, start, length) {
  const text = buffer.toString('latin1', start, start + length).replace(/\0.*$/s, '').trim();
  return text === '' ? 0 : parseInt(text, 8);
}

function readString(buffer, start, length) {
  return buffer.toString('utf8', start, start + length).replace(/\0.*$/s, '');
}

/** Returns the bytes of one member of an uncompressed tar archive (ustar, with pax/GNU long names). */
function extractFromTar(tar, wanted) {
  let offset = 0;
  let longName;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const size = readOctal(header, 124, 12);
    const type = String.fromCharCode(header[156] || 48);
    const prefix = readString(header, 345, 155);
    const baseName = readString(header, 0, 100);
    const name = longName ?? (prefix ? `${prefix}/${baseName}` : baseName);
    const dataStart = offset + 512;
    const data = tar.subarray(dataStart, dataStart + size);
    longName = undefined;
    if (type === 'x') {
      const match = /\d+ path=([^\n]*)\n/.exec(data.toString('utf8'));
      if (match) longName = match[1];
    } else if (type === 'L') {
      longName = data.toString('utf8').replace(/\0.*$/s, '');
    } else if ((type === '0' || type === '\0') && name === wanted) {
      return Buffer.from(data);
    }
    offset = dataStart + Math.ceil(size / 512) * 512;
  }
  throw new Error(`${wanted} not found in the tarball`);
}

function main() {
  if (alreadyPresent()) {
    log(`${PACKAGE}@${VERSION} ya está en src/web/vendor/ (nada que hacer)`);
    return;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'webchat-'));
  try {
    log(`descargando ${PACKAGE}@${VERSION} del registro de npm…`);
    const tarball = packTarball(tmp);
    const bundle = extractFromTar(zlib.gunzipSync(fs.readFileSync(tarball)), ENTRY);
    if (bundle.length < 500_000 || !bundle.includes('WebChat')) throw new Error('the extracted bundle does not look like Web Chat');
    fs.mkdirSync(VENDOR_DIR, { recursive: true });
    // Write then rename, so an interrupted install never leaves half a bundle that looks complete.
    fs.writeFileSync(`${TARGET}.tmp`, bundle);
    fs.renameSync(`${TARGET}.tmp`, TARGET);
    const sha256 = crypto.createHash('sha256').update(bundle).digest('hex');
    fs.writeFileSync(MARKER, `${JSON.stringify({ package: PACKAGE, version: VERSION, entry: ENTRY, sha256, bytes: bundle.length }, null, 2)}\n`);
    log(`listo: src/web/vendor/webchat.js (${(bundle.length / 1024 / 1024).toFixed(1)} MB, ${ENTRY.replace('package/', '')})`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

try {
  main();
} catch (error) {
  console.error(`[webchat] ERROR: no se pudo obtener el Web Chat (${error.message}).`);
  console.error(`[webchat] El chat web en http://localhost:3978/ no cargará hasta que lo obtengas. Revisa la conexión al registro de npm y ejecuta: ${RETRY}`);
  process.exitCode = 1;
}
