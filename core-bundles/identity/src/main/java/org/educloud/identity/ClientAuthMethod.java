package org.educloud.identity;

/** How a client proves who it is at the token endpoint. */
public enum ClientAuthMethod {
    /** A public client (a browser or mobile app): no secret, so PKCE is required. */
    NONE("none"),
    /** A secret in the HTTP Basic {@code Authorization} header. */
    CLIENT_SECRET_BASIC("client_secret_basic"),
    /** A secret in the form body. */
    CLIENT_SECRET_POST("client_secret_post"),
    /** A JWT signed with the client's private key (RFC 7523); the kernel holds only the public keys. */
    PRIVATE_KEY_JWT("private_key_jwt");

    private final String value;

    ClientAuthMethod(String value) {
        this.value = value;
    }

    /** The name OAuth metadata uses, e.g. {@code client_secret_basic}. */
    public String value() {
        return value;
    }

    /**
     * @throws IllegalArgumentException naming the methods there are, when {@code value} is none of them
     */
    public static ClientAuthMethod of(String value) {
        for (ClientAuthMethod method : values()) {
            if (method.value.equals(value)) {
                return method;
            }
        }
        throw new IllegalArgumentException("client authentication method '" + value + "' is not supported: use none, "
                + "client_secret_basic, client_secret_post or private_key_jwt");
    }
}
