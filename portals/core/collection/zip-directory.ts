import { PortalError } from '../outcomes/errors';

/** More files than any invoice archive holds; a portal's archive above it is refused. */
export const MAX_ZIP_ENTRIES = 1000;
/**
 * The sum of the sizes the archive declares for its files once unpacked. A ZIP bomb is small
 * and declares gigabytes: whoever unpacks it later (the workflow's next node) would fill the
 * disk. 256 MB is ten times the file cap, far above a month of invoices.
 */
export const MAX_ZIP_UNPACKED_BYTES = 256 * 1024 * 1024;

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_DIRECTORY = 0x06054b50;
/** A ZIP64 archive says so with these: sizes or counts that do not fit the classic fields. */
const ZIP64_16 = 0xffff;
const ZIP64_32 = 0xffffffff;

export interface ZipEntry {
	name: string;
	unpackedBytes: number;
}

const refuse = (message: string) => new PortalError('INVALID_FILE', `The ZIP archive ${message}.`);

/** The end-of-central-directory record: within the last 22 bytes plus a comment of at most 64 KiB. */
function endOfDirectory(body: Buffer): number {
	for (let at = body.length - 22; at >= Math.max(0, body.length - 22 - 0xffff); at--)
		if (
			body.readUInt32LE(at) === END_OF_DIRECTORY &&
			at + 22 + body.readUInt16LE(at + 20) <= body.length
		)
			return at;
	throw refuse('has no central directory (it is cut off or not an archive)');
}

/** Bit 3 of the flags: sizes follow the data (a data descriptor), the local header's are zero. */
const SIZES_AFTER_DATA = 0x0008;

/**
 * One central-directory entry, checked against its local header. An unpacker may read either:
 * a bomb that shows a small size in the directory and a large one (or another name) in the
 * local header would pass the size cap and still unpack gigabytes. No compression method makes
 * data larger than it was beyond a few bytes a block, so compressed data above the declared
 * unpacked size (by 0.1% and 1 KB) means that size is a lie.
 */
function readEntry(body: Buffer, at: number, offset: number, end: number) {
	const packedBytes = body.readUInt32LE(at + 20);
	const unpackedBytes = body.readUInt32LE(at + 24);
	const nameLength = body.readUInt16LE(at + 28);
	const next = at + 46 + nameLength + body.readUInt16LE(at + 30) + body.readUInt16LE(at + 32);
	const local = body.readUInt32LE(at + 42);
	if (next > end || local + 30 > offset || body.readUInt32LE(local) !== LOCAL_HEADER)
		throw refuse('has an entry whose file is not where its directory says');
	const name = body.subarray(at + 46, at + 46 + nameLength).toString('utf8');
	if (/^[/\\]|^[A-Za-z]:|(^|[/\\])\.\.([/\\]|$)/.test(name))
		throw refuse(`has an entry that would unpack outside its folder (${JSON.stringify(name)})`);
	if (unpackedBytes === ZIP64_32 || packedBytes === ZIP64_32) throw refuse('is a ZIP64 archive');
	if (packedBytes > unpackedBytes * 1.001 + 1024)
		throw refuse(
			`has an entry (${JSON.stringify(name)}) smaller unpacked than packed: its size is false`,
		);
	const localName = body.subarray(local + 30, local + 30 + body.readUInt16LE(local + 26));
	const sizesAgree =
		(body.readUInt16LE(local + 6) & SIZES_AFTER_DATA) !== 0 ||
		(body.readUInt32LE(local + 18) === packedBytes &&
			body.readUInt32LE(local + 22) === unpackedBytes);
	if (
		local + 30 + localName.length > offset ||
		!localName.equals(body.subarray(at + 46, at + 46 + nameLength)) ||
		!sizesAgree
	)
		throw refuse(`has an entry (${JSON.stringify(name)}) whose file header and directory disagree`);
	return { name, unpackedBytes, next };
}

/**
 * Lists a ZIP archive's files from its central directory without unpacking anything: the
 * directory must be readable and every entry's local header where the directory says. Refused:
 * split or ZIP64 archives (no invoice archive needs them, and their sizes cannot be checked
 * cheaply), more than MAX_ZIP_ENTRIES files, declared sizes above MAX_ZIP_UNPACKED_BYTES in
 * all, and names that would unpack outside their folder (`../`, absolute paths).
 */
export function zipEntries(body: Buffer): ZipEntry[] {
	if (body.length >= 4 && body.readUInt32LE(0) === END_OF_DIRECTORY) throw refuse('holds no files');
	if (body.length < 22 || body.readUInt32LE(0) !== LOCAL_HEADER)
		throw refuse('does not start with a file header');
	const end = endOfDirectory(body);
	const count = body.readUInt16LE(end + 10);
	const size = body.readUInt32LE(end + 12);
	const offset = body.readUInt32LE(end + 16);
	if (body.readUInt16LE(end + 4) !== 0 || body.readUInt16LE(end + 8) !== count)
		throw refuse('is split over several parts');
	if (count === ZIP64_16 || offset === ZIP64_32) throw refuse('is a ZIP64 archive');
	if (count === 0) throw refuse('holds no files');
	if (count > MAX_ZIP_ENTRIES)
		throw refuse(`holds ${count} files, more than the limit of ${MAX_ZIP_ENTRIES}`);
	if (offset + size > end) throw refuse('has a central directory outside the file');
	const entries: ZipEntry[] = [];
	let total = 0;
	for (let at = offset, i = 0; i < count; i++) {
		if (at + 46 > end || body.readUInt32LE(at) !== CENTRAL_HEADER)
			throw refuse('has an unreadable central directory');
		const { name, unpackedBytes, next } = readEntry(body, at, offset, end);
		total += unpackedBytes;
		if (total > MAX_ZIP_UNPACKED_BYTES)
			throw refuse(
				`declares more than ${MAX_ZIP_UNPACKED_BYTES} bytes once unpacked (a ZIP bomb, or far more than invoices)`,
			);
		entries.push({ name, unpackedBytes });
		at = next;
	}
	return entries;
}
