import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { PassedChallenge } from '../../../portals/core/contract/session';
import type { RunResult } from '../../../portals/core/outcomes/result';
import { runPortal, type RunOptions } from '../../../portals/core/run/portal-run';
import { definitionProblems } from '../../../portals/definitions/validate';
import type { AnySpec } from '../../../portals/definitions/spec';
import { definitionMistake } from './definition-mistakes';
import { ask, codeQuestion } from './prompts';

/**
 * The checker's steps and how each reports: a line per finding, ✓ when it worked, ✗ with the
 * step, the field and what to do when not. Secret-free: no password, code or session is printed.
 */

/** A definition file, or its problems printed (each naming its field). */
export function readDefinition(path: string): AnySpec | undefined {
	let spec: AnySpec;
	try {
		spec = JSON.parse(readFileSync(resolve(path), 'utf8'));
	} catch (error) {
		console.log(`✗ definition: ${path} cannot be read as JSON: ${(error as Error).message}`);
		return undefined;
	}
	const problems = definitionProblems(spec);
	if (problems.length) {
		console.log(`✗ definition: ${path}: ${problems.length} problem(s)`);
		for (const p of problems) console.log(`  ${p.field} ${p.message}`);
		return undefined;
	}
	console.log(
		`✓ definition: ${spec.name} (${spec.slug} v${spec.version}${spec.identityProvider ? ', identity provider' : ''}), domains ${spec.domains.join(', ')}`,
	);
	return spec;
}

/** True when the step can go on; else prints the failure and saves the page for it. */
export function report(step: string, result: RunResult, out: string, ofDefinition = true): boolean {
	if (result.status === 'connected' && !result.reason) return true;
	if (result.reason === 'PARTIAL_RUN' || result.reason === 'DOWNLOAD_FAILED') return true;
	// Discovery has no definition of the user's to blame: its report said what it missed.
	const mistake = ofDefinition ? definitionMistake(result) : undefined;
	if (mistake) {
		console.log(`✗ ${step}: ${mistake.field} in the definition does not match the page`);
		console.log(`  ${mistake.what}`);
		console.log(`  what to change: ${mistake.change}`);
	} else {
		console.log(`✗ ${step}: ${result.status} / ${result.reason} — ${result.message}`);
		if (result.debug?.missingElement)
			console.log(`  missing element: ${result.debug.missingElement}`);
	}
	if (result.debug?.url) console.log(`  page: ${result.debug.url}`);
	if (!mistake) console.log(`  what to do: ${result.remedy}`);
	if (result.debug?.screenshot || result.debug?.html) {
		mkdirSync(out, { recursive: true });
		if (result.debug.screenshot) writeFileSync(join(out, `${step}.png`), result.debug.screenshot);
		if (result.debug.html) writeFileSync(join(out, `${step}.html`), result.debug.html);
		// Over plain HTTP there is no rendered page to photograph: the HTML is what the run read.
		const saved = [
			result.debug.screenshot ? join(out, `${step}.png`) : undefined,
			result.debug.html
				? `${result.debug.screenshot ? '' : `${out}/`}${step}.html (form values, tokens and scripts removed)`
				: undefined,
		].filter(Boolean);
		console.log(`  saved: ${saved.join(' and ')}`);
	}
	return false;
}

const ANSWERED: Record<PassedChallenge['answeredBy'], string> = {
	'authenticator secret': 'answered from INVOICE_PORTALS_CHECK_TOTP_SECRET',
	code: 'answered from the terminal',
	solver: 'answered by the captcha solver',
	mailbox: 'answered from the mailbox',
};

/** "✓ code page: sms (matched login.codePrompts[1], detect p.uitleg 'sms') answered from the terminal" */
export function printPassed(result: RunResult): void {
	for (const step of result.challengesPassed ?? [])
		console.log(
			`✓ code page: ${step.method}${step.matchedBy ? ` (matched ${step.matchedBy})` : ''} ${ANSWERED[step.answeredBy]}`,
		);
}

/** Logs in, asking for each code the portal wants; the result that ended the login. */
export async function loginStep(base: RunOptions, quiet = false): Promise<RunResult> {
	let login = await runPortal(base);
	if (!quiet) printPassed(login);
	while (
		login.status === 'action_required' &&
		login.challenge &&
		['sms', 'email', 'email_link', 'authenticator_app', 'captcha'].includes(login.challenge.method)
	) {
		console.log(
			`… login: the portal asks for a code (${login.challenge.method})${login.challenge.portalMessage ? `: ${login.challenge.portalMessage}` : ''}`,
		);
		const code = await ask(codeQuestion(login.challenge.method));
		// What the portal's adapter learned before the code page (discovery's login) goes on.
		login = await runPortal({
			...base,
			learned: login.learned,
			resume: { token: login.challenge.resumeToken, code },
		});
		if (!quiet) printPassed(login);
	}
	return login;
}

/** One line per listed document (the first five); the sub-account only where the portal has them. */
export function printDocuments(result: RunResult): void {
	for (const doc of result.selected.slice(0, 5))
		console.log(
			`  ${doc.issueDate}  ${doc.type.padEnd(11)} ${doc.number}  ${doc.amount ?? ''} ${doc.currency ?? ''}${doc.accountId ? `  [${doc.accountId}]` : ''}`,
		);
}

/** The downloaded file's line, or the reason there is none; false when nothing was downloaded. */
export function printDownload(result: RunResult): boolean {
	const file = result.documents[0];
	if (!file) {
		// The document's own reason: the run's is PARTIAL_RUN or a connected one (outcomes/result.ts).
		const failure = result.failures[0];
		console.log(
			`✗ download: ${failure ? `${failure.reason} — ${failure.message}` : 'nothing was downloaded'}`,
		);
		return false;
	}
	console.log(
		`✓ download: ${file.fileName} (${file.size} bytes, ${file.mimeType}, sha256 ${file.sha256.slice(0, 12)}…)`,
	);
	return true;
}
