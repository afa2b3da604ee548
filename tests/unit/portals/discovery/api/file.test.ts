import { findCollections } from '../../../../../portals/discovery/api/collection';
import { findFile, templateOf, type ProbeAnswer } from '../../../../../portals/discovery/api/file';
import { call } from './calls';

/**
 * How a document's file is fetched, from the items and what the server answers when its address
 * is asked once (the probe is the server here): the bytes in the item, the address in the item, a
 * redirect to a download host, a second call that answers a signed address, or a download the app
 * made while discovery watched.
 */
const DOMAINS = ['app.example.com'];
const items = (extra: (i: number) => Record<string, unknown>) =>
	[0, 1, 2].map((i) => ({
		id: `inv${i}7`,
		number: `R-2026-00${i}4`,
		date: `2026-0${i + 1}-01`,
		amount: 10.5 + i,
		...extra(i),
	}));
const collection = (list: Record<string, unknown>[]) =>
	findCollections([call('https://app.example.com/api/invoices', { data: list })], '', 'en')[0];

function server(answers: Record<string, ProbeAnswer>) {
	const asked: string[] = [];
	const probe = async (url: string) => {
		asked.push(url);
		return answers[url];
	};
	return { probe, asked };
}

test('the file itself, base64, in the item: nothing is asked', async () => {
	const { probe, asked } = server({});
	const found = collection(
		items((i) => ({ document: { content: `JVBERi0xLjcK${'A'.repeat(200 + i)}` } })),
	);
	expect(await findFile(found, [], probe, DOMAINS)).toEqual({
		download: { base64Field: 'document.content' },
		how: 'the file itself, base64, at "document.content"',
	});
	expect(asked).toEqual([]);
});

test("the item's address answers with a PDF: one question for all rows", async () => {
	const { probe, asked } = server({
		'https://app.example.com/api/invoices/inv07/pdf': {
			status: 200,
			contentType: 'application/pdf',
		},
	});
	const found = collection(items((i) => ({ links: { pdf: `/api/invoices/inv${i}7/pdf` } })));
	expect((await findFile(found, [], probe, DOMAINS)).download).toEqual({ urlField: 'links.pdf' });
	expect(asked).toEqual(['https://app.example.com/api/invoices/inv07/pdf']);
});

test('a redirect to another host names it as a download host', async () => {
	const { probe } = server({
		'https://app.example.com/api/invoices/inv07/pdf': {
			status: 302,
			contentType: '',
			location: 'https://files.cdn.example.net/x/inv07.pdf?sig=abc',
		},
	});
	const found = collection(items((i) => ({ pdf: `/api/invoices/inv${i}7/pdf` })));
	expect(await findFile(found, [], probe, DOMAINS)).toMatchObject({
		download: { urlField: 'pdf' },
		downloadDomains: ['files.cdn.example.net'],
	});
});

test('a second call whose JSON holds the signed address', async () => {
	const { probe } = server({
		'https://app.example.com/api/invoices/inv07/download': {
			status: 200,
			contentType: 'application/json',
			json: { signedUrl: 'https://files.cdn.example.net/inv07.pdf?sig=1', expires: 60 },
		},
	});
	const found = collection(items((i) => ({ downloadLink: `/api/invoices/inv${i}7/download` })));
	expect((await findFile(found, [], probe, DOMAINS)).download).toEqual({
		call: { method: 'GET', url: '/api/invoices/{id}/download', urlField: 'signedUrl' },
	});
});

test('an address on another site is never asked; a download the app made gives the template', async () => {
	const { probe, asked } = server({});
	const found = collection(items((i) => ({ tracking: `https://ads.example.net/i/${i}7x` })));
	const observed = call('https://app.example.com/files/R-2026-0014.pdf?inline=0', undefined, {
		contentType: 'application/pdf',
		resourceType: 'document',
	});
	expect(await findFile(found, [observed], probe, DOMAINS)).toEqual({
		download: { urlTemplate: '/files/{number}.pdf?inline=0' },
		kind: 'pdf',
		how: 'the address of a download the app made (/files/{number}.pdf?inline=0)',
	});
	expect(asked).toEqual([]);
});

test('no file anywhere: said so, nothing written', async () => {
	const { probe } = server({});
	expect(await findFile(collection(items(() => ({}))), [], probe, DOMAINS)).toEqual({
		how: 'no file found: no address in the items, and no download was seen',
	});
});

test('templates prefer the id, and never replace a whole address', () => {
	const item = { id: 'a1b2', ref: 'a1b2', url: 'https://x.example/a1b2' };
	expect(templateOf('/api/a1b2/pdf', item, ['id'])).toBe('/api/{id}/pdf');
	expect(templateOf('/api/zz/pdf', item, ['id'])).toBeUndefined();
});

describe("a file the page links to, built from an item's field that is a path (a file browser)", () => {
	const entries = [1, 2, 3].map((i) => ({
		name: `invoice-2026-00${i}.pdf`,
		path: `invoices/invoice-2026-00${i}.pdf`,
		type: 'file',
		created: `2026-0${i}-01T10:00:00Z`,
	}));
	const links = (prefix: string) => entries.map((e) => `https://app.example.com${prefix}${e.path}`);
	const found = () =>
		findCollections(
			[call('https://app.example.com/api/contents/invoices', { content: entries })],
			'',
			'en',
		)[0];

	test('the template holds the whole path, and one address is asked', async () => {
		const { probe, asked } = server({
			'https://app.example.com/files/invoices/invoice-2026-003.pdf': {
				status: 200,
				contentType: 'application/pdf',
			},
		});
		const file = await findFile(found(), [], probe, DOMAINS, [
			'https://app.example.com/tree',
			...links('/files/').reverse(),
		]);
		expect(file.download).toEqual({ urlTemplate: '/files/{path}' });
		expect(asked).toEqual(['https://app.example.com/files/invoices/invoice-2026-003.pdf']);
	});

	test('links that are not files (the server answers a page), or on another site, give no template', async () => {
		const { probe } = server({
			'https://app.example.com/edit/invoices/invoice-2026-001.pdf': {
				status: 200,
				contentType: 'text/html',
			},
		});
		const file = await findFile(found(), [], probe, DOMAINS, [
			...links('/edit/'),
			...entries.map((e) => `https://elsewhere.example/files/${e.path}`),
		]);
		expect(file.download).toBeUndefined();
	});
});

test.each([
	['application/pdf', 'pdf'],
	['application/zip', 'zip'],
	['text/xml; charset=utf-8', 'xml'],
	['text/csv', 'csv'],
	// Says nothing of the kind: the run's check decides by the bytes.
	['application/octet-stream', undefined],
])('a file answered as %s is found as that kind of document', async (type, kind) => {
	const { probe } = server({
		'https://app.example.com/api/invoices/inv07/file': { status: 200, contentType: type },
	});
	const found = collection(items((i) => ({ links: { file: `/api/invoices/inv${i}7/file` } })));
	const file = await findFile(found, [], probe, DOMAINS);
	expect(file.download).toEqual({ urlField: 'links.file' });
	expect(file.kind).toBe(kind);
});
