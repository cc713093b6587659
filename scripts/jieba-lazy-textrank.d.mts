/** The patched addon source, 'patched' when it already is, or undefined when the source is not the one the patch knows. */
export function patchNodejieba(cpp: string, h: string): { cpp: string; h: string } | 'patched' | undefined;
