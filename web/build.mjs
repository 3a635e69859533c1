// Builds the explorer into dist/: one bundled, minified script, the
// stylesheet and the page. dist/ is embedded into the Go binary by
// embed.go; it is not committed (make web builds it).
import { build } from 'esbuild';
import { copyFile, mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

const out = 'dist';
await mkdir(out, { recursive: true });
for (const f of await readdir(out)) {
  if (f !== '.gitkeep') await rm(join(out, f), { recursive: true });
}
await build({
  entryPoints: ['src/main.js'],
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  outfile: join(out, 'app.js'),
  legalComments: 'linked', // licences of the bundled packages go to app.js.LEGAL.txt
  logLevel: 'info',
});
await copyFile('src/app.css', join(out, 'app.css'));
await copyFile('src/index.html', join(out, 'index.html'));
