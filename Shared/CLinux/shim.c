#define _GNU_SOURCE
#include <pthread.h>
#include <sys/socket.h>
#include "CGuichetLinux.h"

int guichet_set_thread_name(const char *name) {
    return pthread_setname_np(pthread_self(), name);
}

int guichet_accept4(int fd, struct sockaddr *address, socklen_t *length, int flags) {
    return accept4(fd, address, length, flags);
}

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

static volatile int guichet_signal_fd = -1;

static void guichet_forward_signal(int number) {
    int saved = errno;
    unsigned char byte = (unsigned char)number;
    if (guichet_signal_fd >= 0) {
        (void)!write(guichet_signal_fd, &byte, 1);
    }
    errno = saved;
}

int guichet_forward_termination_signals(int fd) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = guichet_forward_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    guichet_signal_fd = fd;
    if (sigaction(SIGTERM, &action, NULL) != 0) return -1;
    if (sigaction(SIGINT, &action, NULL) != 0) return -1;
    return 0;
}

#include <fcntl.h>

int guichet_pipe2(int fds[2], int flags) {
    return pipe2(fds, flags);
}
