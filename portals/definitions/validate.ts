import Ajv, { type ErrorObject } from 'ajv';
import { PortalError } from '../core/outcomes/errors';
import schema from './portal-definition.schema.json';
import { hostAllowed, urlAllowed } from '../core/contract/origins';
import type { AnySpec, DefinitionSpec, FieldSpec } from './spec';
import { apiProblems } from './validate-api';
import { printProblems } from './validate-print';
import { fieldOptionProblems } from './field-checks';
import { accountsPage, accountsProblems } from './validate-accounts';

export interface DefinitionProblem {
	/** Where, as a path into the definition: documents.fields.issueDate.date */
	field: string;
	message: string;
}

const ajv = new Ajv({ allErrors: true, verbose: true, strict: false });
const check = ajv.compile(schema);

function pathOf(instancePath: string, extra?: string): string {
	const parts = instancePath
		.split('/')
		.filter(Boolean)
		.map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`));
	if (extra) parts.push(`.${extra}`);
	return parts.join('').replace(/^\./, '') || '(definition)';
}

function requiredOf(branches: unknown): string[] {
	return Array.isArray(branches)
		? branches.flatMap((b: { required?: string[] }) => b.required ?? [])
		: [];
}

/** Ajv's errors as one plain sentence per field; alternatives (oneOf/anyOf) only when nothing deeper explains it. */
function describe(errors: ErrorObject[]): DefinitionProblem[] {
	const problems: DefinitionProblem[] = [];
	for (const e of errors) {
		const shape = shapeProblem(e, errors);
		// null: said elsewhere; undefined: not about the shape.
		if (shape === undefined) problems.push(valueProblem(e));
		else if (shape) problems.push(shape);
	}
	return problems;
}

/**
 * A problem with the definition's shape (a field missing, unknown, or in the wrong combination);
 * null when the error is better said elsewhere (deeper, or by its branch); undefined when the
 * error is not about the shape (see valueProblem).
 */
function shapeProblem(e: ErrorObject, errors: ErrorObject[]): DefinitionProblem | null | undefined {
	switch (e.keyword) {
		case 'required':
			// A missing field inside a oneOf/anyOf branch is reported by that oneOf/anyOf.
			if (/\/(oneOf|anyOf)\/\d+\/required$/.test(e.schemaPath)) return null;
			return {
				field: pathOf(e.instancePath, (e.params as { missingProperty: string }).missingProperty),
				message: 'is missing',
			};
		case 'additionalProperties': {
			const known = Object.keys(
				(e.parentSchema as { properties?: object })?.properties ?? {},
			).filter((k) => k !== '$schema');
			return {
				field: pathOf(
					e.instancePath,
					(e.params as { additionalProperty: string }).additionalProperty,
				),
				message: `is not a known field here (known: ${known.join(', ')})`,
			};
		}
		case 'oneOf': {
			if (deeper(e, errors)) return null;
			const options = requiredOf(e.schema);
			const passing = (e.params as { passingSchemas?: number[] | null }).passingSchemas;
			return {
				field: pathOf(e.instancePath),
				message: passing
					? `may have only one of ${options.join(', ')}`
					: `needs one of ${options.join(', ')}`,
			};
		}
		case 'anyOf':
			if (deeper(e, errors)) return null;
			return {
				field: pathOf(e.instancePath),
				message: `needs at least one of ${requiredOf(e.schema).join(', ')}`,
			};
		case 'if':
			// The branch's own errors (below) say what is wrong.
			return null;
		case 'false schema':
			return {
				field: pathOf(e.instancePath),
				message: 'is not used by identity-provider definitions (identityProvider: true)',
			};
		default:
			return undefined;
	}
}

/** Whether an error below this one (other than another alternative) already says what is wrong. */
function deeper(e: ErrorObject, errors: ErrorObject[]): boolean {
	return errors.some(
		(o) =>
			o !== e &&
			o.instancePath.startsWith(e.instancePath) &&
			o.instancePath.length > e.instancePath.length &&
			!['oneOf', 'anyOf'].includes(o.keyword),
	);
}

/** A value of the wrong kind, form or length, quoting (the start of) what was given. */
function valueProblem(e: ErrorObject): DefinitionProblem {
	const data = JSON.stringify(e.data)?.slice(0, 60);
	const field = pathOf(e.instancePath);
	switch (e.keyword) {
		case 'enum':
			return {
				field,
				message: `is ${data}; must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`,
			};
		case 'pattern': {
			const description = (e.parentSchema as { description?: string })?.description;
			return {
				field,
				message: `is ${data}, which does not have the expected form${description ? `: ${description}` : ''}`,
			};
		}
		case 'type':
			return { field, message: `must be ${(e.params as { type: string }).type}, not ${data}` };
		case 'maxProperties': {
			// One of several keys (documents.accounts.id: param, pathPart, attribute or pattern).
			const keys = Object.keys((e.parentSchema as { properties?: object })?.properties ?? {});
			return {
				field,
				message: `may have only one of ${keys.join(', ')} (has ${Object.keys(e.data as object).join(', ')})`,
			};
		}
		case 'minItems':
		case 'minLength':
			return {
				field,
				message:
					e.params && (e.params as { limit: number }).limit === 1
						? 'must not be empty'
						: `is too short (${e.message})`,
			};
		default:
			return { field, message: `${e.message}${data ? ` (is ${data})` : ''}` };
	}
}

/** What the schema cannot say: regexes compile, dates have a year, addresses stay in the domains, composed ids name read fields. */
function semantics(spec: AnySpec): DefinitionProblem[] {
	const problems: DefinitionProblem[] = [];
	const fieldChecks = (path: string, field: FieldSpec | undefined) => {
		if (field) problems.push(...fieldOptionProblems(path, field, 'dd-MM-yyyy'));
	};
	if (!spec.identityProvider && spec.documents.api) problems.push(...apiProblems(spec));
	else if (!spec.identityProvider) {
		for (const [name, field] of Object.entries(spec.documents.fields))
			fieldChecks(`documents.fields.${name}`, field);
		fieldChecks('documents.id.field', spec.documents.id.field);
		fieldChecks('documents.download.link', spec.documents.download.link);
		problems.push(...detailProblems(spec.documents.download, fieldChecks));
		for (const name of spec.documents.id.compose ?? []) {
			if (!spec.documents.fields[name])
				problems.push({
					field: 'documents.id.compose',
					message: `uses "${name}", which documents.fields does not read`,
				});
		}
	}
	const urlChecks = (path: string, value: string | undefined, mustBeAbsolute: boolean) => {
		if (value === undefined) return;
		let url: URL;
		try {
			url = mustBeAbsolute ? new URL(value) : new URL(value, 'https://relative.invalid');
		} catch {
			problems.push({ field: path, message: `"${value}" is not a web address` });
			return;
		}
		if (url.hostname !== 'relative.invalid' && !urlAllowed(url, spec.domains)) {
			problems.push({
				field: path,
				message: `points to ${url.host}, which is not in domains (${spec.domains.join(', ')})`,
			});
		}
	};
	problems.push(...portProblems(spec.domains));
	problems.push(...downloadDomainProblems(spec.domains, spec.downloadDomains));
	urlChecks('loginUrl', spec.loginUrl, true);
	if (!spec.identityProvider) urlChecks('documents.url', spec.documents.url, false);
	if (!spec.identityProvider && !spec.documents.api) {
		urlChecks('documents.accounts.page', accountsPage(spec), false);
		problems.push(...accountsProblems(spec));
	}
	if (!spec.identityProvider && spec.login.sso && !spec.login.ssoButton)
		problems.push({
			field: 'login.ssoButton',
			message: 'is missing (login.sso needs the button that starts the single sign-on)',
		});
	if (!spec.identityProvider) problems.push(...loginKindProblems(spec));
	const pagination = spec.identityProvider ? undefined : spec.documents.pagination;
	if (spec.engine === 'http' && (pagination?.loadMore || pagination?.infiniteScroll))
		problems.push({
			field: 'engine',
			message: `is http, but documents.pagination.${pagination.loadMore ? 'loadMore' : 'infiniteScroll'} needs the browser (rows added by scripts); use auto or browser`,
		});
	if (!spec.identityProvider) problems.push(...printProblems(spec));
	return problems;
}

/**
 * The schema lets `host:` take one to five digits; a port outside 1–65535 would pass it and then
 * fail every run with a bare "Invalid URL" when the address is built. Leading zeros never match
 * (an address's port is compared as written: 80, not 0080).
 */
function portProblems(domains: string[]): DefinitionProblem[] {
	return domains.flatMap((domain, i) => {
		const port = /:(\d+)$/.exec(domain)?.[1];
		if (port === undefined || (/^[1-9]\d*$/.test(port) && Number(port) <= 65535)) return [];
		const message = `has port ${port}, which is no port: write one from 1 to 65535 (no leading zeros)`;
		return [{ field: `domains[${i}]`, message }];
	});
}

/**
 * A download host gets no cookie and no header: one the portal's own domains cover would get them
 * (the domains' rule wins), so the definition says two things at once.
 */
function downloadDomainProblems(domains: string[], downloads: string[] = []): DefinitionProblem[] {
	return [
		...portProblems(downloads).map((p) => ({
			...p,
			field: p.field.replace('domains', 'downloadDomains'),
		})),
		...downloads.flatMap((entry, i) => {
			const host = entry.replace(/^\*\./, '').replace(/:\d+$/, '');
			const port = /:(\d+)$/.exec(entry)?.[1];
			if (!hostAllowed(host, domains, port)) return [];
			const message = `names ${entry}, which domains already covers: a download host is one the portal's cookies never go to; name it in one list only`;
			return [{ field: `downloadDomains[${i}]`, message }];
		}),
	];
}

