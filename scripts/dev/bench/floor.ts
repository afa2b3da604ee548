import { codeAt, parseTotpSecret } from '../../../portals/core/login/totp';

/**
 * The physical floor: a plain HTTP client that knows the demo portal's markup by heart. It
 * logs in with three requests, then fetches the list pages one after another and the PDFs with
 * the same concurrency limit the engine uses. Nothing is rendered, nothing is checked.
 */
class HttpClient {
	private readonly jar = new Map<string, string>();

	constructor(private readonly base: string) {}

	private remember(response: Response): void {
		for (const header of response.headers.getSetCookie()) {
			const [pair] = header.split(';');
			const at = pair.indexOf('=');
			this.jar.set(pair.slice(0, at), pair.slice(at + 1));
		}
	}

	private headers(extra: Record<string, string> = {}): Record<string, string> {
		return { cookie: [...this.jar].map(([k, v]) => `${k}=${v}`).join('; '), ...extra };
	}

	/** GET, following redirects by hand so that cookies set on the way are kept. */
	async get(path: string): Promise<{ url: string; body: Buffer }> {
		let url = new URL(path, this.base).toString();
		for (let hops = 0; hops < 5; hops++) {
			const response = await fetch(url, { headers: this.headers(), redirect: 'manual' });
			this.remember(response);
			const location = response.headers.get('location');
			if (response.status >= 300 && response.status < 400 && location) {
				await response.arrayBuffer();
				url = new URL(location, url).toString();
				continue;
			}
			return { url, body: Buffer.from(await response.arrayBuffer()) };
		}
		throw new Error(`too many redirects from ${path}`);
	}

	async post(path: string, form: Record<string, string>): Promise<{ url: string; body: Buffer }> {
		const response = await fetch(new URL(path, this.base), {
			method: 'POST',
			headers: this.headers({ 'content-type': 'application/x-www-form-urlencoded' }),
			body: new URLSearchParams(form).toString(),
			redirect: 'manual',
		});
		this.remember(response);
		const location = response.headers.get('location');
		if (response.status >= 300 && response.status < 400 && location) {
			await response.arrayBuffer();
			return this.get(location);
		}
		return { url: response.url, body: Buffer.from(await response.arrayBuffer()) };
	}
}

const csrfOf = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

export async function httpLogin(
	base: string,
	login: string,
	password: string,
	secret: string,
): Promise<HttpClient> {
	const client = new HttpClient(base);
	const form = (await client.get('/login')).body.toString();
	const afterPassword = await client.post('/login', {
		csrf: csrfOf(form),
		username: login,
		password,
	});
	let page = afterPassword;
	// A code sent just before its 30-second window ends can arrive too late: try the next one once.
	for (let attempt = 0; attempt < 2; attempt++) {
		const code = codeAt(parseTotpSecret(secret), Date.now());
		page = await client.post('/login/verify', { csrf: csrfOf(page.body.toString()), code });
		if (new URL(page.url).pathname.startsWith('/dashboard')) return client;
	}
	throw new Error(`floor login failed at ${page.url}`);
}

async function pool<T>(
	items: T[],
	concurrency: number,
	work: (item: T) => Promise<void>,
): Promise<void> {
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, async () => {
			while (next < items.length) await work(items[next++]);
		}),
	);
}

/**
 * Lists every page of every customer number and fetches every PDF (`firstPageOnly`: only the
 * first page of each, which is what knowing "nothing new" takes at the least).
 */
export async function httpFetchAll(
	client: HttpClient,
	concurrency: number,
	firstPageOnly = false,
): Promise<{ files: number; bytes: number }> {
	let page = (await client.get('/invoices')).body.toString();
	const accounts = [...page.matchAll(/<option value="([^"]+)"/g)].map((m) => m[1]);
	const links: string[] = [];
	const exports: { path: string; csrf: string }[] = [];
	for (const [index, account] of accounts.entries()) {
		if (index > 0)
			page = (
				await client.post('/account/switch', { csrf: csrfOf(page), account })
			).body.toString();
		for (;;) {
			links.push(...[...page.matchAll(/href="(\/invoices\/\d+\/download)"/g)].map((m) => m[1]));
			for (const m of page.matchAll(/action="(\/invoices\/\d+\/export)"/g))
				exports.push({ path: m[1], csrf: csrfOf(page) });
			const next = /rel="next" href="([^"]+)"/.exec(page)?.[1];
			if (!next || firstPageOnly) break;
			page = (await client.get(next.replace(/&amp;/g, '&'))).body.toString();
		}
	}
	if (firstPageOnly) return { files: 0, bytes: 0 };
	let bytes = 0;
	const jobs = [
		...links.map((link) => () => client.get(link)),
		...exports.map((item) => () => client.post(item.path, { csrf: item.csrf })),
	];
	await pool(jobs, concurrency, async (job) => {
		bytes += (await job()).body.length;
	});
	return { files: jobs.length, bytes };
}
