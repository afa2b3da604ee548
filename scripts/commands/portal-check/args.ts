import { parseArgs } from 'node:util';

/**
 * The checker's command line: what it accepts, and the help text that lists every option and the
 * environment variables for unattended runs. Each mode (today: checking a definition) is one
 * entry of MODES, so another mode adds its options and its usage line here without touching the
 * others.
 */
export const CREDENTIAL_VARIABLES: [string, string][] = [
	['INVOICE_PORTALS_CHECK_USERNAME', "the user name (single sign-on: the identity provider's)"],
	['INVOICE_PORTALS_CHECK_PASSWORD', 'the password'],
	[
		'INVOICE_PORTALS_CHECK_TOTP_SECRET',
		'the authenticator secret (Base32, or the otpauth:// link of the QR code): authenticator codes are then filled in',
	],
];

/** The variables as the help text lists them; also used by npm run try. */
export function variablesHelp(): string {
	const width = Math.max(...CREDENTIAL_VARIABLES.map(([name]) => name.length));
	return [
		'environment variables (a run without questions: a script, CI, or no terminal):',
		...CREDENTIAL_VARIABLES.map(([name, text]) => `  ${name.padEnd(width)}  ${text}`),
		'Unset ones are asked for in the terminal (the password and codes are not shown as you type).',
		'SMS and e-mail codes are always asked for in the terminal; without one the run stops and says so.',
	].join('\n');
}

export type Option = { name: string; value?: string; text: string; short?: string };

/** Options as parseArgs wants them, plus the lines of the help text. */
export function optionsHelp(options: Option[]): string {
	const label = (o: Option) =>
		`${o.short ? `-${o.short}, ` : ''}--${o.name}${o.value ? ` <${o.value}>` : ''}`;
	const width = Math.max(...options.map((o) => label(o).length));
	return ['options:', ...options.map((o) => `  ${label(o).padEnd(width)}  ${o.text}`)].join('\n');
}

export const CHECK_OPTIONS: Option[] = [
	{ name: 'login-url', value: 'url', text: 'start at this address instead of loginUrl' },
	{ name: 'headed', text: 'show the browser window' },
	{
		name: 'out',
		value: 'dir',
		text: "where a failing step's screenshot and page go (default portal-check-<slug>)",
	},
	{
		name: 'identity-provider',
		value: 'provider.json',
		text: 'single sign-on: check a provider definition that is not in the catalogue yet',
	},
	{
		name: 'identity-provider-url',
		value: 'url',
		text: "single sign-on: where the provider signs in, if not at its definition's address",
	},
	{ name: 'help', short: 'h', text: 'show this text' },
];

export const CHECK_USAGE = 'usage: npm run portal:check -- <definition.json> [options]';

export const DISCOVER_OPTIONS: Option[] = [
	{
		name: 'discover',
		value: 'login URL',
		text: 'find the login and the documents list from this login page (the Automatic portal)',
	},
	{
		name: 'documents-url',
		value: 'url',
		text: 'with --discover: where the documents are listed, if you know (tried first)',
	},
	{ name: 'save', value: 'file', text: 'with --discover: write the definition it found here' },
	{ name: 'headed', text: 'show the browser window' },
	{
		name: 'out',
		value: 'dir',
		text: "where a failing step's screenshot and page go (default portal-check-discover)",
	},
	{ name: 'help', short: 'h', text: 'show this text' },
];

export const DISCOVER_USAGE =
	'usage: npm run portal:check -- --discover <login URL> [--documents-url <url>] [--save <file>]';

export function discoverHelp(): string {
	return [
		DISCOVER_USAGE,
		'',
		'Finds a portal by itself from its login page: the sign-in form (one or two steps), the code',
		'page, the documents page and its rows and fields. Prints each finding, lists the documents,',
		'downloads one, and writes a definition to refine by hand and check with',
		'npm run portal:check -- <file>.',
		'',
		optionsHelp(DISCOVER_OPTIONS),
		'',
		variablesHelp(),
	].join('\n');
}

export function checkHelp(): string {
	return [
		CHECK_USAGE,
		`   or: ${DISCOVER_USAGE.replace('usage: ', '')}  (--discover --help says more)`,
		'',
		'Tries a portal definition against the real site, step by step: the definition, the login',
		'(with its code pages), the documents list, one download. The definition is read when the',
		'checker starts: after editing it, just run the checker again.',
		'',
		optionsHelp(CHECK_OPTIONS),
		'',
		variablesHelp(),
	].join('\n');
}

export interface Parsed {
	positionals: string[];
	values: Record<string, string | boolean | undefined>;
}

/** The arguments by these options; an unknown option or a missing value is an Error naming it. */
export function parse(argv: string[], options: Option[]): Parsed {
	const { values, positionals } = parseArgs({
		args: argv,
		allowPositionals: true,
		strict: true,
		options: Object.fromEntries(
			options.map((o) => [
				o.name,
				{
					type: o.value ? ('string' as const) : ('boolean' as const),
					...(o.short ? { short: o.short } : {}),
				},
			]),
		),
	});
	return { positionals, values };
}
