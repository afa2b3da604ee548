import { createHash } from 'node:crypto';
import type { PortalCredentials, PortalDefinition } from '../contract/adapter';
import type { DocumentFilters } from '../contract/filters';
import { deliveredBefore, recordDelivered } from '../delivery/deliveries';
import { checkDeliveryTurn } from '../delivery/delivery-turns';
import { takeTurnKeepingDocuments, turnScope } from '../delivery/run-turns';
import type { MailboxSettings } from '../mailbox/mailbox-settings';
import { PortalError } from '../outcomes/errors';
import { succeeded, type RunResult } from '../outcomes/result';
import { StatusStore } from '../status/status-store';
import { chooseStore } from '../store/choose-store';
import type { Store } from '../store/store';
import { connectionState, type ConnectionState } from './connection-state';
import { holdLease, type LeaseOptions } from './lease/connection-lease';
import {
	checkLockout,
	heldBackMessage,
	lockoutAfter,
	loginFingerprint,
	type Lockout,
	type LoginAttempt,
} from './lockout';
import {
	openResumeToken,
	runPortal as runPortalInBrowser,
	type RunMode,
	type RunOptions,
	type RunPassThrough,
} from './portal-run';

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
	/** Each file read as an e-invoice too (the nodes' Read Invoice Data option, issue #34). */
	readInvoiceData?: boolean;
}

/**
 * What a node asks of one run of a connection. What a portal run takes as it is (resume, the
 * captcha solver, the signal, and the collection's own request: how far to list, the newest
 * only, each file as it arrives) is declared once, in run-options.ts, and handed on unchanged.
 */
