const { src, dest, parallel } = require('gulp');

// tsc copies no assets; n8n loads icons and codex files from dist/, next to the compiled .js
const copy = (glob, out) => () => src(glob, { encoding: false }).pipe(dest(out));

exports['build:assets'] = parallel(
	copy('nodes/**/*.{png,svg,json}', 'dist/nodes'),
	copy('credentials/**/*.{png,svg}', 'dist/credentials'),
	copy('icons/**/*.{png,svg}', 'dist/icons'),
);
