/**
 * Linux errno values (asm-generic/errno-base.h, errno.h) the simulated kernel returns.
 * The kernel returns them negated (-ENOENT), as syscalls do; each tool owns the words
 * it prints for them (see STYLE.md: "the tool talks; the kernel returns numbers").
 */
export const EPERM = 1;
export const ENOENT = 2;
export const ESRCH = 3;
export const EINTR = 4;
export const EIO = 5;
export const ENOEXEC = 8;
export const EBADF = 9;
export const EAGAIN = 11;
export const EWOULDBLOCK = EAGAIN;
export const ENOMEM = 12;
export const EACCES = 13;
export const EFAULT = 14;
export const EBUSY = 16;
export const EEXIST = 17;
/** rename(2) and link(2) across mounts. */
export const EXDEV = 18;
export const ENODEV = 19;
export const ENOTDIR = 20;
export const EISDIR = 21;
export const EINVAL = 22;
export const ENOSPC = 28;
export const EROFS = 30;
export const ERANGE = 34;
export const ENOSYS = 38;
export const ENOTEMPTY = 39;
export const ENOKEY = 126;
export const EKEYREJECTED = 129;
export const EOPNOTSUPP = 95;
export const ETIMEDOUT = 110;

/** strerror(3) texts of glibc, for the errnos above. */
export const strerror: Readonly<Record<number, string>> = {
  [EPERM]: 'Operation not permitted',
  [ENOENT]: 'No such file or directory',
  [ESRCH]: 'No such process',
  [EINTR]: 'Interrupted system call',
  [EIO]: 'Input/output error',
  [ENOEXEC]: 'Exec format error',
  [EBADF]: 'Bad file descriptor',
  [EAGAIN]: 'Resource temporarily unavailable',
  [ENOMEM]: 'Cannot allocate memory',
  [EACCES]: 'Permission denied',
  [EFAULT]: 'Bad address',
  [EBUSY]: 'Device or resource busy',
  [EEXIST]: 'File exists',
  [ENODEV]: 'No such device',
  [ENOTDIR]: 'Not a directory',
  [EISDIR]: 'Is a directory',
  [EINVAL]: 'Invalid argument',
  [ENOSPC]: 'No space left on device',
  [EROFS]: 'Read-only file system',
  [ERANGE]: 'Numerical result out of range',
  [ENOSYS]: 'Function not implemented',
  [ENOTEMPTY]: 'Directory not empty',
  [ENOKEY]: 'Required key not available',
  [EKEYREJECTED]: 'Key was rejected by service',
  [EOPNOTSUPP]: 'Operation not supported',
  [ETIMEDOUT]: 'Connection timed out',
};