export interface ConnectionRequest extends RunPassThrough {
	/** What to do; a Submit Code instead continues the operation its resume token recorded. */
	operation: OperationRequest;
	/** Who ran it, in the status store: 'action', 'trigger', 'trigger (test event)'. */
	source: string;
	/** The n8n execution (Retry On Fail stays in one), and whether a person started it. */
	executionId?: string;
	manual: boolean;
	/** The user's mailbox (Read Codes from Mailbox): e-mail codes and sign-in links are read from it. */
	mailbox?: MailboxSettings;
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
	/** Where statuses, leases and delivery turns live (files here; n8n's Redis in queue mode). */
	storage: Store;
	/** The statuses; by default those of `storage`. */
	store: StatusStore;
	runPortal: typeof runPortalInBrowser;
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

/** What the steps of one connection run share: built once, before anything is sent. */
interface ConnectionRunContext {
	connection: Connection;
	request: ConnectionRequest;
	/** The request's operation, or the one a resume token recorded. */
	operation: OperationRequest;
	/** The connection's record, updated step by step (a copy: never the caller's object). */
	state: ConnectionState;
	attempt: LoginAttempt;
	/** Where statuses, leases and delivery turns live, chosen once for the run. */
	storage: Store;
	store: StatusStore;
	parts: Partial<RunParts>;
}

async function openConnectionRun(
	connection: Connection,
	stored: unknown,
	request: ConnectionRequest,
	parts: Partial<RunParts>,
): Promise<ConnectionRunContext> {
	const storage = parts.storage ?? chooseStore();
	const store = parts.store ?? new StatusStore(storage.statuses);
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
	return { connection, request, operation, state, attempt, storage, store, parts };
}

/** The lockout's verdict: a run held back (nothing sent to the portal), or undefined to go on. */
async function heldBack(run: ConnectionRunContext): Promise<ConnectionRun | undefined> {
	const { connection, request, state, attempt } = run;
	const verdict = checkLockout(state.lockout, attempt);
	if (!verdict.blocked) {
		if (state.lockout && state.lockout.fingerprint !== attempt.fingerprint) delete state.lockout;
		return undefined;
	}
	const message = heldBackMessage(verdict.lockout, verdict.sameExecution);
	// Retry On Fail inside the execution leaves the status as the rejected login set it.
	if (!verdict.sameExecution)
		await run.store.recordPaused(
			connection,
			connection.portal.slug,
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

/** The portal run's options, built once from the connection, its record and the request. */
function portalRunOptions(
	{ connection, request, operation, state }: ConnectionRunContext,
	usedMail: string[],
): RunOptions<OperationRequest> {
	const { resume, captchaSolver, signal } = request;
	// Only New after a complete scan with the same filters: stop at a page of known documents.
	const listing =
		request.collect?.listing ??
		(operation.onlyNew && state.completeScan === filtersHash(operation.filters)
			? 'untilKnown'
			: 'all');
	return {
		portal: connection.portal,
		baseUrl: connection.baseUrl,
		credentials: connection.credentials,
		mode: operation.mode,
		filters: operation.filters,
		// A Discover signs in afresh: the login is part of what it finds.
		savedSession: request.forgetLearned ? undefined : state.session,
		resume,
		learned: request.forgetLearned ? undefined : state.learned,
		engine: state.engine,
		operation,
		captchaSolver,
		mailbox: request.mailbox ? { settings: request.mailbox, used: usedMail } : undefined,
		signal,
		collect: {
			...request.collect,
			listing,
			...deliveredBefore(state.delivered, operation.onlyNew),
		},
	};
}

/**
 * The portal run under the connection's lease: one run per connection at a time, from the login
 * to the end of the downloads; a second run waits briefly, then ends CONNECTION_BUSY having sent
 * nothing (never a second login). A run that can deliver first checks its delivery turn, and
 * takes one once it has documents.
 */
async function runUnderLease(
	run: ConnectionRunContext,
	options: RunOptions<OperationRequest>,
): Promise<RunResult> {
	const { connection, request, operation, state, storage, parts } = run;
	const lease = await holdLease(storage.leases, `connection|${connection.key}`, {
		...parts.lease,
		signal: request.signal,
	});
	try {
		// Deliveries of this workflow that its saved state has not seen yet: deliver nothing.
		const turns = turnScope({
			deliveryScope: request.deliveryScope,
			connectionKey: connection.key,
			mode: operation.mode,
			onlyNew: operation.onlyNew,
			resuming: !!request.resume,
		});
		if (turns) await checkDeliveryTurn(storage.turns, turns, state.deliveryTurn);
		const result = await (parts.runPortal ?? runPortalInBrowser)<OperationRequest>(options);
		if (turns && result.documents.length)
			state.deliveryTurn = await takeTurnKeepingDocuments(storage.turns, turns, state.deliveryTurn);
		return result;
	} finally {
		await lease.release();
	}
}

/**
 * One run of one connection, the same for every node, in the order it happens: the lockout rule,
 * the portal run under the connection's lease, the connection's new state (session saved or
 * cleared, lockout, complete-scan marker), the status recorded in the status store, and the two
 * records to save (delivery/deliveries.ts). Nothing here knows n8n: the caller loads and saves
 * the state and turns the result into items.
 */
export async function runConnection(
	connection: Connection,
	stored: unknown,
	request: ConnectionRequest,
	parts: Partial<RunParts> = {},
): Promise<ConnectionRun> {
	const run = await openConnectionRun(connection, stored, request, parts);
	const held = await heldBack(run);
	if (held) return held;
	// The mails whose codes this connection used: kept with the record, the newest few only.
	const usedMail = request.mailbox ? [...(run.state.usedMail ?? [])] : [];
	const result = await runUnderLease(run, portalRunOptions(run, usedMail));
	if (usedMail.length) run.state.usedMail = usedMail.slice(-USED_MAIL_KEPT);
	const now = Date.now();
	const newLockout = stateAfterRun(run, result, now);
	await run.store.record(connection, result, request.source, { manual: request.manual });
	const delivered = connectionState(run.state);
	recordDelivered(delivered.delivered, result.documents, now);
	return { ran: true, operation: run.operation, result, state: run.state, delivered, newLockout };
}

/**
 * What the run changes in the connection's record: what the adapter learned, the engine that
 * worked, the session, the lockout, and the complete-scan marker of Only New downloads. Returns
 * whether it set a new lockout.
 */
function stateAfterRun(
	{ request, operation, state, attempt }: ConnectionRunContext,
	result: RunResult,
	now: number,
): boolean {
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
		if (complete) state.completeScan = filtersHash(operation.filters);
		else delete state.completeScan;
	}
	// Whether this run set a lockout for login data other than the one before.
	return !!lockout && lockout.fingerprint !== previousLockout?.fingerprint;
}

/** A run the lockout held back, as the error an action reports. */
export function heldBackError(run: Extract<ConnectionRun, { ran: false }>): PortalError {
	return new PortalError(run.lockout.reason, run.message);
}
