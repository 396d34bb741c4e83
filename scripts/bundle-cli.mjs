// Bundles compiled modules and their dependencies into single ES modules: the CLI
// (dist/cli/main.js → dist/claimcheck.mjs, which bin/claimcheck.js runs) and the plan parser's
// worker thread (dist/plan/parse-worker.js → dist/parse-worker.mjs, which the App parses plans on).
// Node 20 has no compile cache for ES modules: resolving and loading the few hundred files of
// remark, micromark and the rest took about 0.4 s of every start, before any work; one file loads
// in a fraction of that.
import { build } from 'esbuild';

const BUNDLES = [
  ['dist/cli/main.js', 'dist/claimcheck.mjs'],
  ['dist/plan/parse-worker.js', 'dist/parse-worker.mjs'],
];

for (const [entry, outfile] of BUNDLES) {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    // CommonJS dependencies call require() for Node's built-in modules
    banner: { js: "import { createRequire as claimcheckRequire } from 'node:module'; const require = claimcheckRequire(import.meta.url);" },
  });
}
