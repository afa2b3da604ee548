const { src, dest, parallel } = require('gulp');

// tsc compiles the code; gulp copies what tsc does not: node icons, static assets, output schemas.
function copyIcons() {
	return src(['nodes/**/*.{png,svg}', 'nodes/**/*.node.json', 'credentials/**/*.{png,svg}'], {
		base: '.',
		allowEmpty: true,
		encoding: false,
	}).pipe(dest('dist'));
}

// The XML schemas e-invoices are checked against (portals/invoice-data/validation/schema/xsd).
function copyAssets() {
	return src(['portals/**/*.{html,css,svg,png,xsd}'], {
		base: '.',
		allowEmpty: true,
		encoding: false,
	}).pipe(dest('dist'));
}

// n8n's editor asks the server for /schemas/<node type>/<version>/<resource>/<operation>.json, which
// n8n serves from __schema__/v<version>/… next to the node's file: the output fields before a run.
function copyOutputSchemas() {
	return src(['nodes/**/__schema__/**/*.json'], { base: '.', allowEmpty: true }).pipe(dest('dist'));
}

exports.build = parallel(copyIcons, copyAssets, copyOutputSchemas);
exports.default = exports.build;
