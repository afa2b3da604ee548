/**
 * One time limit together with the caller's cancel signal (n8n's, when a run is stopped), as one
 * AbortSignal for fetch and the like.
 *
 * Not `AbortSignal.any([cancel, AbortSignal.timeout(ms)])`: on Node 20 the timeout signal inside
 * it is held only weakly, is garbage-collected before it fires, and the limit silently never ends
 * anything (nodejs/node#57736). Runs through n8n always pass a cancel signal, so theirs waited
 * for as long as a portal kept the connection open. Here the timer is an ordinary setTimeout that
 * this object holds until `end()`; the caller's signal is forwarded by a listener that `end()`
 * removes again, so thousands of requests under one long-lived cancel signal leave nothing behind.
 */
export interface TimeLimit {
	/** Aborts when the time is up or the caller's signal aborts, whichever comes first. */
	readonly signal: AbortSignal;
	/** Whether the time ran out (the caller's cancel is no timeout). */
	readonly expired: boolean;
	/** Stops the timer and lets go of the caller's signal: call it once the work is over. */
	end(): void;
}

export function timeLimit(ms: number, cancel?: AbortSignal): TimeLimit {
	const controller = new AbortController();
	let expired = false;
	const onCancel = () => {
		end();
		controller.abort(cancel?.reason);
	};
	const timer = setTimeout(() => {
		expired = true;
		end();
		controller.abort(new DOMException(`The time limit of ${ms} ms ran out.`, 'TimeoutError'));
	}, ms);
	// The timer ends what it limits, but alone it keeps no process (a command-line check) alive.
	timer.unref();
	function end(): void {
		clearTimeout(timer);
		cancel?.removeEventListener('abort', onCancel);
	}
	if (cancel?.aborted) onCancel();
	else cancel?.addEventListener('abort', onCancel, { once: true });
	return {
		signal: controller.signal,
		get expired() {
			return expired;
		},
		end,
	};
}

/** Runs `work` under a time limit and the caller's cancel signal, and ends the limit after it. */
export async function withTimeLimit<T>(
	ms: number,
	cancel: AbortSignal | undefined,
	work: (limit: TimeLimit) => Promise<T>,
): Promise<T> {
	const limit = timeLimit(ms, cancel);
	try {
		return await work(limit);
	} finally {
		limit.end();
	}
}

/**
 * `work`, or the error `expired` makes once `ms` pass first: for steps no signal can stop (a
 * Playwright print, a press awaited for its download or tab). The timer is cleared either way.
 */
export async function withinTime<T>(
	work: Promise<T>,
	ms: number,
	expired: () => Error,
): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const late = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(expired()), ms);
	});
	try {
		return await Promise.race([work, late]);
	} finally {
		clearTimeout(timer);
	}
}
