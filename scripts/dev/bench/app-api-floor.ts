import { codeAt, parseTotpSecret } from '../../../portals/core/login/totp';

/**
 * The app_api floor: Node's fetch against the /spa/ layout's JSON API, knowing it by heart. It
 * signs in with three JSON calls (password, authenticator code, handoff for the Bearer token),
 * then lists every page and downloads every PDF with the Bearer token, four at a time while the
 * listing goes on, as the engine does. Nothing is parsed beyond what the work needs, nothing is
 * checked.
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

/**
 * Every page of /spa/api/invoices, each item's PDF fetched as soon as its page is in, `concurrency`
 * at a time while the listing goes on (as ours does): the same work as ours after sign-in.
 */
export async function apiFetchAll(
	base: string,
	token: string,
	concurrency: number,
): Promise<{ files: number; bytes: number }> {
	const headers = { authorization: `Bearer ${token}` };
	const queue: string[] = [];
	let listed = false;
	const wake: (() => void)[] = [];
	const resume = () => wake.splice(0).forEach((go) => go());
	let files = 0;
	let bytes = 0;
	const worker = async () => {
		for (;;) {
			const url = queue.shift();
			if (url === undefined && listed) return;
			if (url === undefined) {
				await new Promise<void>((go) => wake.push(go));
				continue;
			}
			const response = await fetch(url, { headers });
			if (!response.ok) throw new Error(`floor: ${url} answered ${response.status}`);
			const length = (await response.arrayBuffer()).byteLength;
			bytes += length;
			files += 1;
		}
	};
	const workers = Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
	// A failed file fails the run when awaited below, not the process while the listing goes on.
	workers.catch(() => undefined);
	try {
		for (let page: number | null = 1; page; ) {
			const response = await fetch(`${base}/spa/api/invoices?page=${page}`, { headers });
			const list = (await response.json()) as {
				data: { files: { pdf: string } }[];
				meta: { next: number | null };
			};
			queue.push(...list.data.map((d) => new URL(d.files.pdf, base).toString()));
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
