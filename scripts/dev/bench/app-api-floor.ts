import { dispatcherFor } from '../../../portals/core/http/loopback-names';
import { codeAt, parseTotpSecret } from '../../../portals/core/login/totp';
import { SPA_CLIENT_HEADER } from '../../../testbeds/demo-portal/spa-api-layout';

/**
 * The app_api floor: Node's fetch against the /spa/ layout's JSON API, knowing it by heart. It
 * signs in with three JSON calls (password, authenticator code, handoff for the Bearer token),
 * then lists every contract's pages and takes every PDF (inline, or by its signed address on the
 * file host), four at a time while the listing goes on, as the engine does. Nothing is parsed
 * beyond what the work needs, nothing is checked.
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

/** Node's fetch with `*.localhost` names (the file host) on 127.0.0.1, as our client resolves them. */
async function get(url: string, headers: Record<string, string> = {}): Promise<Response> {
	const dispatcher = await dispatcherFor(new URL(url));
	const response = await fetch(url, {
		headers,
		...(dispatcher ? { dispatcher } : {}),
	} as RequestInit);
	if (!response.ok) throw new Error(`floor: ${url} answered ${response.status}`);
	return response;
}

interface Item {
	id: string;
	document?: { content: string };
}

/**
 * Every contract's pages of /spa/api/invoices (as the app switches contracts), each item's PDF
 * taken as soon as its page is in: inline base64 decoded, or its signed address asked and the file
 * fetched from the file host, `concurrency` at a time while the listing goes on (as ours does):
 * the same work as ours after sign-in.
 */
export async function apiFetchAll(
	base: string,
	token: string,
	concurrency: number,
): Promise<{ files: number; bytes: number }> {
	const headers = {
		authorization: `Bearer ${token}`,
		[SPA_CLIENT_HEADER.name]: SPA_CLIENT_HEADER.value,
	};
	const queue: string[] = [];
	let listed = false;
	const wake: (() => void)[] = [];
	const resume = () => wake.splice(0).forEach((go) => go());
	let files = 0;
	let bytes = 0;
	const worker = async () => {
		for (;;) {
			const id = queue.shift();
			if (id === undefined && listed) return;
			if (id === undefined) {
				await new Promise<void>((go) => wake.push(go));
				continue;
			}
			const download = `${base}/spa/api/invoices/${encodeURIComponent(id)}/download`;
			const { signedUrl } = (await (await get(download, headers)).json()) as { signedUrl: string };
			bytes += (await (await get(signedUrl)).arrayBuffer()).byteLength;
			files += 1;
		}
	};
	const workers = Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
	// A failed file fails the run when awaited below, not the process while the listing goes on.
	workers.catch(() => undefined);
	try {
		const accounts = (await (await get(`${base}/spa/api/accounts`, headers)).json()) as {
			data: { id: string }[];
		};
		for (const account of accounts.data)
			for (let page: number | null = 1; page; ) {
				const at = `${base}/spa/api/invoices?account=${encodeURIComponent(account.id)}&page=${page}`;
				const list = (await (await get(at, headers)).json()) as {
					data: Item[];
					meta: { next: number | null };
				};
				for (const item of list.data) {
					if (!item.document) {
						queue.push(item.id);
						continue;
					}
					bytes += Buffer.from(item.document.content, 'base64').length;
					files += 1;
				}
				resume();
				page = list.meta.next;
			}
	} finally {
		listed = true;
		resume();
	}
	await workers;
	return { files, bytes };
}
