package io.siprtc.api.call;

import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Page-mode instant messages over SIP (MESSAGE, RFC 3428) from the configured accounts.
 * Received messages go to every {@link InstantMessageListener} service.
 *
 * @since 1.2
 */
@ProviderType
public interface InstantMessageService {

    /**
     * Sends one message.
     *
     * @param accountId the account to send from
     * @param target a SIP URI or a user name in the account's domain
     * @param contentType e.g. {@code text/plain;charset=UTF-8}
     * @return completes with the message once the far end accepted it (2xx); fails with a
     *     {@link CallException} naming the final status, a timeout or a transport error
     * @throws CallException when the account is unknown or the target malformed
     */
    CompletionStage<InstantMessage> send(String accountId, String target, String contentType, String body)
            throws CallException;
}
