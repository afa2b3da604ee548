import { createHash } from 'node:crypto';
import type { PortalCredentials, PortalDefinition } from '../contract/adapter';
import type { DocumentFilters } from '../collection/filters';
import type { DownloadedDocument } from '../contract/documents';
import { DeliveryLedger } from '../delivery/ledger';
import type { ListingDepth } from '../collection/pipeline';
import type { CaptchaSolverConfig } from '../login/captcha-solver';
import type { MailboxSettings } from '../mailbox/mailbox-settings';
import { PortalError } from '../outcomes/errors';
import { succeeded, type RunResult } from '../outcomes/result';
import { StatusStore } from '../status/status-store';
import { connectionState, type ConnectionState } from './connection-state';
import { holdLease, type LeaseOptions } from './lease/connection-lease';
import { checkDeliveryTurn, takeDeliveryTurn } from '../delivery/delivery-turns';
import { leaseStore } from './lease/lease-store-choice';
import type { LeaseStore } from './lease/lease-store';
import {
	checkLockout,
	heldBackMessage,
	lockoutAfter,
	loginFingerprint,
	type Lockout,
	type LoginAttempt,
} from './lockout';
import { openResumeToken, runPortal as runPortalInBrowser, type RunMode } from './portal-run';

/** One portal login as configured by the user (an n8n credential, the checker's file). */
export interface Connection {
	portal: PortalDefinition;
	baseUrl?: string;
	credentials: PortalCredentials;
	/** Stable key of this connection in stored state: credential, portal and user (hashed). */
	key: string;
	/** For people: the credential's name and portal. */
	label: string;
	/** The n8n credential it comes from (the overview forgets connections of deleted credentials). */
	credentialId?: string;
}

/** What a run is for. Decided once, by the operation, and kept in a resume token for Submit Code. */
export interface OperationRequest {
	mode: RunMode;
	filters: DocumentFilters;
	/** Skip what this connection delivered before. */
	onlyNew: boolean;
	/**
	 * What the caller needs to build its items, carried through a resume token unread by the
	 * engine: a Submit Code that finishes an interrupted download must build the same items
	 * (e.g. put the file in the binary field that download named).
	 */
	output?: OperationOutputOptions;
}

/** Item-building choices of the caller; plain data, so that it fits into a resume token. */
export interface OperationOutputOptions {
	/** The name of the binary field the files go into. */
	binaryField?: string;
	/** The Discover operation: its item is the definition and the report, not a list. */
	discover?: boolean;
}

export interface ConnectionRequest {
	/** What to do; a Submit Code instead continues the operation its resume token recorded. */
	operation: OperationRequest;
	resume?: { token: string; code: string };
	/** Overrides how far to list (the trigger: everything on a full scan, the first page for a test event). */
	listing?: ListingDepth;
	/** Keep only this many of the newest documents (a trigger's test event). */
	newest?: number;
	/** Who ran it, in the status store: 'action', 'trigger', 'trigger (test event)'. */
	source: string;
	/** The n8n execution (Retry On Fail stays in one), and whether a person started it. */
	executionId?: string;
	manual: boolean;
	captchaSolver?: CaptchaSolverConfig;
	/** The user's mailbox (Read Codes from Mailbox): e-mail codes and sign-in links are read from it. */
	mailbox?: MailboxSettings;
	/**
	 * Each checked file as it arrives, while the run goes on: the node hands it to n8n's binary
	 * store meanwhile instead of all 500 after the last download. Not a delivery (see `delivered`).
	 */
	onDownloaded?: (doc: DownloadedDocument) => void;
	signal?: AbortSignal;
	/** Start without what the adapter learned before (the Discover operation discovers afresh). */
	forgetLearned?: boolean;
	/**
	 * The workflow whose saved state this is, for production runs (n8n saves a workflow's state
	 * after production executions only): two of its executions never deliver the same document
	 * (delivery/delivery-turns.ts). Absent: a manual or test run, whose state is not kept.
	 */
	deliveryScope?: string;
}

export type ConnectionRun =
	| {
			ran: true;
			/** The operation that ran: the request's, or the one a resume token recorded. */
			operation: OperationRequest;
			result: RunResult;
			/** The new state, without the documents of this run: save it at once. */
			state: ConnectionState;
			/** The new state with this run's documents recorded as delivered: save it once they were output. */
			delivered: ConnectionState;
			/** This run set a lockout for login data other than the one before. */
			newLockout: boolean;
	  }
	| {
			ran: false;
			/** The lockout held the run back; nothing was sent to the portal. */
			lockout: Lockout;
			/** Within the execution whose login was rejected (n8n's Retry On Fail). */
			sameExecution: boolean;
			message: string;
			state: ConnectionState;
	  };

/** What a connection run works with; tests give a store in a temporary folder, or a portal run without a browser. */
export interface RunParts {
	store: StatusStore;
	runPortal: typeof runPortalInBrowser;
	/** Where leases and delivery turns live (files here; n8n's Redis in queue mode). */
	leases: LeaseStore;
	lease: LeaseOptions;
}

/** Codes are used within minutes; a few dozen mail ids cover any overlap of runs. */
const USED_MAIL_KEPT = 50;

export function filtersHash(filters: DocumentFilters): string {
	return createHash('sha256')
		.update(JSON.stringify(filters ?? {}))
		.digest('hex')
		.slice(0, 16);
}

/**
 * One run of one connection, the same for every node: applies the lockout rule, restores the
 * session, runs the portal, and returns the result with the connection's new state (session
 * saved or cleared, lockout, complete-scan marker, delivered documents). The status is recorded
 * in the status store. Nothing here knows n8n: the caller loads and saves the state and turns
 * the result into items.
 */
