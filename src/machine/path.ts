/** Absolute, normalised form of PATH relative to CWD: the kernel's FileTree rule (src/kernel/filetree.ts). */
export { resolvePath } from '../kernel/filetree';
