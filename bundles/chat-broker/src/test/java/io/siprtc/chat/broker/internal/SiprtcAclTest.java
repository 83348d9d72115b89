package io.siprtc.chat.broker.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moquette.broker.subscriptions.Topic;
import org.junit.jupiter.api.Test;

class SiprtcAclTest {

    final SiprtcAcl acl = new SiprtcAcl("siprtc");

    boolean read(String topic, String user) {
        return acl.canRead(new Topic(topic), user, "c");
    }

    boolean write(String topic, String user) {
        return acl.canWrite(new Topic(topic), user, "c");
    }

    @Test
    void eachUserReadsOnlyItsOwnInboxAndEveryonesPresence() {
        assertTrue(read("siprtc/inbox/alice/+/+", "alice"));
        assertTrue(read("siprtc/inbox/alice/#", "alice"));
        assertTrue(read("siprtc/inbox/alice/bob/msg", "alice"));
        assertTrue(read("siprtc/presence/+", "alice"));
        assertTrue(read("siprtc/presence/bob", "alice"));
        assertFalse(read("siprtc/inbox/bob/+/+", "alice"));
        assertFalse(read("siprtc/inbox/+/+/+", "alice"));
        assertFalse(read("siprtc/inbox/#", "alice"));
        assertFalse(read("siprtc/#", "alice"));
        assertFalse(read("#", "alice"));
        assertFalse(read("+/inbox/alice/+/+", "alice"));
        assertFalse(read("other/inbox/alice/+/+", "alice"));
        assertFalse(read("siprtc/inbox/alice/+/+", null));
    }

    @Test
    void eachUserWritesOnlyAsItself() {
        assertTrue(write("siprtc/inbox/bob/alice/msg", "alice"));
        assertTrue(write("siprtc/inbox/bob/alice/typing", "alice"));
        assertTrue(write("siprtc/presence/alice", "alice"));
        assertFalse(write("siprtc/inbox/bob/carol/msg", "alice"));
        assertFalse(write("siprtc/presence/bob", "alice"));
        assertFalse(write("siprtc/inbox/bob/alice", "alice"));
        assertFalse(write("siprtc/inbox/bob/alice/msg/x", "alice"));
        assertFalse(write("siprtc/other", "alice"));
        assertFalse(write("elsewhere/presence/alice", "alice"));
    }

    @Test
    void aDeeperRootWorksToo() {
        SiprtcAcl deep = new SiprtcAcl("org/chat");
        assertTrue(deep.canRead(new Topic("org/chat/inbox/alice/+/+"), "alice", "c"));
        assertFalse(deep.canRead(new Topic("org/inbox/alice/+/+"), "alice", "c"));
        assertTrue(deep.canWrite(new Topic("org/chat/inbox/bob/alice/msg"), "alice", "c"));
    }
}
