/**
 * Finds the offset of the first JSON syntax error in `text`. Node 20's JSON.parse gives a
 * position for some errors ("... in JSON at position 42") but not for others
 * ("Unexpected token '}', ... is not valid JSON"), so this scanner walks the grammar itself.
 * Returns the text's length when the error is a premature end.
 */
export function jsonErrorOffset(text: string): number {
	const scanner = new JsonScanner(text);
	try {
		scanner.value();
		scanner.whitespace();
		return scanner.offset < text.length ? scanner.offset : text.length;
	} catch (error) {
		if (error instanceof JsonSyntaxAt) return error.offset;
		throw error;
	}
}

class JsonSyntaxAt extends Error {
	constructor(readonly offset: number) {
		super(`JSON syntax error at ${offset}`);
	}
}

const LITERALS = ['true', 'false', 'null'];

class JsonScanner {
	offset = 0;

	constructor(private readonly text: string) {}

	value(): void {
		this.whitespace();
		const char = this.text[this.offset];
		if (char === '{') return this.object();
		if (char === '[') return this.array();
		if (char === '"') return this.string();
		if (char !== undefined && /[-0-9]/.test(char)) return this.number();
		const literal = LITERALS.find((word) => this.text.startsWith(word, this.offset));
		if (!literal) this.fail();
		this.offset += (literal as string).length;
	}

	whitespace(): void {
		while (/[ \t\n\r]/.test(this.text[this.offset] ?? '')) this.offset++;
	}

	private object(): void {
		this.offset++;
		this.whitespace();
		if (this.text[this.offset] === '}') {
			this.offset++;
			return;
		}
		for (;;) {
			this.whitespace();
			if (this.text[this.offset] !== '"') this.fail();
			this.string();
			this.expect(':');
			this.value();
			if (this.separatorOrEnd('}')) return;
		}
	}

	private array(): void {
		this.offset++;
		this.whitespace();
		if (this.text[this.offset] === ']') {
			this.offset++;
			return;
		}
		for (;;) {
			this.value();
			if (this.separatorOrEnd(']')) return;
		}
	}

	/** Consumes `,` (returns false) or the closing character (returns true). */
	private separatorOrEnd(close: string): boolean {
		this.whitespace();
		const char = this.text[this.offset];
		if (char === ',') {
			this.offset++;
			return false;
		}
		if (char === close) {
			this.offset++;
			return true;
		}
		return this.fail();
	}

	private string(): void {
		this.offset++;
		while (this.offset < this.text.length) {
			const char = this.text[this.offset];
			if (char === '"') {
				this.offset++;
				return;
			}
			if (char === '\\') this.offset++;
			else if (char < ' ') this.fail();
			this.offset++;
		}
		this.fail();
	}

	private number(): void {
		const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.offset));
		if (!match) this.fail();
		this.offset += (match as RegExpExecArray)[0].length;
	}

	private expect(char: string): void {
		this.whitespace();
		if (this.text[this.offset] !== char) this.fail();
		this.offset++;
	}

	private fail(): never {
		throw new JsonSyntaxAt(Math.min(this.offset, this.text.length));
	}
}