export async function runConnection(
	connection: Connection,
	stored: unknown,
	request: ConnectionRequest,
	parts: Partial<RunParts> = {},
): Promise<ConnectionRun> {
	const store = parts.store ?? new StatusStore();
	const runPortal = parts.runPortal ?? runPortalInBrowser;
	const state = connectionState(stored);
	const { portal, credentials } = connection;
	const operation = request.resume
		? ((await openResumeToken<OperationRequest>(portal, credentials, request.resume.token))
				.operation ?? request.operation)
		: request.operation;

	const lastSuccess = (await store.get(connection.key))?.lastSuccessAt;
	const attempt: LoginAttempt = {
		fingerprint: loginFingerprint(state.salt, credentials.username, credentials.password),
		executionId: request.executionId,
		manual: request.manual,
		lastSuccessAt: lastSuccess ? Date.parse(lastSuccess) : undefined,
	};
	const verdict = checkLockout(state.lockout, attempt);
	if (verdict.blocked) {
		const message = heldBackMessage(verdict.lockout, verdict.sameExecution);
		// Retry On Fail inside the execution leaves the status as the rejected login set it.
		if (!verdict.sameExecution)
			await store.recordPaused(
				connection,
				portal.slug,
				verdict.lockout.reason,
				message,
				request.source,
			);
		return {
			ran: false,
			lockout: verdict.lockout,
			sameExecution: verdict.sameExecution,
			message,
			state,
		};
	}
	if (state.lockout && state.lockout.fingerprint !== attempt.fingerprint) delete state.lockout;

	// The mails whose codes this connection used: kept with the record, the newest few only.
	const usedMail = request.mailbox ? [...(state.usedMail ?? [])] : [];
	const scanKey = filtersHash(operation.filters);
	const ledger = new DeliveryLedger(state.delivered);
	// Only New after a complete scan with the same filters: stop at a page of known documents.
	const listing =
		request.listing ?? (operation.onlyNew && state.completeScan === scanKey ? 'untilKnown' : 'all');
	// One run per connection at a time, from the login to the end of the downloads: a second run
	// waits briefly, then ends CONNECTION_BUSY having sent nothing (never a second login).
	const leases = parts.leases ?? leaseStore();
	const lease = await holdLease(leases, `connection|${connection.key}`, {
		...parts.lease,
		signal: request.signal,
	});
	let result: RunResult;
	try {
		// Deliveries of this workflow that its saved state has not seen yet: deliver nothing.
		// A Submit Code continues a run that began before and is left to finish.
		const turns =
			request.deliveryScope && operation.mode === 'download' && operation.onlyNew && !request.resume
				? `${request.deliveryScope}|${connection.key}`
				: undefined;
		if (turns) await checkDeliveryTurn(leases, turns, state.deliveryTurn);
		result = await runPortal<OperationRequest>({
			portal,
			baseUrl: connection.baseUrl,
			credentials,
			mode: operation.mode,
			filters: operation.filters,
			// A Discover signs in afresh: the login is part of what it finds.
			savedSession: request.forgetLearned ? undefined : state.session,
			resume: request.resume,
			learned: request.forgetLearned ? undefined : state.learned,
			engine: state.engine,
			operation,
			isDelivered: operation.onlyNew ? (doc) => ledger.has(doc) : undefined,
			isDeliveredFile: operation.onlyNew ? (hash) => ledger.hasFile(hash) : undefined,
			listing,
			newest: request.newest,
			captchaSolver: request.captchaSolver,
			mailbox: request.mailbox ? { settings: request.mailbox, used: usedMail } : undefined,
			onDownloaded: request.onDownloaded,
			signal: request.signal,
		});
		if (turns && result.documents.length)
			// The documents are downloaded: a store that fails now must not throw them away. Without
			// the turn, an overlapping execution may deliver them once more (at least once).
			state.deliveryTurn = await takeDeliveryTurn(
				leases,
				turns,
				Date.now(),
				state.deliveryTurn,
			).catch(() => state.deliveryTurn);
	} finally {
		await lease.release();
	}
	if (usedMail.length) state.usedMail = usedMail.slice(-USED_MAIL_KEPT);
	const now = Date.now();

	// A Discover (forgetLearned) that fails keeps what the connection knew before.
	const keepsOld =
		request.forgetLearned && !succeeded(result) && result.status !== 'action_required';
	if (result.learned !== undefined && !keepsOld) state.learned = result.learned;
	if (result.engine && (succeeded(result) || result.status === 'action_required'))
		state.engine = result.engine;
	if (result.session) state.session = result.session;
	else if (result.status === 'login_failed') delete state.session;
	const previousLockout = state.lockout;
	const lockout = lockoutAfter(previousLockout, result, attempt, now);
	if (lockout) state.lockout = lockout;
	else delete state.lockout;
	if (
		operation.mode === 'download' &&
		operation.onlyNew &&
		(succeeded(result) || result.failures.length > 0)
	) {
		// Complete: every selected document was delivered and none was left over the limit.
		const complete = !result.reason && result.counts.overLimit === 0;
		if (complete) state.completeScan = scanKey;
		else delete state.completeScan;
	}
	await store.record(connection, result, request.source, { manual: request.manual });

	const delivered = connectionState(state);
	const deliveredLedger = new DeliveryLedger(delivered.delivered);
	for (const doc of result.documents) deliveredLedger.record(doc, doc.sha256, now);
	deliveredLedger.prune(now);
	const newLockout = !!lockout && lockout.fingerprint !== previousLockout?.fingerprint;
	return { ran: true, operation, result, state, delivered, newLockout };
}

/** A run the lockout held back, as the error an action reports. */
export function heldBackError(run: Extract<ConnectionRun, { ran: false }>): PortalError {
	return new PortalError(run.lockout.reason, run.message);
}
