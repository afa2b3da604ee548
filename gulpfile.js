const { src, dest, parallel } = require('gulp');

// tsc compiles the code; gulp copies what tsc does not: node icons and static assets.
function copyIcons() {
	return src(['nodes/**/*.{png,svg}', 'nodes/**/*.node.json', 'credentials/**/*.{png,svg}'], {
		base: '.',
		allowEmpty: true,
		encoding: false,
	}).pipe(dest('dist'));
}

function copyAssets() {
	return src(['portals/**/*.{html,css,svg,png}'], {
		base: '.',
		allowEmpty: true,
		encoding: false,
	}).pipe(dest('dist'));
}

exports.build = parallel(copyIcons, copyAssets);
exports.default = exports.build;
