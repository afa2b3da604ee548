import type { Page } from 'playwright';
import type { Probe, ProbeAnswer } from './file';

const MAX_JSON = 1024 * 1024;

/**
 * Asks the portal about a file's address as the app would fetch it: a GET of its first byte
 * (Range: bytes=0-0; a HEAD where the range is refused) with the browser's cookies and the headers the app's own list call carried,
 * no redirect followed (where it leads is the answer), a 10 s limit, a handful per discovery.
 * The caller has passed the address through the read-only hold.
 */
export function pageProbe(page: Page, headers: Record<string, string>, budget = 6): Probe {
	let left = budget;
	return async (url: string): Promise<ProbeAnswer | undefined> => {
		if (left-- <= 0) return undefined;
		const ask = (method: 'GET' | 'HEAD') =>
			page.request
				.fetch(url, {
					method,
					headers: method === 'GET' ? { ...headers, Range: 'bytes=0-0' } : headers,
					maxRedirects: 0,
					timeout: 10_000,
				})
				.catch(() => undefined);
		let response = await ask('GET');
		// A server that refuses the one-byte range (Directus's /assets answers 416) is asked for
		// the headers alone: a HEAD, as light and as read-only.
		if (response?.status() === 416) {
			await response.dispose().catch(() => undefined);
			response = await ask('HEAD');
		}
		if (!response) return undefined;
		try {
			const type = (response.headers()['content-type'] ?? '').split(';')[0].trim().toLowerCase();
			const answer: ProbeAnswer = {
				status: response.status(),
				contentType: type,
				location: response.headers().location,
			};
			if (/[/+]json$/.test(type) && Number(response.headers()['content-length'] ?? 0) <= MAX_JSON) {
				const body = await response.body().catch(() => undefined);
				if (body && body.length <= MAX_JSON) answer.json = JSON.parse(body.toString('utf8'));
			}
			return answer;
		} catch {
			return undefined;
		} finally {
			await response.dispose().catch(() => undefined);
		}
	};
}
