/** Chooses the output formats of `iam generate`. */
import type { GeneratedRoleSet } from '../types';
import { renderCloudFormation } from './cloudformation';
import { renderJsonFiles } from './json';
import type { OutputFiles } from './json';
import { renderTerraform } from './terraform';

export type OutputFormat = 'json' | 'cloudformation' | 'terraform' | 'all';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['json', 'cloudformation', 'terraform', 'all'];
export type { OutputFiles } from './json';

/** Renders the files of one format, or of all three, by path relative to the output folder. */
export function renderOutputs(set: GeneratedRoleSet, format: OutputFormat): OutputFiles {
	const parts: OutputFiles[] = [];
	if (format === 'json' || format === 'all') parts.push(renderJsonFiles(set));
	if (format === 'cloudformation' || format === 'all') parts.push(renderCloudFormation(set));
	if (format === 'terraform' || format === 'all') parts.push(renderTerraform(set));
	return new Map(parts.flatMap((files) => [...files]));
}
