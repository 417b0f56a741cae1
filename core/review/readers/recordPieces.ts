/**
 * Cuts the bytes of an S3 log file (`{"Records":[...]}`) into byte ranges of whole
 * records, so a file can be decoded and parsed a piece at a time. The parsed objects of a
 * piece become garbage before the next piece is parsed, and no string of the whole file
 * is built.
 *
 * A cut is placed only before `},{"eventVersion"`, which is where CloudTrail starts a new
 * record, so cuts need no scan of the bytes in between. A cut in a nested object, or in a
 * file that is not valid JSON, makes `JSON.parse` of that piece fail, and the caller then
 * parses the whole file as before. When every piece parses as `[piece]`, the JSON grammar
 * makes the whole file equal to `{"Records": [...all pieces]}`, because each piece starts
 * where the previous one ended a complete value.
 */

/** Bytes a piece reaches before the next cut is looked for. */
export const RECORD_PIECE_BYTES = 32 * 1024;

const CUT_MARKER = Buffer.from('},{"eventVersion"', 'latin1');
const RECORDS_KEY = Buffer.from('"Records"', 'latin1');

/**
 * A byte range `[start, end)` that contains whole records separated by commas. The array's
 * brackets lie outside every piece, so `start` is at least 1 and `end` is below the length.
 */
export interface RecordPiece {
	start: number;
	end: number;
}

/**
 * Returns the pieces of `data` between `{"Records":[` and the closing `]}`, or undefined
 * when the file does not have that shape or its array is empty.
 */
export function findRecordPieces(data: Buffer, pieceBytes = RECORD_PIECE_BYTES): RecordPiece[] | undefined {
	const bounds = recordsArrayBounds(data);
	if (!bounds) return undefined;

	const pieces: RecordPiece[] = [];
	let start = bounds.start;
	while (start < bounds.end) {
		const marker = start + pieceBytes < bounds.end ? data.indexOf(CUT_MARKER, start + pieceBytes) : -1;
		if (marker === -1 || marker >= bounds.end) {
			pieces.push({ start, end: bounds.end });
			break;
		}
		// The piece keeps the `}` that closes its last record; the next starts after the comma.
		pieces.push({ start, end: marker + 1 });
		start = marker + 2;
	}
	return pieces;
}

/**
 * Finds the inside of the Records array: after `{ "Records" : [` at the start and before
 * `] }` at the end, with JSON whitespace allowed between the tokens.
 */
function recordsArrayBounds(data: Buffer): RecordPiece | undefined {
	let start = skipWhitespace(data, 0);
	if (data[start] !== 0x7b) return undefined;
	start = skipWhitespace(data, start + 1);
	if (!data.subarray(start, start + RECORDS_KEY.length).equals(RECORDS_KEY)) return undefined;
	start = skipWhitespace(data, start + RECORDS_KEY.length);
	if (data[start] !== 0x3a) return undefined;
	start = skipWhitespace(data, start + 1);
	if (data[start] !== 0x5b) return undefined;
	start++;

	let end = skipWhitespaceBack(data, data.length);
	if (data[end - 1] !== 0x7d) return undefined;
	end = skipWhitespaceBack(data, end - 1);
	if (data[end - 1] !== 0x5d) return undefined;
	end--;

	start = skipWhitespace(data, start);
	end = skipWhitespaceBack(data, end);
	return start < end ? { start, end } : undefined;
}

function isWhitespace(byte: number): boolean {
	return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

function skipWhitespace(data: Buffer, position: number): number {
	while (position < data.length && isWhitespace(data[position])) position++;
	return position;
}

/** Returns the position after the last non-whitespace byte before `position`. */
function skipWhitespaceBack(data: Buffer, position: number): number {
	while (position > 0 && isWhitespace(data[position - 1])) position--;
	return position;
}
