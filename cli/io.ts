/** Output streams of a CLI command, injected so that tests can capture them. */
export interface CommandIo {
	stdout(text: string): void;
	stderr(text: string): void;
}
