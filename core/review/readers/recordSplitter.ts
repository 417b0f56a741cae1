const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/**
 * Incremental splitter for large CloudTrail files: it scans bytes as they arrive and hands
 * over the text of each object of the top-level `Records` array (or of a top-level array),
 * so a file is never held whole in memory. It tracks only nesting depth and strings; each
 * record is then parsed with JSON.parse.
 */
export class RecordSplitter {
	private depth = 0;
	private inString = false;
	private escaped = false;
	/** Depth inside the records array, or -1 until the array is found. */
	private arrayDepth = -1;
	/** Text of the last string at depth 1, to spot the `Records` key (first 16 characters). */
	private keyText = '';
	private capturingKey = false;
	private recordParts: Buffer[] = [];
	private inRecord = false;
	/** Records handed over so far. */
	count = 0;

	constructor(private readonly onRecord: (text: string, index: number) => void) {}

	/** True once the records array has been found. */
	get foundRecords(): boolean {
		return this.arrayDepth !== -1;
	}

	/** True when a record was cut off: the input ended inside it. */
	get endedInsideRecord(): boolean {
		return this.inRecord;
	}

	push(chunk: Buffer): void {
		let recordStart = this.inRecord ? 0 : -1;
		for (let i = 0; i < chunk.length; i++) {
			const byte = chunk[i];
			if (this.inString) {
				if (this.escaped) this.escaped = false;
				else if (byte === BACKSLASH) this.escaped = true;
				else if (byte === QUOTE) this.inString = false;
				else if (this.capturingKey && this.keyText.length < 16) this.keyText += String.fromCharCode(byte);
				if (!this.inString) this.capturingKey = false;
				continue;
			}
			if (byte === QUOTE) {
				this.inString = true;
				this.capturingKey = this.depth === 1;
				if (this.capturingKey) this.keyText = '';
			} else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
				if (byte === OPEN_BRACE && this.depth === this.arrayDepth) {
					this.inRecord = true;
					recordStart = i;
				} else if (byte === OPEN_BRACKET && this.arrayDepth === -1 && (this.depth === 0 || (this.depth === 1 && this.keyText === 'Records'))) {
					this.arrayDepth = this.depth + 1;
				}
				this.depth++;
			} else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
				this.depth--;
				if (this.inRecord && this.depth === this.arrayDepth) {
					this.recordParts.push(chunk.subarray(recordStart, i + 1));
					this.emit();
					recordStart = -1;
				}
			}
		}
		if (this.inRecord && recordStart !== -1) this.recordParts.push(Buffer.from(chunk.subarray(recordStart)));
	}

	private emit(): void {
		const text = this.recordParts.length === 1 ? this.recordParts[0].toString('utf8') : Buffer.concat(this.recordParts).toString('utf8');
		this.recordParts = [];
		this.inRecord = false;
		this.onRecord(text, this.count++);
	}
}
