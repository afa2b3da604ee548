import type { Page } from 'playwright';

/**
 * Waits after a sign-in step until the page has decided: a new page loaded, or an app redrew
 * itself and then stayed still for a moment. Discovery cannot wait for a known element (it
 * knows none yet), so it waits for quiet: no navigation and no DOM change for `quietMs`.
 */
export async function actAndSettle(
	page: Page,
	act: () => Promise<void>,
	{ timeoutMs = 20_000, quietMs = 700 } = {},
): Promise<void> {
	await page.evaluate(() => {
		const w = window as unknown as { __ipLast?: number; __ipObs?: MutationObserver };
		w.__ipObs?.disconnect();
		w.__ipLast = 0;
		w.__ipObs = new MutationObserver(() => {
			w.__ipLast = Date.now();
		});
		w.__ipObs.observe(document, { subtree: true, childList: true, characterData: true });
	});
	await act();
	const deadline = Date.now() + timeoutMs;
	let changedAt = Date.now();
	let lastSeen: number | undefined = 0;
	while (Date.now() < deadline) {
		await page.waitForTimeout(150);
		// After a navigation the observer is gone with the old page: undefined means "new page".
		const last = await page
			.evaluate(() => (window as unknown as { __ipLast?: number }).__ipLast)
			.catch(() => -1);
		if (last === -1) continue;
		if (last !== lastSeen) {
			lastSeen = last;
			changedAt = Date.now();
			if (last === undefined) {
				await page.waitForLoadState('domcontentloaded').catch(() => undefined);
				// Watch the new page too: apps keep drawing after it loaded.
				await page
					.evaluate(() => {
						const w = window as unknown as { __ipLast?: number; __ipObs?: MutationObserver };
						w.__ipLast = 0;
						w.__ipObs = new MutationObserver(() => {
							w.__ipLast = Date.now();
						});
						w.__ipObs.observe(document, { subtree: true, childList: true, characterData: true });
					})
					.catch(() => undefined);
				lastSeen = 0;
			}
			continue;
		}
		if (lastSeen !== 0 || Date.now() - changedAt > quietMs * 3) {
			if (Date.now() - changedAt >= quietMs) return;
		}
	}
}
