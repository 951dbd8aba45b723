/**
 * linux_banner (init/version.c) of Debian's build, as /proc/version and the first boot
 * line show it (catalog/loaded.txt): "Linux version RELEASE (debian-kernel@lists.debian.org)
 * (gcc-12 (Debian 12.2.0-14+deb12u1) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40) VERSION".
 */
export const LINUX_BANNER_PREFIX = (release: string): string =>
  `Linux version ${release} (debian-kernel@lists.debian.org) (gcc-12 (Debian 12.2.0-14+deb12u1) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40)`;
