import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { REASONS, REASON_CODES } from '../../portals/core/outcomes/reasons';
import { CONNECTION_STATUSES, STATUS_INFO } from '../../portals/core/contract/statuses';
import { ENV_STATE_DIR } from '../../portals/core/store/state-dir';
import { HOMEPAGE } from '../../portals/docs-links';

/**
 * The documentation follows the code: the README for users (at most 300 lines), one page per
 * subject under docs/, CONTRIBUTING.md for developers. Every status, reason, setting and
 * stored-data row is checked against the code wherever it lives, and every link resolves.
 */
const root = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');

/** The pages the README links to, one per subject (issue 32). */
const DOCS_PAGES = [
	'deployment.md',
	'two-factor.md',
	'statuses.md',
	'storage.md',
	'architecture.md',
	'performance.md',
	'reliability.md',
	'security.md',
	'adding-a-portal.md',
];

const readme = read('README.md');
const docFiles = readdirSync(join(root, 'docs'))
	.filter((f) => f.endsWith('.md'))
	.map((f) => `docs/${f}`);
const documents = ['README.md', 'CONTRIBUTING.md', ...docFiles];

/** A page's section from its heading to the next heading of the same or a higher level. */
function section(text: string, heading: string): string {
	const start = text.indexOf(`${heading}\n`);
	expect(start).toBeGreaterThanOrEqual(0);
	const level = heading.indexOf(' ');
	const rest = text.slice(start + heading.length);
	const next = rest.search(new RegExp(`\\n#{1,${level}} `));
	return heading + (next < 0 ? rest : rest.slice(0, next));
}

test('the README stays a README: at most 300 lines', () => {
	expect(readme.trimEnd().split('\n').length).toBeLessThanOrEqual(300);
});

test('every docs page exists and the README links to it, and to CONTRIBUTING.md', () => {
	for (const page of DOCS_PAGES) {
		expect(existsSync(join(root, 'docs', page))).toBe(true);
		expect(readme).toContain(`](docs/${page}`);
	}
	// No page that the README does not lead to.
	for (const file of docFiles) expect(readme).toContain(`](${file}`);
	expect(readme).toContain('](CONTRIBUTING.md)');
});

test('the README keeps the two set-up commands, and CONTRIBUTING.md explains them', () => {
	for (const text of [readme, read('CONTRIBUTING.md')]) {
		expect(text).toContain('npm run demo');
		expect(text).toContain('npm test');
	}
	expect(read('CONTRIBUTING.md')).toContain('.ci/run');
});

test('docs/statuses.md documents every status and every reason code with its remedy', () => {
	const statuses = read('docs/statuses.md');
	for (const status of CONNECTION_STATUSES)
		expect(statuses).toContain(
			`(\`${status}\`) | ${STATUS_INFO[status].meaning} | ${STATUS_INFO[status].remedy}`,
		);
	const yesNo = (flag: boolean) => (flag ? 'yes' : 'no');
	for (const code of REASON_CODES) {
		const info = REASONS[code];
		expect(statuses).toContain(
			`| \`${code}\` | ${info.status} | ${yesNo(info.retryable)} | ${yesNo(info.pausesSchedule)} | ${info.title}`,
		);
	}
	for (const code of REASON_CODES) expect(statuses).toContain(REASONS[code].remedy);
});

test("the README's statuses at a glance name every status with its meaning", () => {
	const glance = section(readme, '## Statuses at a glance');
	for (const status of CONNECTION_STATUSES)
		expect(glance).toContain(
			`| **${STATUS_INFO[status].label}** (\`${status}\`) | ${STATUS_INFO[status].meaning} |`,
		);
	expect(glance).toContain('](docs/statuses.md)');
});

test('every reason has a remedy that tells the user something to do', () => {
	for (const code of REASON_CODES) {
		expect(REASONS[code].remedy.length).toBeGreaterThan(30);
		expect(CONNECTION_STATUSES).toContain(REASONS[code].status);
	}
});

