/**
 * include/linux/license.h license_is_gpl_compatible() of 6.1: a module whose license is
 * not one of these taints the kernel (P) and cannot use EXPORT_SYMBOL_GPL symbols.
 */
const GPL_COMPATIBLE = ['GPL', 'GPL v2', 'GPL and additional rights', 'Dual BSD/GPL', 'Dual MIT/GPL', 'Dual MPL/GPL'];

export function licenseIsGplCompatible(license: string): boolean {
  return GPL_COMPATIBLE.includes(license);
}
