#include "ckinora_system.h"

#ifdef __linux__
#include <sys/vfs.h>
#else
#include <sys/mount.h>
#include <sys/param.h>
#endif

int ckinora_filesystem_magic(const char *path, unsigned long *magic) {
    struct statfs info;
    if (statfs(path, &info) != 0) {
        return -1;
    }
    *magic = (unsigned long)(unsigned int)info.f_type;
    return 0;
}