/** A regular expression a definition gives as text, or the problem it has. */
function regexProblem(field: string, source: string): DefinitionProblem | undefined {
	try {
		new RegExp(source);
		return undefined;
	} catch (error) {
		return { field, message: `is not a valid regular expression: ${(error as Error).message}` };
	}
}

/**
 * A passwordless login (login.signInLink) asks for the e-mail address only: a password field
 * would fill in a password the credential may not have. Mail rules must compile.
 */
function loginKindProblems(spec: DefinitionSpec): DefinitionProblem[] {
	const problems: DefinitionProblem[] = [];
	if (spec.login.signInLink)
		for (const [i, step] of (spec.login.steps ?? []).entries())
			for (const [j, field] of step.fields.entries())
				if (field.value === 'password')
					problems.push({
						field: `login.steps[${i}].fields[${j}].value`,
						message:
							'is password, but login.signInLink makes the login passwordless (the portal sends a sign-in link); remove the password field or login.signInLink',
					});
	if (spec.login.signInLink && spec.login.sso)
		problems.push({
			field: 'login.signInLink',
			message: 'cannot go with login.sso (the identity provider signs in)',
		});
	const { codePattern, from } = spec.mail ?? {};
	if (codePattern !== undefined) {
		const problem = regexProblem('mail.codePattern', codePattern);
		if (problem) problems.push(problem);
	}
	if (from && /^\/.+\/$/.test(from)) {
		const problem = regexProblem('mail.from', from.slice(1, -1));
		if (problem) problems.push(problem);
	}
	return problems;
}

