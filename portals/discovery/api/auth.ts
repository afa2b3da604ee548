import type { ApiHeaderSource } from '../../definitions/api-spec';
import type { ApiAuthSource, ApiDocumentsSpec } from './api-spec';
import { isConstantHeader } from './constant-headers';
import { replayVerdict } from './hold';
import { pathsOf } from './json-paths';
import type { RecordedCall } from './recorded-call';
import { withoutSecretParams } from './redact';

/** Where a call's credentials may come from, as captured from the signed-in page. */
export interface AuthSources {
	cookies: { name: string; value: string }[];
	localStorage: Record<string, string>;
	sessionStorage: Record<string, string>;
	/** The app's calls before the one explained (their answers' headers and JSON). */
	earlier: RecordedCall[];
	domains: string[];
}

export interface AuthFinding {
	auth?: ApiDocumentsSpec['auth'];
	/** Header names whose values were explained, and how (no values: they are secrets). */
	explained: string[];
	/** Headers that look like credentials and come from nowhere the definition can name. */
	unexplained: string[];
}

// What every browser sends by itself, and the cookie header (cookies go with the session).
const ORDINARY =
	/^(accept|accept-encoding|accept-language|cache-control|connection|content-length|content-type|cookie|host|origin|pragma|referer|user-agent|dnt|priority|if-none-match|if-modified-since|upgrade-insecure-requests|x-requested-with)$|^sec-/;
const SECRET_NAME = /auth|token|csrf|xsrf|session|key|signature|bearer/i;
const MIN = 6;

const decode = (s: string) => {
	try {
		return decodeURIComponent(s);
	} catch {
		return s;
	}
};

/** The header value as a template around a source's value, when it holds that value. */
function templateFor(headerValue: string, source: string): string | undefined {
	for (const candidate of new Set([source, decode(source)])) {
		if (candidate.length < MIN) continue;
		if (headerValue === candidate) return '{value}';
		const prefix = headerValue.slice(0, headerValue.length - candidate.length);
		// Only a scheme word ("Bearer ", "Token ") may stand before the value: anything else in
		// the header is part of a secret, which the definition must not keep.
		if (headerValue.endsWith(candidate) && /^[A-Za-z][\w-]{0,19} $/.test(prefix))
			return `${prefix}{value}`;
	}
	return undefined;
}

const relative = (url: string) => {
	const u = withoutSecretParams(new URL(url));
	return `${u.pathname}${u.search}`;
};

/**
 * Explains the headers an app's call carries beyond the browser's own (Authorization, X-CSRF-Token
 * ...): by matching each value against the cookies, localStorage and sessionStorage, the
 * headers of earlier answers and the JSON of earlier answers (a CSRF token from an init call).
 * An earlier call is a source only when a reader may send it again (a GET the hold passes).
 */
export function findAuth(target: RecordedCall, sources: AuthSources): AuthFinding {
	const headers: Record<string, ApiHeaderSource> = {};
	const explained: string[] = [];
	const unexplained: string[] = [];
	for (const [name, value] of Object.entries(target.requestHeaders)) {
		if (ORDINARY.test(name)) continue;
		const found = value.length >= MIN ? explain(value, sources, target.order) : undefined;
		if (found) {
			headers[canonical(name)] = found.spec;
			explained.push(`${canonical(name)} from ${found.where}`);
		} else if (SECRET_NAME.test(name)) unexplained.push(canonical(name));
		else if (isConstantHeader(name, value, target, sources)) {
			// Not a secret (checked), so the value may be named in the report.
			headers[canonical(name)] = { value };
			explained.push(`${canonical(name)}, the constant ${JSON.stringify(value)} on every call`);
		}
	}
	return { auth: explained.length ? { headers } : undefined, explained, unexplained };
}

function explain(
	value: string,
	sources: AuthSources,
	before: number,
): { spec: { template: string; from: ApiAuthSource }; where: string } | undefined {
	for (const cookie of sources.cookies) {
		const template = templateFor(value, cookie.value);
		if (template)
			return {
				spec: { template, from: { cookie: cookie.name } },
				where: `the cookie ${cookie.name}`,
			};
	}
	for (const kind of ['sessionStorage', 'localStorage'] as const)
		for (const [key, stored] of Object.entries(sources[kind])) {
			const template = templateFor(value, stored);
			if (template)
				return {
					spec: { template, from: { [kind]: key } as ApiAuthSource },
					where: `${kind} "${key}"`,
				};
		}
	const replayable = sources.earlier.filter(
		(c) => c.order < before && c.method === 'GET' && replayVerdict(c, sources.domains).replay,
	);
	for (const call of replayable)
		for (const [name, answered] of Object.entries(call.responseHeaders)) {
			if (name === 'set-cookie') continue;
			const template = templateFor(value, answered);
			if (template)
				return {
					spec: { template, from: { responseHeader: { url: relative(call.url), name } } },
					where: `the ${name} header of ${relative(call.url)}`,
				};
		}
	for (const call of replayable) {
		const token = [value, value.replace(/^\S+\s+/, '')].find(
			(v) => v.length >= MIN && pathsOf(call.json, v).length,
		);
		if (!token) continue;
		const path = pathsOf(call.json, token)[0];
		return {
			spec: {
				template: templateFor(value, token)!,
				from: { json: { url: relative(call.url), path } },
			},
			where: `"${path}" in the answer of ${relative(call.url)}`,
		};
	}
	return undefined;
}

/** Authorization, X-CSRF-Token: header names as the app would write them (HTTP ignores case). */
const canonical = (name: string) =>
	name.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
