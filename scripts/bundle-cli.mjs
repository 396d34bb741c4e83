// Bundles the compiled CLI (dist/cli/main.js) and its dependencies into one ES module,
// dist/claimcheck.mjs, which bin/claimcheck.js runs. Node 20 has no compile cache for ES modules:
// resolving and loading the few hundred files of remark, micromark and the rest took about 0.4 s
// of every run, before any work; one file loads in a fraction of that.
import { build } from 'esbuild';

await build({
  entryPoints: ['dist/cli/main.js'],
  outfile: 'dist/claimcheck.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  // CommonJS dependencies call require() for Node's built-in modules
  banner: { js: "import { createRequire as claimcheckRequire } from 'node:module'; const require = claimcheckRequire(import.meta.url);" },
});
