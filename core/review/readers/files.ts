import { isAscii } from 'node:buffer';
import { createReadStream, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as zlib from 'node:zlib';

import type { InputErrorLog } from '../inputErrors';
import { RecordSplitter } from './recordSplitter';

const gunzip = promisify(zlib.gunzip);

/**
 * Files above these on-disk sizes are split record by record instead of parsed whole, so
 * memory stays bounded. A gzip size is compared with a lower limit because CloudTrail JSON
 * compresses about ten to one.
 */
export const LARGE_JSON_BYTES = 64 * 1024 * 1024;
export const LARGE_GZIP_BYTES = 6 * 1024 * 1024;

export interface InputFile {
	path: string;
	/** Size on disk, in bytes. */
	size: number;
}

/**
 * Lists the files to review: each path that is a file, and every `.json` and `.json.gz`
 * file under each path that is a folder, in name order. Digest files under
 * `CloudTrail-Digest/` carry hashes, not events, and are skipped.
 */
export async function listInputFiles(paths: string[], errors: InputErrorLog): Promise<InputFile[]> {
	const files: InputFile[] = [];
	for (const entry of paths) {
		try {
			const stat = await fs.stat(entry);
			if (stat.isDirectory()) await walk(entry, files);
			else files.push({ path: entry, size: stat.size });
		} catch (error) {
			errors.add('file.unreadable', `${entry}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`, { source: entry });
		}
	}
	return files;
}

async function walk(folder: string, files: InputFile[]): Promise<void> {
	const entries = await fs.readdir(folder, { withFileTypes: true });
	entries.sort((a, b) => a.name.localeCompare(b.name, 'en'));
	for (const entry of entries) {
		const full = path.join(folder, entry.name);
		if (entry.isDirectory()) {
			if (entry.name !== 'CloudTrail-Digest') await walk(full, files);
		} else if (entry.isFile() && /\.json(\.gz)?$/i.test(entry.name)) {
			files.push({ path: full, size: (await fs.stat(full)).size });
		}
	}
}

/** True when the file should go through the record splitter. */
export function isLargeFile(file: InputFile, gzip: boolean): boolean {
	return file.size > (gzip ? LARGE_GZIP_BYTES : LARGE_JSON_BYTES);
}

/** True when the file starts with the gzip magic bytes. */
export async function isGzipFile(filePath: string): Promise<boolean> {
	const handle = await fs.open(filePath, 'r');
	try {
		const head = Buffer.alloc(2);
		const { bytesRead } = await handle.read(head, 0, 2, 0);
		return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
	} finally {
		await handle.close();
	}
}

/** Bytes of a whole file, decompressed, or, for a truncated gzip file, the part before the cut. */
export interface FileData {
	data: Buffer;
	/** Set when the gzip data was cut off or corrupt; `data` is what could be decompressed. */
	gzipError?: string;
}

/**
 * Reads a file whole and decompresses it when it is gzip.
 * @throws the file system error when the file cannot be read.
 */
export async function readFileData(filePath: string): Promise<FileData> {
	const data = await fs.readFile(filePath);
	if (data.length < 2 || data[0] !== 0x1f || data[1] !== 0x8b) return { data };
	try {
		return { data: await gunzip(data, { chunkSize: outputChunkSize(data) }) };
	} catch (error) {
		// Z_SYNC_FLUSH returns what was decompressed before the damage instead of failing.
		const partial = zlib.gunzipSync(data, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
		return { data: partial, gzipError: (error as Error).message };
	}
}

/**
 * Sizes zlib's output chunk from the gzip trailer (ISIZE: uncompressed length modulo 2^32
 * of the last member), so a file decompresses into one buffer instead of many 16 KiB
 * chunks joined afterwards. A wrong ISIZE only costs extra chunks.
 */
function outputChunkSize(data: Buffer): number {
	const size = data.length >= 18 ? data.readUInt32LE(data.length - 4) : 0;
	return Math.min(Math.max(size + 1024, 64 * 1024), 256 * 1024 * 1024);
}

/**
 * Decodes UTF-8; ASCII text, the usual case for CloudTrail, takes the cheaper latin1 path.
 * Pass `ascii` when the whole buffer was already checked, to decode a part of it.
 */
export function decode(data: Buffer, ascii = isAscii(data)): string {
	return ascii ? data.toString('latin1') : data.toString('utf8');
}

/**
 * Streams a large file through the record splitter, handing over batches of record text.
 * Returns the splitter (to check what was found) and the gzip or read error, if any.
 */
export async function splitFileRecords(
	filePath: string,
	gzip: boolean,
	onBatch: (texts: string[], firstIndex: number) => Promise<void>,
	batchSize = 2000,
): Promise<{ splitter: RecordSplitter; streamError?: string }> {
	let batch: string[] = [];
	let firstIndex = 0;
	const splitter = new RecordSplitter((text, index) => {
		if (batch.length === 0) firstIndex = index;
		batch.push(text);
	});
	const input = createReadStream(filePath, { highWaterMark: 1024 * 1024 });
	const stream = gzip ? input.pipe(zlib.createGunzip()) : input;
	if (gzip) input.on('error', (error) => stream.destroy(error));
	let streamError: string | undefined;
	try {
		for await (const chunk of stream) {
			splitter.push(chunk as Buffer);
			if (batch.length >= batchSize) {
				const full = batch;
				batch = [];
				await onBatch(full, firstIndex);
			}
		}
	} catch (error) {
		streamError = (error as Error).message;
	}
	if (batch.length > 0) await onBatch(batch, firstIndex);
	return { splitter, streamError };
}
