import { isAscii } from 'node:buffer';

import type { Baseline } from './baseline';
import type { ReviewConfig } from './config';
import { describeEventPosition } from './inputErrors';
import { extractEvents, SUPPORTED_SHAPES } from './readers/detect';
import { decode, isGzipFile, isLargeFile, listInputFiles, readFileData, splitFileRecords } from './readers/files';
import type { InputFile } from './readers/files';
import { findRecordPieces } from './readers/recordPieces';
import type { RecordPiece } from './readers/recordPieces';
import { RecordSplitter } from './readers/recordSplitter';
import type { InputError } from './types';
import { ReviewSession, StagedEvents } from './session';
import type { ReviewResult } from './session';

/**
 * Files up to this size on disk are read and decompressed while the previous file is
 * reviewed. A larger file is read only when its turn comes, so at most one of them is in
 * memory at a time.
 */
export const READ_AHEAD_MAX_BYTES = 1024 * 1024;

/** Progress of a file review, reported after each file. */
export interface ReviewProgress {
	filesDone: number;
	filesTotal: number;
	events: number;
	/** Bytes on disk of the files done. */
	bytesDone: number;
	bytesTotal: number;
}

export interface ReviewOptions {
	/** Baseline for the new-action detector. */
	baseline?: Baseline;
	/** Called after each file. */
	onProgress?: (progress: ReviewProgress) => void;
	/** Errors found before the review (config, baseline) to report with the others. */
	inputErrors?: InputError[];
}

/**
 * Reviews CloudTrail files and folders (walked recursively for `.json` and `.json.gz`).
 * One file is read at a time, plus the next one read ahead when it is small (see
 * READ_AHEAD_MAX_BYTES); large files are split record by record. Unreadable files and
 * events become input errors and the review goes on.
 */
export async function reviewPaths(paths: string[], config: ReviewConfig, options: ReviewOptions = {}): Promise<ReviewResult> {
	const session = startSession(config, options);
	const files = await listInputFiles(paths, session.errors);
	const bytesTotal = files.reduce((sum, file) => sum + file.size, 0);
	let bytesDone = 0;

	let next: Promise<Loaded> | undefined;
	for (let i = 0; i < files.length; i++) {
		const current = next ?? startReading(files[i]);
		next = i + 1 < files.length && files[i + 1].size <= READ_AHEAD_MAX_BYTES ? startReading(files[i + 1]) : undefined;
		await reviewFile(session, files[i], await current);
		session.files++;
		bytesDone += files[i].size;
		options.onProgress?.({ filesDone: i + 1, filesTotal: files.length, events: session.eventCount, bytesDone, bytesTotal });
	}
	return session.finish();
}

/**
 * Reviews events held in memory, for example n8n items: each item may be one event, one
 * LookupEvents entry, or a whole S3 log file, LookupEvents page or Lake result.
 */
export async function reviewItems(items: readonly unknown[], config: ReviewConfig, options: ReviewOptions = {}): Promise<ReviewResult> {
	const session = startSession(config, options);
	for (let index = 0; index < items.length; index++) {
		const source = items.length === 1 ? 'items' : `items[${index}]`;
		const events = extractEvents(items[index], source, session.errors);
		if (events) await session.addEvents(events, source);
		else session.errors.add('file.notCloudTrail', `${source}: item ${index} is not CloudTrail; expected ${SUPPORTED_SHAPES}.`, { source, index });
	}
	return session.finish();
}

function startSession(config: ReviewConfig, options: ReviewOptions): ReviewSession {
	const session = new ReviewSession(config, { baseline: options.baseline });
	for (const error of options.inputErrors ?? []) session.errors.record(error);
	return session;
}

type Loaded =
	| { kind: 'data'; data: Buffer; gzipError?: string }
	| { kind: 'large'; gzip: boolean }
	| { kind: 'error'; message: string };

/** Starts reading a file; never rejects, so a read-ahead cannot leave an unhandled rejection. */
async function startReading(file: InputFile): Promise<Loaded> {
	try {
		const gzip = await isGzipFile(file.path);
		if (isLargeFile(file, gzip)) return { kind: 'large', gzip };
		return { kind: 'data', ...(await readFileData(file.path)) };
	} catch (error) {
		return { kind: 'error', message: (error as NodeJS.ErrnoException).code ?? (error as Error).message };
	}
}