/** Every problem of a definition, each naming its field; empty when it is usable. */
export function definitionProblems(input: unknown): DefinitionProblem[] {
	if (!check(input)) return describe(check.errors ?? []);
	return semantics(input as unknown as AnySpec);
}

/** The definition (a portal or an identity provider), or INVALID_INPUT listing every problem by field; nothing runs with a bad one. */
export function parseDefinition(input: unknown, source = 'definition'): AnySpec {
	let value = input;
	if (typeof input === 'string') {
		try {
			value = JSON.parse(input);
		} catch (error) {
			throw new PortalError(
				'INVALID_INPUT',
				`${source}: is not valid JSON (${(error as Error).message}).`,
				{ field: source },
			);
		}
	}
	const problems = definitionProblems(value);
	if (problems.length) throw definitionError(source, problems);
	return value as AnySpec;
}

export function definitionError(source: string, problems: DefinitionProblem[]): PortalError {
	const list = problems.map((p) => `${p.field} ${p.message}`).join('; ');
	return new PortalError('INVALID_INPUT', `${source}: ${problems.length} problem(s): ${list}.`, {
		field: source,
	});
}

/**
 * One level down (documents.download.detail): its fields' options, and one way for rows without a
 * link: a detail page or popover, or a button that downloads, never both (which would the run use?).
 */
function detailProblems(
	download: DefinitionSpec['documents']['download'],
	fieldChecks: (path: string, field: FieldSpec | undefined) => void,
): DefinitionProblem[] {
	const { detail, click } = download;
	if (!detail) return [];
	fieldChecks('documents.download.detail.open', detail.open);
	fieldChecks('documents.download.detail.link', detail.link);
	if (!click) return [];
	const message =
		'and click both say how to fetch a row without a link: keep detail (the file is one level down) or click (a button downloads it)';
	return [{ field: 'documents.download.detail', message }];
}