test('"What is stored where" (docs/storage.md) names the places the code really uses', () => {
	const stored = section(read('docs/storage.md'), '## What is stored where');
	expect(stored).toContain('invoicePortals.connections[<connection>]');
	expect(stored).toContain('portals/core/run/connection-state.ts');
	expect(stored).toContain('.n8n/invoice-portals/status/');
	expect(stored).toContain(ENV_STATE_DIR);
});

/** Every file of the package's own code, as text. */
function sources(dir: string): string[] {
	return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
		const path = `${dir}/${entry.name}`;
		if (entry.isDirectory()) return sources(path);
		return /\.(ts|json)$/.test(entry.name) ? [read(path)] : [];
	});
}
const packageSources = ['portals', 'nodes', 'credentials'].flatMap(sources);

test('every INVOICE_PORTALS_* setting the package reads is documented', () => {
	// Knobs for the tests only, not for users.
	const testOnly = new Set(['INVOICE_PORTALS_SOLVER_POLL_MS']);
	const settings = new Set(
		packageSources.flatMap((text) => text.match(/INVOICE_PORTALS_[A-Z_]+[A-Z]/g) ?? []),
	);
	expect(settings.size).toBeGreaterThan(5);
	const docs = documents.map(read).join('\n');
	const missing = [...settings].filter((s) => !testOnly.has(s) && !docs.includes(`${s}`));
	expect(missing).toEqual([]);
});

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function anchors(markdown: string): Set<string> {
	const seen = new Map<string, number>();
	const result = new Set<string>();
	for (const line of withoutCode(markdown).split('\n')) {
		const heading = /^#{1,6} (.+)$/.exec(line);
		if (!heading) continue;
		const slug = heading[1]
			.trim()
			.toLowerCase()
			.replace(/[^\p{L}\p{N}\s_-]/gu, '')
			.replace(/\s/g, '-');
		const n = seen.get(slug) ?? 0;
		seen.set(slug, n + 1);
		result.add(n === 0 ? slug : `${slug}-${n}`);
	}
	return result;
}

/** Markdown without fenced code blocks and inline code, where brackets are not links. */
function withoutCode(markdown: string): string {
	return markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
}

function links(markdown: string): string[] {
	return [...withoutCode(markdown).matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]);
}

/** A link's target, relative to the repository, exists (and so does its anchor). */
function brokenLink(from: string, target: string): string | undefined {
	const [path, anchor] = target.split('#');
	const file = path ? relative(root, resolve(root, dirname(from), path)) : from;
	if (!existsSync(join(root, file))) return `${from}: ${target} (no file ${file})`;
	if (anchor !== undefined && file.endsWith('.md') && !anchors(read(file)).has(anchor))
		return `${from}: ${target} (no heading #${anchor} in ${file})`;
	return undefined;
}

test('every relative link and picture in the README, CONTRIBUTING.md and docs/ leads to a file (and heading) that exists', () => {
	let checked = 0;
	const broken = documents.flatMap((from) =>
		links(read(from))
			.filter((target) => !/^[a-z]+:/i.test(target))
			.map((target) => {
				checked++;
				return brokenLink(from, target);
			})
			.filter((problem): problem is string => problem !== undefined),
	);
	expect(broken).toEqual([]);
	expect(checked).toBeGreaterThan(20);
});

test('the documentation addresses in the nodes and credentials lead to a page and heading that exist', () => {
	const addresses = packageSources.flatMap((text) =>
		[
			...text.matchAll(
				new RegExp(`(?:${HOMEPAGE.replace(/[.]/g, '\\.')}|\\$\\{HOMEPAGE\\})([^'"\`\\s]*)`, 'g'),
			),
		].map((m) => m[1]),
	);
	// Pages and headings only (a schema's $id under the same address is a name, not a page).
	const pages = addresses.filter((rest) => /^(#|\/blob\/main\/|$)/.test(rest));
	expect(pages.length).toBeGreaterThan(3);
	const broken = pages
		.map((rest) => {
			// The repository's start page is its README; other pages are under /blob/main/.
			const target = rest.startsWith('/blob/main/')
				? rest.slice('/blob/main/'.length)
				: `README.md${rest}`;
			return brokenLink('README.md', target.replace(/^README\.md#readme$/, 'README.md'));
		})
		.filter((problem) => problem !== undefined);
	expect(broken).toEqual([]);
});
