package org.educloud.persistence.internal;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The database settings in force: the config file's values, each overridden by its environment
 * variable when set. An empty URL means the embedded database.
 */
record DatabaseSettings(String url, String user, String password, int poolSize, long connectionTimeoutMillis) {

    static final String CONFIG_FILE = "etc/org.educloud.persistence.cfg";
    static final String URL_ENV = "EDUCLOUD_DB_URL";
    static final String USER_ENV = "EDUCLOUD_DB_USER";
    static final String PASSWORD_ENV = "EDUCLOUD_DB_PASSWORD";
    static final String POOL_SIZE_ENV = "EDUCLOUD_DB_POOL_SIZE";

    private static final Pattern MARIADB_URL = Pattern.compile("^jdbc:(mariadb|mysql):(//[^/?]+)(/[^?]*)?(\\?.*)?$");
    private static final Pattern SECRET_PARAM = Pattern.compile("(?i)(password|pwd)=[^&]*");

    static DatabaseSettings resolve(DatabaseConfig config, Map<String, String> env) {
        String url = pick(env, URL_ENV, config.url()).trim();
        String user = pick(env, USER_ENV, config.user());
        String password = pick(env, PASSWORD_ENV, config.password());
        int poolSize = config.poolSize();
        String poolEnv = env.get(POOL_SIZE_ENV);
        if (poolEnv != null && !poolEnv.isBlank()) {
            try {
                poolSize = Integer.parseInt(poolEnv.trim());
            } catch (NumberFormatException e) {
                throw new InvalidSettingException(POOL_SIZE_ENV + "='" + poolEnv + "' is not a number: set it to a whole number such as 10, or unset it");
            }
        }
        DatabaseSettings settings = new DatabaseSettings(url, user, password, poolSize, config.connectionTimeoutMillis());
        settings.validate();
        return settings;
    }

    private static String pick(Map<String, String> env, String name, String fromFile) {
        String value = env.get(name);
        return value != null && !value.isEmpty() ? value : (fromFile == null ? "" : fromFile);
    }

    boolean embedded() {
        return url.isEmpty();
    }

    void validate() {
        if (!embedded() && !MARIADB_URL.matcher(url).matches()) {
            throw new InvalidSettingException("url '" + masked(url) + "' is not a MariaDB JDBC URL: write it as "
                    + "jdbc:mariadb://HOST:3306/DATABASE in " + CONFIG_FILE + " (or " + URL_ENV + "), or leave it empty for the embedded database");
        }
        if (poolSize < 1 || poolSize > 500) {
            throw new InvalidSettingException("poolSize " + poolSize + " is out of range: set poolSize in " + CONFIG_FILE
                    + " (or " + POOL_SIZE_ENV + ") between 1 and 500");
        }
        if (connectionTimeoutMillis < 250) {
            throw new InvalidSettingException("connectionTimeoutMillis " + connectionTimeoutMillis
                    + " is too short: set it in " + CONFIG_FILE + " to 250 or more");
        }
    }

    /** The URL with any password parameter hidden, safe to log and show. */
    static String masked(String url) {
        return SECRET_PARAM.matcher(url).replaceAll("$1=****");
    }

    /** host:port of a MariaDB URL, for messages; the whole masked URL if it has another shape. */
    static String hostAndPort(String url) {
        Matcher m = MARIADB_URL.matcher(url);
        return m.matches() ? m.group(2).substring(2) : masked(url);
    }

    /** The database name of a MariaDB URL, or empty. */
    static String databaseName(String url) {
        Matcher m = MARIADB_URL.matcher(url);
        return m.matches() && m.group(3) != null ? m.group(3).substring(1) : "";
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + masked(url) + ", user=" + user + ", password=****, poolSize=" + poolSize + "]";
    }
}
