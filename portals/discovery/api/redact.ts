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
