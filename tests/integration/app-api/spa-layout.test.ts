import { generateSync } from 'otplib';
import { dispatcherFor } from '../../../portals/core/http/loopback-names';
import type { DemoPortal } from '../../../testbeds/demo-portal';
import type { RequestContext } from '../../../testbeds/demo-portal/auth-routes';
import { pdfFor } from '../../../testbeds/demo-portal/document-routes';
import {
	spaStore,
	SPA_CLIENT_HEADER,
	SPA_PAGE_SIZE,
} from '../../../testbeds/demo-portal/spa-api-layout';
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

/** Node's fetch with `*.localhost` names resolved to 127.0.0.1, as the engine resolves them. */
const onLoopback = async (url: string, init: RequestInit = {}) => {
	const dispatcher = await dispatcherFor(new URL(url));
	return fetch(url, { ...init, ...(dispatcher ? { dispatcher } : {}) } as RequestInit);
};

/** The app's constant header, which every API call must carry. */
const CLIENT = { [SPA_CLIENT_HEADER.name]: SPA_CLIENT_HEADER.value };

const get = (path: string, bearer?: string, init: RequestInit = {}, client = true) =>
	fetch(new URL(path, demo.url), {
		...init,
		headers: {
			...(client ? CLIENT : {}),
			...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
		},
	});

test("the pages carry no link to a PDF; the sign-in page posts JSON; the list needs the Bearer token (not the cookie) and the app's constant x-client header", async () => {
	for (const page of ['/spa/login', '/spa/']) {
		const html = await (await get(page)).text();
		expect(html).not.toMatch(/href="[^"]*pdf/i);
	}
	expect((await get('/spa/api/invoices')).status).toBe(401);
	// The app's constant header is required: without it even a valid token is refused.
	const bearer = await signIn('anna@example.test');
	const bare = await get('/spa/api/invoices', bearer, {}, false);
	expect(bare.status).toBe(400);
	expect(await bare.json()).toEqual({ error: 'unsupported client: send x-client' });
	expect((await get('/spa/api/invoices', bearer)).status).toBe(200);
	expect(
		(await post('/spa/api/login', { username: 'anna@example.test', password: 'no' })).error,
	).toBe('Invalid email or password.');
});

test('every document of the seed, 20 a page; the first contract’s PDFs inline, the others with no address at all', async () => {
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
	for (const item of seen as { number: string; account: { id: string } }[]) {
		const doc = own.find((d) => d.number === item.number)!;
		const inline = (item as { document?: { content: string } }).document?.content;
		if (item.account.id === 'CUST-1001')
			expect(
				Buffer.from(inline!, 'base64').equals(pdfFor({ state: demo.state } as RequestContext, doc)),
			).toBe(true);
		else
			expect(Object.keys(item).sort()).toEqual([
				'account',
				'date',
				'due',
				'id',
				'kind',
				'number',
				'total',
			]);
	}
	// One contract's list, as its link asks for it.
	const second = (await (await get('/spa/api/invoices?account=CUST-1002', bearer)).json()) as {
		data: { account: { id: string } }[];
	};
	expect(new Set(second.data.map((d) => d.account.id))).toEqual(new Set(['CUST-1002']));
	// The older shape on request: every item with its address.
	const linked = (await (await get('/spa/api/invoices?links=pdf', bearer)).json()) as {
		data: { files: { pdf: string } }[];
	};
	const first = linked.data[0];
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
	const list = (await (await get('/spa/api/invoices?embed=content&links=pdf', bearer)).json()) as {
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
	expect(new URL(signedUrl).hostname).toBe('files.spa-cdn.localhost');
	const refused = await onLoopback(signedUrl, { headers: { authorization: `Bearer ${bearer}` } });
	expect(refused.status).toBe(400);
	const redirect = await get(`/spa/api/invoices/${list.data[0].id}/download?redirect=1`, bearer, {
		redirect: 'manual',
	});
	expect(redirect.status).toBe(302);
	const clean = await onLoopback(redirect.headers.get('location')!);
	expect(
		Buffer.from(await clean.arrayBuffer())
			.subarray(0, 5)
			.toString(),
	).toBe('%PDF-');
	expect(spaStore(demo.state).fileHostVisits.map((v) => v.authorization)).toEqual([true, false]);
});

test('on its own names the layout is on two hosts: the sign-in on login., the app and its API on app.', async () => {
	const port = new URL(demo.url).port;
	const login = `http://login.spa.localhost:${port}`;
	const app = `http://app.spa.localhost:${port}`;
	const page = await (await onLoopback(`${login}/spa/login`)).text();
	expect(page).toContain(JSON.stringify(`${login}/spa/api`));
	expect(page).toContain(JSON.stringify(`${app}/spa/`));
	const a = account('anna@example.test');
	const signIn = (host: string) =>
		onLoopback(`${host}/spa/api/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ username: a.login, password: a.password }),
		});
	// The sign-in answers on the login host only.
	expect((await signIn(app)).status).toBe(404);
	const { handoff } = (await (await signIn(login)).json()) as { handoff: string };
	const exchange = (host: string) =>
		onLoopback(`${host}/spa/api/session`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ handoff }),
		});
	expect((await exchange(login)).status).toBe(404);
	const { token } = (await (await exchange(app)).json()) as { token: string };
	// The token signs in calls to the app host only.
	const list = (host: string) =>
		onLoopback(`${host}/spa/api/invoices?links=pdf`, {
			headers: { ...CLIENT, authorization: `Bearer ${token}` },
		});
	expect((await list(login)).status).toBe(401);
	const listed = (await (await list(app)).json()) as { data: { files: { pdf: string } }[] };
	expect(listed.data[0].files.pdf.startsWith(`${app}/spa/api/invoices/`)).toBe(true);
});
