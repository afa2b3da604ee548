import { codeAt, parseTotpSecret } from '../../../portals/core/login/totp';

/**
 * The app_api floor: Node's fetch against the /spa/ layout's JSON API, knowing it by heart. It
 * signs in with three JSON calls (password, authenticator code, handoff for the Bearer token),
 * then lists every page and downloads every PDF with the Bearer token, four at a time as the
 * engine does. Nothing is parsed beyond what the work needs, nothing is checked.
 */
const postJson = async (url: string, body: unknown): Promise<Record<string, string>> => {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	return (await response.json()) as Record<string, string>;
};

/** The Bearer token of `login` (the code is retried once: one sent at a window's end expires). */
export async function apiSignIn(
	base: string,
	login: string,
	password: string,
	secret: string,
): Promise<string> {
	const api = `${base}/spa/api`;
	let answer = await postJson(`${api}/login`, { username: login, password });
	for (let attempt = 0; attempt < 2 && answer.status === 'code'; attempt++) {
		const code = codeAt(parseTotpSecret(secret), Date.now());
		answer = await postJson(`${api}/login/code`, { pending: answer.pending, code });
	}
	if (answer.status !== 'signedIn') throw new Error('floor: the /spa/ sign-in failed');
	const { token } = await postJson(`${api}/session`, { handoff: answer.handoff });
	return token;
}

async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>) {
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, async () => {
			while (next < items.length) await work(items[next++]);
		}),
	);
}

/** Every page of /spa/api/invoices, then every item's PDF: the same work as ours after sign-in. */
export async function apiFetchAll(
	base: string,
	token: string,
	concurrency: number,
): Promise<{ files: number; bytes: number }> {
	const headers = { authorization: `Bearer ${token}` };
	const files: string[] = [];
	for (let page: number | null = 1; page; ) {
		const response = await fetch(`${base}/spa/api/invoices?page=${page}`, { headers });
		const list = (await response.json()) as {
			data: { files: { pdf: string } }[];
			meta: { next: number | null };
		};
		files.push(...list.data.map((d) => new URL(d.files.pdf, base).toString()));
		page = list.meta.next;
	}
	let bytes = 0;
	await pool(files, concurrency, async (url) => {
		const response = await fetch(url, { headers });
		if (!response.ok) throw new Error(`floor: ${url} answered ${response.status}`);
		bytes += (await response.arrayBuffer()).byteLength;
	});
	return { files: files.length, bytes };
}
