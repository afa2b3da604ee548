import type { AdapterEnv } from '../core/contract/adapter';
import { MAX_JSON_BYTES } from '../core/contract/api-call';
import { PortalError, safeUrl } from '../core/outcomes/errors';
import type { ApiHeaderFrom, ApiListSpec } from './api-spec';
import { throwForApiStatus } from './api-status';
import { fieldText, jsonAt } from './json-path';

/**
 * The headers an app's calls carry (documents.api.auth.headers), each value taken from where the
 * app keeps it: a cookie, localStorage or sessionStorage (captured after the sign-in and saved
 * with the session), a response header or an earlier answer's JSON (a CSRF token from an init
 * call: that call is a GET the app itself makes when it starts). Read once per run.
 */
export class ApiAuth {
	private headers?: Promise<Record<string, string>>;

	constructor(
		private readonly api: ApiListSpec,
		/** The definition's address on the run's base URL. */
		private readonly at: (env: AdapterEnv, target: string) => string,
	) {}

	/** The headers, or an empty set where the definition names none. */
	of(env: AdapterEnv): Promise<Record<string, string>> {
		this.headers ??= this.read(env);
		const headers = this.headers;
		headers.catch(() => {
			if (this.headers === headers) this.headers = undefined;
		});
		return headers;
	}

	/** Forgets the values (a new sign-in gives new ones). */
	reset(): void {
		this.headers = undefined;
	}

	private async read(env: AdapterEnv): Promise<Record<string, string>> {
		const out: Record<string, string> = {};
		for (const [name, source] of Object.entries(this.api.auth?.headers ?? {})) {
			if ('value' in source) {
				out[name] = source.value;
				continue;
			}
			const value = await this.value(env, source);
			// A missing value is no header: the call then shows whether the session still works.
			if (value !== undefined)
				out[name] = source.template ? source.template.replace('{value}', value) : value;
		}
		return out;
	}

	private async value(env: AdapterEnv, { from }: ApiHeaderFrom): Promise<string | undefined> {
		const base = this.at(env, this.api.request.url);
		if ('cookie' in from) return env.surface.sessionValue('cookie', from.cookie, base);
		if ('localStorage' in from)
			return env.surface.sessionValue('localStorage', from.localStorage, base);
		if ('sessionStorage' in from)
			return env.surface.sessionValue('sessionStorage', from.sessionStorage, base);
		const source = 'responseHeader' in from ? from.responseHeader : from.json;
		const answer = await env.surface.call({
			method: 'GET',
			url: this.at(env, source.url),
			kind: 'json',
			maxBytes: MAX_JSON_BYTES,
			inPage: this.api.inPage,
		});
		// An expired session answers the init call with 401: sign in again, not "changed".
		throwForApiStatus(answer);
		if ('responseHeader' in from) return answer.headers[from.responseHeader.name.toLowerCase()];
		let json: unknown;
		try {
			json = JSON.parse(answer.body.toString('utf8'));
		} catch {
			throw new PortalError(
				'LAYOUT_CHANGED',
				`The portal's answer at ${safeUrl(answer.url)} is not JSON (documents.api.auth).`,
				{ missingElement: 'documents.api.auth' },
			);
		}
		return fieldText(jsonAt(json, from.json.path));
	}
}
