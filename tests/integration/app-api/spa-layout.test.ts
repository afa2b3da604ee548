import { generateSync } from 'otplib';
import type { DemoPortal } from '../../../testbeds/demo-portal';
import { spaStore, SPA_PAGE_SIZE } from '../../../testbeds/demo-portal/spa-api-layout';
import { account, startDemo } from '../../helpers/demo';

/**
 * The demo portal's /spa/ layout as an app's own scripts use it: JSON sign-in, a one-time handoff
 * exchanged for a Bearer token, a paginated list whose items alone know the PDF's address, and the
 * other ways apps hand out files. The engine's tests build on these answers.
 */
let demo: DemoPortal;
beforeAll(async () => {
	demo = await startDemo();
});

const post = (path: string, body: unknown) =>
	fetch(`${demo.url}${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	}).then((r) => r.json() as Promise<Record<string, string>>);

async function signIn(login: string): Promise<string> {
	const a = account(login);
	let answer = await post('/spa/api/login', { username: a.login, password: a.password });
	if (answer.status === 'code')
		answer = await post('/spa/api/login/code', {
			pending: answer.pending,
			code: generateSync({ secret: a.totpSecret! }),
		});
	expect(answer.status).toBe('signedIn');
	return (await post('/spa/api/session', { handoff: answer.handoff })).token;
}

const get = (path: string, bearer?: string, init: RequestInit = {}) =>
	fetch(new URL(path, demo.url), {
		...init,
		headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
	});

test('the pages carry no link to a PDF; the sign-in page posts JSON; the list needs the Bearer token, not the cookie', async () => {
	for (const page of ['/spa/login', '/spa/']) {
		const html = await (await get(page)).text();
		expect(html).not.toMatch(/href="[^"]*pdf/i);
	}
	expect((await get('/spa/api/invoices')).status).toBe(401);
	expect(
		(await post('/spa/api/login', { username: 'anna@example.test', password: 'no' })).error,
	).toBe('Invalid email or password.');
});

test('every document of the seed, 20 a page, newest first, with its PDF address only in the JSON', async () => {
	const bearer = await signIn('anna@example.test');
	const seen: Record<string, unknown>[] = [];
	let page: number | null = 1;
	while (page) {
		const list = (await (await get(`/spa/api/invoices?page=${page}`, bearer)).json()) as {
			data: Record<string, unknown>[];
			meta: { next: number | null; total: number };
		};
		expect(list.data.length).toBeLessThanOrEqual(SPA_PAGE_SIZE);
		seen.push(...list.data);
		page = list.meta.next;
	}
	const own = demo.state.documents.filter((d) => d.login === 'anna@example.test');
	expect(seen.map((d) => d.number).sort()).toEqual(own.map((d) => d.number).sort());
	const first = seen[0] as { files: { pdf: string }; date: string };
	const pdf = await get(first.files.pdf, bearer);
	expect(
		Buffer.from(await pdf.arrayBuffer())
			.subarray(0, 5)
			.toString(),
	).toBe('%PDF-');
	expect((await get(first.files.pdf)).status).toBe(401);
});

test('an authenticator account signs in with its code; the embedded base64 PDF is the same file', async () => {
	const bearer = await signIn('tom@example.test');
	const list = (await (await get('/spa/api/invoices?embed=content', bearer)).json()) as {
		data: { document: { content: string }; files: { pdf: string } }[];
	};
	const file = Buffer.from(await (await get(list.data[0].files.pdf, bearer)).arrayBuffer());
	expect(Buffer.from(list.data[0].document.content, 'base64').equals(file)).toBe(true);
});

test('the second call answers a signed address on the file host, which refuses a request carrying credentials', async () => {
	const bearer = await signIn('anna@example.test');
	const list = (await (await get('/spa/api/invoices', bearer)).json()) as {
		data: { id: string }[];
	};
	const { signedUrl } = (await (
		await get(`/spa/api/invoices/${list.data[0].id}/download`, bearer)
	).json()) as { signedUrl: string };
	expect(new URL(signedUrl).hostname).toBe('localhost');
	const refused = await fetch(signedUrl, { headers: { authorization: `Bearer ${bearer}` } });
	expect(refused.status).toBe(400);
	const redirect = await get(`/spa/api/invoices/${list.data[0].id}/download?redirect=1`, bearer, {
		redirect: 'manual',
	});
	expect(redirect.status).toBe(302);
	const clean = await fetch(redirect.headers.get('location')!);
	expect(
		Buffer.from(await clean.arrayBuffer())
			.subarray(0, 5)
			.toString(),
	).toBe('%PDF-');
	expect(spaStore(demo.state).fileHostVisits.map((v) => v.authorization)).toEqual([true, false]);
});