async function reviewFile(session: ReviewSession, file: InputFile, loaded: Loaded): Promise<void> {
	const source = file.path;
	if (loaded.kind === 'error') {
		session.errors.add('file.unreadable', `${source}: cannot be read (${loaded.message}).`, { source });
		return;
	}
	if (loaded.kind === 'large' || loaded.gzipError !== undefined) {
		await reviewBySplitting(session, file, loaded);
		return;
	}

	if (await reviewByPieces(session, source, loaded.data)) return;

	let value: unknown;
	try {
		value = JSON.parse(decode(loaded.data));
	} catch (error) {
		session.errors.add('file.invalidJson', `${source}: not valid JSON (${(error as Error).message}); file skipped.`, { source });
		return;
	}
	const events = extractEvents(value, source, session.errors);
	if (!events) {
		session.errors.add('file.notCloudTrail', `${source}: not CloudTrail; expected ${SUPPORTED_SHAPES}. File skipped.`, { source });
		return;
	}
	await session.addEvents(events, source);
}

/**
 * Reviews an S3 log file a piece of records at a time (see findRecordPieces), staging the
 * events until every piece has parsed, so an invalid file is still skipped whole. Returns
 * false, having reviewed nothing, when the file does not have the S3 log shape or a piece
 * does not parse. The caller then parses the whole file.
 */
async function reviewByPieces(session: ReviewSession, source: string, data: Buffer): Promise<boolean> {
	const pieces = findRecordPieces(data);
	if (!pieces) return false;

	const ascii = isAscii(data);
	const staged = new StagedEvents();
	let firstIndex = 0;
	for (const piece of pieces) {
		let records: unknown[];
		try {
			records = parsePiece(data, piece, ascii);
		} catch {
			return false;
		}
		await session.stageEvents(records, source, firstIndex, staged);
		firstIndex += records.length;
	}
	session.commitStaged(staged);
	return true;
}

/**
 * Parses one piece as a JSON array. The bytes just before and after it (a comma, a
 * bracket or whitespace) are overwritten with `[` and `]` while it is decoded, so the
 * piece becomes one string without a copy, and are then put back.
 */
function parsePiece(data: Buffer, piece: RecordPiece, ascii: boolean): unknown[] {
	const before = data[piece.start - 1];
	const after = data[piece.end];
	data[piece.start - 1] = 0x5b;
	data[piece.end] = 0x5d;
	let text: string;
	try {
		text = decode(data.subarray(piece.start - 1, piece.end + 1), ascii);
	} finally {
		data[piece.start - 1] = before;
		data[piece.end] = after;
	}
	return JSON.parse(text) as unknown[];
}

/**
 * Reviews a large file, or the readable part of a truncated gzip file, record by record:
 * every complete record before a cut is still reviewed.
 */
async function reviewBySplitting(session: ReviewSession, file: InputFile, loaded: Exclude<Loaded, { kind: 'error' }>): Promise<void> {
	const source = file.path;
	const onBatch = async (texts: string[], firstIndex: number): Promise<void> => {
		const events = texts.map((text, offset) => parseRecord(session, text, source, firstIndex + offset));
		await session.addEvents(events, source, firstIndex);
	};

	let streamError: string | undefined;
	let splitter: RecordSplitter;
	if (loaded.kind === 'data') {
		streamError = loaded.gzipError;
		const texts: string[] = [];
		splitter = new RecordSplitter((text) => texts.push(text));
		splitter.push(loaded.data);
		await onBatch(texts, 0);
	} else {
		({ splitter, streamError } = await splitFileRecords(file.path, loaded.gzip, onBatch));
	}

	if (streamError !== undefined) {
		const cut = splitter.endedInsideRecord ? `, and record ${splitter.count} was cut off` : '';
		session.errors.add('file.gzipInvalid', `${source}: the gzip data is truncated or corrupt (${streamError}); the ${splitter.count} complete records before the damage were reviewed${cut}.`, { source });
	} else if (!splitter.foundRecords) {
		session.errors.add('file.notCloudTrail', `${source}: no "Records" array found; a file this large must be an S3 log file or a JSON array of events. File skipped.`, { source });
	}
}

function parseRecord(session: ReviewSession, text: string, source: string, index: number): unknown {
	try {
		return JSON.parse(text);
	} catch (error) {
		const eventId = /"eventID"\s*:\s*"([^"]+)"/.exec(text)?.[1];
		session.errors.add('event.invalidJson', `${source}: ${describeEventPosition(index, eventId)} is not valid JSON (${(error as Error).message}); skipped.`, { source, eventId, index });
		return undefined;
	}
}
