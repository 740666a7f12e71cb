#ifndef CKINORA_SYSTEM_H
#define CKINORA_SYSTEM_H

/// The filesystem magic number (statfs(2) f_type) of the filesystem holding `path`.
/// Returns 0 and sets *magic on success, -1 with errno set on failure.
/// A shim because Swift's Glibc module does not export <sys/vfs.h>.
int ckinora_filesystem_magic(const char *path, unsigned long *magic);

#endif
