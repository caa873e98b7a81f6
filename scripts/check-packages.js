#!/usr/bin/env node
// Checks the tarballs scripts/pack-plugins.sh made, as an adopter's install
// would see them: one per plugin folder, publishable metadata, and every file
// the package.json points at (entry points, types, config schema, `files`)
// inside the archive. The backend's migrations must all be there: the plugin
// finds them with resolvePackagePath at start.
//
//   node scripts/check-packages.js OUT_DIR PLUGIN_DIR...
// Prints one line per package; exits 1 when anything is missing.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const [outDir, ...pluginDirs] = process.argv.slice(2);
if (!outDir || pluginDirs.length === 0) {
  console.error('usage: check-packages.js OUT_DIR PLUGIN_DIR...');
  process.exit(2);
}
const root = path.resolve(__dirname, '..');
const rootPackage = readJson(path.join(root, 'package.json'));

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** Every file in a directory, as paths relative to it with `/`. */
function listFiles(dir, prefix = '') {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap(entry =>
      entry.isDirectory()
        ? listFiles(path.join(dir, entry.name), `${prefix}${entry.name}/`)
        : [`${prefix}${entry.name}`],
    );
}

/** The archives by the name in their package.json, each unpacked once. */
function unpackAll() {
  const byName = new Map();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'juanie-check-'));
  for (const archive of fs
    .readdirSync(outDir)
    .filter(f => f.endsWith('.tgz'))) {
    const target = path.join(scratch, archive.replace(/\.tgz$/, ''));
    fs.mkdirSync(target);
    execFileSync('tar', ['-xzf', path.join(outDir, archive), '-C', target]);
    const dir = path.join(target, 'package');
    byName.set(readJson(path.join(dir, 'package.json')).name, { archive, dir });
  }
  return { byName, scratch };
}

function problemsOf(pluginDir, packed) {
  const source = readJson(path.join(pluginDir, 'package.json'));
  const pkg = readJson(path.join(packed.dir, 'package.json'));
  const files = new Set(listFiles(packed.dir));
  const has = file => files.has(path.posix.normalize(file));
  const hasDir = dir =>
    [...files].some(f => f.startsWith(`${path.posix.normalize(dir)}/`));
  const problems = [];
  const expect = (ok, message) => ok || problems.push(message);

  expect(!pkg.private, 'is private');
  expect(
    pkg.license === rootPackage.license,
    `license ${pkg.license}, the repository's is ${rootPackage.license}`,
  );
  expect(
    pkg.repository?.url === rootPackage.repository?.url &&
      pkg.repository?.directory === path.relative(root, pluginDir),
    'repository is not this repository and folder',
  );
  expect(has('README.md'), 'no README.md');
  for (const field of ['main', 'module', 'types']) {
    if (pkg[field]) {
      expect(
        /^(\.\/)?dist\//.test(pkg[field]),
        `${field} ${pkg[field]} is not in dist/`,
      );
      expect(has(pkg[field]), `${field} ${pkg[field]} is not in the archive`);
    }
  }
  expect(pkg.main, 'no main');
  expect(pkg.types, 'no types');
  if (pkg.configSchema) {
    expect(
      has(pkg.configSchema),
      `configSchema ${pkg.configSchema} is not in the archive`,
    );
  }
  for (const entry of pkg.files ?? []) {
    expect(
      has(entry) || hasDir(entry),
      `"files" lists ${entry}, which is not in the archive`,
    );
  }
  for (const field of ['dependencies', 'peerDependencies']) {
    for (const [name, range] of Object.entries(pkg[field] ?? {})) {
      expect(
        !/^(workspace|link|portal|file):/.test(range),
        `${field} ${name}@${range} cannot be installed`,
      );
    }
  }
  const { role, pluginId, pluginPackages, pluginPackage } = pkg.backstage ?? {};
  expect(role, 'no backstage.role');
  if (role?.endsWith('-plugin') || (pluginId && role?.endsWith('-library'))) {
    expect(
      pluginPackages?.includes(pkg.name),
      'backstage.pluginPackages does not name the package itself',
    );
  }
  if (role?.endsWith('-plugin-module')) {
    expect(
      pluginId && pluginPackage,
      'no backstage.pluginId and pluginPackage',
    );
  }
  // Every file of the folders the package reads at run time (migrations/, found
  // with resolvePackagePath) and of the other folders it lists in `files`.
  const shipped = new Set(['migrations', ...(source.files ?? [])]);
  for (const entry of shipped) {
    const folder = path.join(pluginDir, entry);
    if (
      entry !== 'dist' &&
      fs.existsSync(folder) &&
      fs.statSync(folder).isDirectory()
    ) {
      for (const file of listFiles(folder)) {
        expect(
          has(`${entry}/${file}`),
          `${entry}/${file} is not in the archive`,
        );
      }
    }
  }
  return { name: source.name, problems };
}

const { byName, scratch } = unpackAll();
let failed = 0;
try {
  for (const pluginDir of pluginDirs.map(d => path.resolve(d))) {
    const name = readJson(path.join(pluginDir, 'package.json')).name;
    const packed = byName.get(name);
    const { problems } = packed
      ? problemsOf(pluginDir, packed)
      : { problems: [`no archive in ${outDir}`] };
    if (problems.length > 0) {
      failed += 1;
      console.log(`FAIL ${name}: ${problems.join('; ')}`);
    } else {
      console.log(
        `ok   ${name} (${packed.archive}, ${
          fs.statSync(path.join(outDir, packed.archive)).size
        } bytes)`,
      );
    }
  }
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
if (failed > 0) {
  console.log(
    `${failed} of ${pluginDirs.length} packages are not fit to publish`,
  );
  process.exit(1);
}
