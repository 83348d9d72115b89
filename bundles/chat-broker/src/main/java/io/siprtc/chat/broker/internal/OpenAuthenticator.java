package io.siprtc.chat.broker.internal;

import java.util.regex.Pattern;

import io.moquette.broker.security.IAuthenticator;

/**
 * Without a password file: any well-formed user name is accepted, the password is not looked at.
 * Only processes on this machine can connect (the broker binds 127.0.0.1); the ACL still keeps
 * each user name to its own inbox.
 */
final class OpenAuthenticator implements IAuthenticator {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_@-][A-Za-z0-9._@-]{0,63}");

    @Override
    public boolean checkValid(String clientId, String username, byte[] password) {
        return username != null && NAME.matcher(username).matches();
    }
}
