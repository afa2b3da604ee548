/**
 * Plain words for the network failures that Chromium (`net::ERR_…`), Node (`ENOTFOUND`, …) and
 * undici report in codes, and for Playwright's way of quoting them (`page.goto: … at <url>`, a
 * "Call log"). Users read these messages in n8n; the codes mean nothing to most of them.
 */
const WORDS: [RegExp, string][] = [
	[
		/ERR_NAME_NOT_RESOLVED|ENOTFOUND|EAI_AGAIN|EAI_NONAME/,
		'no server answers to this host name (check its spelling)',
	],
	[
		/ERR_CONNECTION_REFUSED|ECONNREFUSED/,
		'the server refused the connection (nothing answers on that port)',
	],
	[
		/ERR_CONNECTION_TIMED_OUT|ERR_TIMED_OUT|ETIMEDOUT|UND_ERR_CONNECT_TIMEOUT/,
		'the server did not answer in time',
	],
	[
		/ERR_CONNECTION_RESET|ERR_CONNECTION_CLOSED|ERR_EMPTY_RESPONSE|ECONNRESET|UND_ERR_SOCKET|other side closed/,
		'the server closed the connection without answering',
	],
	[
		/ERR_ADDRESS_UNREACHABLE|ERR_INTERNET_DISCONNECTED|ERR_NETWORK_CHANGED|EHOSTUNREACH|ENETUNREACH/,
		'the network of this n8n cannot reach the server',
	],
	[
		/ERR_CERT_|CERT_HAS_EXPIRED|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS_CERT/,
		"the server's security certificate is not valid",
	],
	[/ERR_SSL_|EPROTO/, 'a secure (TLS) connection to the server could not be set up'],
];

/** What a network failure means, in words; undefined when the text names none. */
export function networkWords(text: string): string | undefined {
	return WORDS.find(([pattern]) => pattern.test(text))?.[1];
}

/** The address Playwright names in "… at <url>", if any. */
export function addressIn(text: string): string | undefined {
	return /\bat ((?:https?):\/\/\S+)/.exec(text)?.[1];
}

/**
 * A library's message without its wording: Playwright's "page.goto: " prefix, its call log and
 * "=====" banners, and what follows the first line.
 */
export function withoutLibraryWording(text: string): string {
	return text
		.split('\n')[0]
		.replace(/^(?:[a-zA-Z]+\.)+[a-zA-Z]+: /, '')
		.replace(/\s*=+\s*logs\s*=+.*$/i, '')
		.trim();
}

/**
 * Chromium (`net::ERR_UNSAFE_PORT`) and Node's fetch ("bad port") refuse some ports outright, those
 * of other protocols (9, 25, 6000, …). Nothing on the network failed: the address is wrong, so it
 * is a setting to correct, not an outage for the next run to outlive.
 */
export function isBlockedPort(text: string): boolean {
	return /ERR_UNSAFE_PORT|\bbad port\b/i.test(text);
}

/** What to tell a user whose portal address uses such a port. */
export function blockedPortMessage(where: string | undefined): string {
	let port = '';
	try {
		port = where ? ` ${new URL(where).port}` : '';
	} catch {
		// An address that does not parse is named as it is.
	}
	const address = where ? ` ${where}` : '';
	return `The portal's address${address} uses port${port}, which browsers and Node refuse to connect to (it belongs to other kinds of service): check the credential's Login URL and the definition's addresses.`;
}
