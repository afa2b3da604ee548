import type { Download } from 'playwright';
import { DEFAULT_MAX_FILE_BYTES, type RawFile } from '../contract/raw-file';
import { PortalError } from '../outcomes/errors';

/** Reads a browser download (for portals that only offer a button), stopping at the cap. */
export async function readDownload(
	download: Download,
	maxBytes = DEFAULT_MAX_FILE_BYTES,
): Promise<RawFile> {
	const failure = await download.failure();
	if (failure) throw new PortalError('DOWNLOAD_FAILED', `The browser download failed: ${failure}`);
	const stream = await download.createReadStream();
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of stream) {
		size += (chunk as Buffer).length;
		if (size > maxBytes) {
			stream.destroy();
			throw new PortalError(
				'INVALID_FILE',
				`The file is larger than the limit of ${maxBytes} bytes.`,
			);
		}
		chunks.push(chunk as Buffer);
	}
	await download.delete().catch(() => undefined);
	return { body: Buffer.concat(chunks), suggestedName: download.suggestedFilename() };
}
