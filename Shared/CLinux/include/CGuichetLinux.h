#ifndef GUICHET_CLINUX_H
#define GUICHET_CLINUX_H
/* Linux system interfaces that Glibc's Swift module does not export. */
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <sched.h>

/* Names the calling thread (at most 15 bytes are kept), for ps, top and gdb. */
int guichet_set_thread_name(const char *name);

/* accept4(2), which needs _GNU_SOURCE. */
int guichet_accept4(int fd, struct sockaddr *address, socklen_t *length, int flags);

/* Installs handlers for SIGTERM and SIGINT that write the signal number (one byte) to `fd`, the
   write end of a non-blocking pipe: the self-pipe trick, safe whatever the threads' signal masks. */
int guichet_forward_termination_signals(int fd);
/* pipe2(2), which needs _GNU_SOURCE. */
int guichet_pipe2(int fds[2], int flags);
#endif
