/**
 * An address fit for the report: the path and the parameters, with the values of those that
 * may carry a secret (a token, a signature, a key) left out. Header values and bodies are never
 * printed at all.
 */
const SECRET_PARAM = /token|key|sig|signature|auth|session|code|pass|secret|credential|jwt/i;

export function printableAddress(url: string, origin?: string): string {
	try {
		const u = new URL(url);
		for (const key of [...u.searchParams.keys()])
			if (SECRET_PARAM.test(key)) u.searchParams.set(key, '…');
		const tail = `${u.pathname}${u.search.replace(/%E2%80%A6/g, '…')}`;
		return origin && u.origin === origin ? tail : `${u.origin}${tail}`;
	} catch {
		return '(not an address)';
	}
}

/**
 * Names of parameters and body fields whose values discovery never writes into a definition (nor
 * its report): a session's token, a signed address's signature, a key. Narrower than the
 * report's SECRET_PARAM, which only hides values: these are left out, so a filter such as
 * `typeCode` or `sortKey` must stay.
 */
const SECRET_NAME =
	/token|signature|^sig$|secret|pass(word)?|session|csrf|xsrf|api[-_]?key|access[-_]?key|jwt|credential|^auth/i;

/** Whether a parameter's, field's or header's name says that its value is a secret. */
export const secretName = (name: string): boolean => SECRET_NAME.test(name);

/** An address without the parameters that carry a secret: one session's or one download's. */
export function withoutSecretParams(url: URL): URL {
	const u = new URL(url);
	for (const key of [...u.searchParams.keys()])
		if (SECRET_NAME.test(key)) u.searchParams.delete(key);
	return u;
}

/** Parameters or JSON fields (at any depth) without those that carry a secret. */
export function withoutSecretFields<T>(value: T, depth = 0): T {
	if (depth > 8 || !value || typeof value !== 'object') return value;
	if (Array.isArray(value)) return value.map((v) => withoutSecretFields(v, depth + 1)) as T;
	return Object.fromEntries(
		Object.entries(value)
			.filter(([key]) => !SECRET_NAME.test(key))
			.map(([key, v]) => [key, withoutSecretFields(v, depth + 1)]),
	) as T;
}
