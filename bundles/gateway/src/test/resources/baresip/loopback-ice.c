/*
 * loopback-ice.c: an LD_PRELOAD shim that lets a WebRTC-style baresip 1.0 (Debian's
 * baresip-core, libre 1.1.0) gather ICE candidates on 127.0.0.1 and on nothing else. Test code
 * only: Baresip.java compiles it (gcc -shared -fPIC) into target/ when Options.loopbackIce() is
 * asked for and starts that baresip with LD_PRELOAD pointing at it.
 *
 * Why: baresip's ice module gathers host candidates by walking the machine's interface addresses
 * (libre's net_if_apply -> net_getifaddrs -> getifaddrs) and skips loopback ones
 * (modules/ice/ice.c, if_handler: "if (sa_is_loopback(sa) || sa_is_linklocal(sa)) return false;"),
 * with no setting around it. Two such baresips on 127.0.0.1 then have no candidate to check.
 *
 * What it changes, and nothing else:
 * 1. sa_is_loopback (libre, a dynamic symbol of libre.so.0 that ice.so imports) answers false
 *    when it is called from baresip's ice module (the caller's address is looked up with
 *    dladdr), so if_handler keeps the loopback address; every other caller gets libre's answer.
 * 2. getifaddrs (glibc) returns only the IPv4 loopback addresses (127.0.0.0/8), so nothing in
 *    that baresip sees or advertises the machine's other addresses (e.g. 192.0.2.2, fd00::2)
 *    and ::1 (baresip binds its RTP sockets to the IPv4 any-address; an IPv6 candidate would
 *    only fail its checks).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>

struct sa; /* libre's address type; passed through unchanged */

typedef bool (*sa_is_loopback_fn)(const struct sa *);
typedef int (*getifaddrs_fn)(struct ifaddrs **);

static bool called_from_ice_module(const void *caller)
{
	Dl_info info;
	const char *slash;

	if (!dladdr(caller, &info) || !info.dli_fname)
		return false;
	slash = strrchr(info.dli_fname, '/');
	return 0 == strcmp(slash ? slash + 1 : info.dli_fname, "ice.so");
}

bool sa_is_loopback(const struct sa *sa)
{
	static sa_is_loopback_fn real;

	if (called_from_ice_module(__builtin_return_address(0)))
		return false;
	if (!real)
		real = (sa_is_loopback_fn)dlsym(RTLD_NEXT, "sa_is_loopback");
	return real ? real(sa) : false;
}

static bool ipv4_loopback(const struct ifaddrs *ifa)
{
	const struct sockaddr_in *sin;

	if (!ifa->ifa_addr || ifa->ifa_addr->sa_family != AF_INET)
		return false;
	sin = (const struct sockaddr_in *)(const void *)ifa->ifa_addr;
	return (ntohl(sin->sin_addr.s_addr) >> 24) == 127;
}

/*
 * glibc allocates the whole list as one block and freeifaddrs frees its first node's address;
 * so the list is filtered in place and keeps its first node: when that one is dropped, it takes
 * over the contents of the first one kept (all pointers still point into the same block).
 */
int getifaddrs(struct ifaddrs **ifap)
{
	static getifaddrs_fn real;
	struct ifaddrs *head, *ifa, *kept = NULL, **tail = &kept;
	int err;

	if (!real)
		real = (getifaddrs_fn)dlsym(RTLD_NEXT, "getifaddrs");
	if (!real)
		return -1;
	err = real(ifap);
	if (err || !*ifap)
		return err;

	head = *ifap;
	for (ifa = head; ifa; ifa = ifa->ifa_next) {
		if (ipv4_loopback(ifa)) {
			*tail = ifa;
			tail = &ifa->ifa_next;
		}
	}
	*tail = NULL;

	if (!kept) {
		freeifaddrs(head);
		*ifap = NULL;
		return 0;
	}
	if (kept != head) {
		struct ifaddrs *rest = kept->ifa_next;
		memcpy(head, kept, sizeof(*head));
		head->ifa_next = rest;
	}
	return 0;
}
