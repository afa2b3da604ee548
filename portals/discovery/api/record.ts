import type { Page, Response } from 'playwright';
import { SECRET_FIELD } from './hold';
import type { RecordedCall } from './recorded-call';

export interface RecorderLimits {
	/** Calls kept per discovery (default 200): a page that polls must not fill the memory. */
	maxCalls: number;
	/** A JSON answer's body is kept up to this size (default 2 MB); a bigger one is left out. */
	maxBodyBytes: number;
}

const DEFAULTS: RecorderLimits = { maxCalls: 200, maxBodyBytes: 2 * 1024 * 1024 };

const isJson = (type: string) => /[/+]json$/.test(type);

/**
 * Records the portal's own app calls while discovery signs in and crawls: every XHR and fetch
 * (method, address, request headers and body, status, answer headers, the JSON body under the
 * cap), and the files the page loads (their address and type only, no body: a download observed
 * teaches its address). It listens, never sends: Playwright reports what the page did.
 */
export class ApiRecorder {
	readonly calls: RecordedCall[] = [];
	private readonly pending = new Set<Promise<void>>();
	private readonly limits: RecorderLimits;
	private order = 0;
	private listening = false;

	constructor(
		private readonly page: Page,
		limits: Partial<RecorderLimits> = {},
	) {
		this.limits = { ...DEFAULTS, ...limits };
	}

	start(): this {
		if (!this.listening) this.page.on('response', this.onResponse);
		this.listening = true;
		return this;
	}

	stop(): void {
		this.page.off('response', this.onResponse);
		this.listening = false;
	}

	/** Waits until the answers already seen are read (their bodies come asynchronously). */
	async settled(): Promise<void> {
		await Promise.all([...this.pending]);
	}

	private readonly onResponse = (response: Response): void => {
		const request = response.request();
		const kind = request.resourceType();
		const contentType = (response.headers()['content-type'] ?? '')
			.split(';')[0]
			.trim()
			.toLowerCase();
		const appCall = kind === 'xhr' || kind === 'fetch';
		const file = contentType === 'application/pdf' || contentType === 'application/octet-stream';
		if ((!appCall && !file) || this.order >= this.limits.maxCalls) return;
		const order = this.order++;
		// The page now, not once the body is read: the app may have moved on by then.
		const pageUrl = this.page.url();
		const done = this.read(response, order, kind, contentType, appCall)
			.then((call) => {
				if (call) this.calls.push({ ...call, pageUrl });
			})
			.catch(() => undefined)
			.finally(() => this.pending.delete(done));
		this.pending.add(done);
	};

	private async read(
		response: Response,
		order: number,
		resourceType: string,
		contentType: string,
		appCall: boolean,
	): Promise<RecordedCall | undefined> {
		const request = response.request();
		const [requestHeaders, responseHeaders] = await Promise.all([
			request.allHeaders().catch(() => request.headers()),
			response.allHeaders().catch(() => response.headers()),
		]);
		const call: RecordedCall = {
			order,
			method: request.method(),
			url: request.url(),
			resourceType,
			requestHeaders,
			requestBody: hideSecrets(capped(request.postData() ?? undefined, this.limits.maxBodyBytes)),
			status: response.status(),
			responseHeaders,
			contentType,
		};
		const length = Number(responseHeaders['content-length'] ?? 0);
		if (!appCall || !isJson(contentType) || length > this.limits.maxBodyBytes) return call;
		const body = await response.body().catch(() => undefined);
		if (!body || body.length > this.limits.maxBodyBytes) return call;
		call.responseBody = body.toString('utf8');
		try {
			call.json = JSON.parse(call.responseBody);
		} catch {
			// announced as JSON, but is not: kept as text, never a collection
		}
		return call;
	}
}

const capped = (text: string | undefined, max: number) =>
	text !== undefined && text.length <= max ? text : undefined;

/**
 * A request body with the values of its password and code fields replaced by "…" (JSON or a
 * form): discovery never holds the user's password in what it recorded; the names stay, so the
 * hold still sees a sign-in.
 */
export function hideSecrets(body: string | undefined): string | undefined {
	if (body === undefined) return undefined;
	const hide = (value: unknown, depth: number): unknown => {
		if (depth > 8 || !value || typeof value !== 'object') return value;
		if (Array.isArray(value)) return value.map((v) => hide(v, depth + 1));
		return Object.fromEntries(
			Object.entries(value).map(([k, v]) => [k, SECRET_FIELD.test(k) ? '…' : hide(v, depth + 1)]),
		);
	};
	try {
		return JSON.stringify(hide(JSON.parse(body), 0));
	} catch {
		const form = new URLSearchParams(body);
		for (const key of [...form.keys()]) if (SECRET_FIELD.test(key)) form.set(key, '…');
		return form.toString();
	}
}

/** What a signed-in page keeps in its storage: where a token may come from (capped). */
export async function pageStorage(
	page: Page,
): Promise<{ localStorage: Record<string, string>; sessionStorage: Record<string, string> }> {
	return page
		.evaluate(() => {
			const read = (store: Storage) => {
				const out: Record<string, string> = {};
				for (let i = 0; i < Math.min(store.length, 200); i++) {
					const key = store.key(i);
					const value = key === null ? null : store.getItem(key);
					if (key !== null && value !== null && value.length <= 20_000) out[key] = value;
				}
				return out;
			};
			return {
				localStorage: read(window.localStorage),
				sessionStorage: read(window.sessionStorage),
			};
		})
		.catch(() => ({ localStorage: {}, sessionStorage: {} }));
}
