import { Kind, parse, type DocumentNode } from 'graphql';
import { forbiddenWord } from '../words/forbidden-words';
import { onSite } from '../documents/links';

/** What a replay would send: the parts the hold judges. */
export interface ReplayCandidate {
	method: string;
	url: string;
	/** Lower-case names. */
	headers?: Record<string, string>;
	body?: string;
}

export type HoldVerdict = { replay: true } | { replay: false; reason: string };

const refuse = (reason: string): HoldVerdict => ({ replay: false, reason });

/**
 * The read-only hold: whether discovery (and a definition it writes) may send a request of this
 * kind again. Only what an app sends while merely reading passes: a GET, or a POST whose JSON
 * body is a query (a search, a GraphQL query). Never a mutation or subscription, never a method
 * that changes things, never an address, operation name or body that names a forbidden word
 * (log out, delete, cancel, pay ...), never another site than the portal's domains. A pure
 * function: the tests prove each refusal.
 */
export function replayVerdict(call: ReplayCandidate, domains: string[]): HoldVerdict {
	if (!onSite(call.url, domains)) return refuse(`another site (${safeHost(call.url)})`);
	const method = call.method.toUpperCase();
	if (method !== 'GET' && method !== 'POST') return refuse(`a ${method} changes things`);
	const url = new URL(call.url);
	// The path decoded too: an encoded value ("..%2Fme%2Fdelete") still says what it asks.
	const inAddress = forbiddenWord(
		`${url.pathname} ${decoded(url.pathname)} ${[...url.searchParams.keys()].join(' ')} ${[...url.searchParams.values()].filter((v) => v.length < 200).join(' ')}`,
	);
	if (inAddress) return refuse(`its address says "${inAddress}"`);
	// A GraphQL query may travel in the address too (GET /graphql?query=...).
	const inQuery = url.searchParams.get('query');
	if (inQuery !== null && /^\s*(query|mutation|subscription|\{)/.test(inQuery)) {
		const graphql = graphqlVerdict(inQuery, url.searchParams.get('operationName') ?? undefined);
		if (!graphql.replay) return graphql;
	}
	if (method === 'GET') return { replay: true };
	return postVerdict(call);
}

function decoded(path: string): string {
	try {
		return decodeURIComponent(path);
	} catch {
		return path;
	}
}

function postVerdict(call: ReplayCandidate): HoldVerdict {
	const type = (call.headers?.['content-type'] ?? '').toLowerCase();
	const body = call.body ?? '';
	if (type.includes('application/graphql')) return graphqlVerdict(body);
	let json: unknown;
	try {
		json = JSON.parse(body || 'null');
	} catch {
		// A form post or anything else that is not a JSON query: the app may be changing something.
		return refuse('a POST whose body is not JSON');
	}
	// A batch of GraphQL operations, or one: each must be a query.
	const operations = Array.isArray(json) ? json : [json];
	const graphql = operations.filter(
		(op): op is { query: string; operationName?: string } =>
			!!op && typeof op === 'object' && typeof (op as { query?: unknown }).query === 'string',
	);
	for (const op of graphql) {
		const verdict = graphqlVerdict(op.query, op.operationName);
		if (!verdict.replay) return verdict;
	}
	// A body that carries a password or a code is a sign-in or a second factor, never a query.
	const secret = secretKey(json);
	if (secret) return refuse(`its body carries "${secret}" (a sign-in or a code)`);
	// The body's words (keys and values): {"action": "cancel"} is not a query.
	const word = forbiddenWord(wordsOf(json).join(' '));
	if (word) return refuse(`its body says "${word}"`);
	return { replay: true };
}

/** A GraphQL document passes when every operation in it is a query without a forbidden name. */
export function graphqlVerdict(source: string, operationName?: string): HoldVerdict {
	let document: DocumentNode;
	try {
		document = parse(source, { noLocation: true });
	} catch {
		return refuse('a GraphQL document that does not parse');
	}
	for (const definition of document.definitions) {
		if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
		if (definition.operation !== 'query')
			return refuse(`a GraphQL ${definition.operation} (${definition.name?.value ?? 'unnamed'})`);
		const name = definition.name?.value ?? '';
		const word = forbiddenWord(splitWords(name));
		if (word) return refuse(`a GraphQL operation named "${name}" says "${word}"`);
	}
	const word = operationName ? forbiddenWord(splitWords(operationName)) : undefined;
	if (word) return refuse(`the operation name "${operationName}" says "${word}"`);
	return { replay: true };
}

/** The secret fields of a sign-in or code form, by name (recorded bodies hide their values). */
export const SECRET_FIELD =
	/pass(word)?|passwd|pwd|secret|otp|totp|mfa|2fa|^code$|pin$|captcha|credential/i;

function secretKey(value: unknown, depth = 0): string | undefined {
	if (depth > 8 || !value || typeof value !== 'object') return undefined;
	for (const [key, v] of Object.entries(value)) {
		if (SECRET_FIELD.test(key)) return key;
		const inner = secretKey(v, depth + 1);
		if (inner) return inner;
	}
	return undefined;
}

/** "cancelSubscription" → "cancel Subscription": names are camel case, words are whole. */
const splitWords = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1 $2');

function wordsOf(value: unknown, depth = 0): string[] {
	if (depth > 8) return [];
	if (typeof value === 'string') return value.length < 200 ? [splitWords(value)] : [];
	if (Array.isArray(value)) return value.flatMap((v) => wordsOf(v, depth + 1));
	if (value && typeof value === 'object')
		return Object.entries(value).flatMap(([k, v]) => [splitWords(k), ...wordsOf(v, depth + 1)]);
	return [];
}

function safeHost(url: string): string {
	try {
		return new URL(url).host;
	} catch {
		return 'not an address';
	}
}
