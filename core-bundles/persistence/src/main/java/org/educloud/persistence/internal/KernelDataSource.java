package org.educloud.persistence.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.educloud.persistence.EmbeddedDatabase;
import org.educloud.platform.health.HealthIndicator;
import org.educloud.platform.health.HealthReport;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jdbc.DataSourceFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * Publishes the kernel's one pooled DataSource and reports on the database's health.
 *
 * <p>The pool is created even while the database is unreachable, so the kernel boots, answers
 * health with "down", and reconnects by itself when the database comes back; a watch logs one
 * line on each change between reachable and unreachable.
 */
@Component(configurationPid = "org.educloud.persistence", configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = HealthIndicator.class, immediate = true)
@Designate(ocd = DatabaseConfig.class)
public class KernelDataSource implements HealthIndicator {

    private static final Logger LOG = LoggerFactory.getLogger(KernelDataSource.class);
    private static final long WATCH_SECONDS = 5;

    private final BundleContext context;
    private final DataSourceFactory driver;
    private final ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "educloud-database-watch");
        t.setDaemon(true);
        return t;
    });
    private volatile DatabaseSettings settings;
    private volatile String settingsProblem;
    private volatile Connected connected;
    private volatile String lastProblem;
    private ServiceTracker<EmbeddedDatabase, EmbeddedDatabase> embedded;

    /** A live pool, its registration and the connection details it was made from. */
    private record Connected(HikariDataSource pool, ServiceRegistration<DataSource> registration, String url, String user) {
    }

    @Activate
    public KernelDataSource(BundleContext context, DatabaseConfig config,
            @Reference(name = "mariadbDriver", target = "(osgi.jdbc.driver.class=org.mariadb.jdbc.Driver)") DataSourceFactory driver) {
        this.context = context;
        this.driver = driver;
        try {
            settings = DatabaseSettings.resolve(config, System.getenv());
        } catch (InvalidSettingException e) {
            settingsProblem = e.getMessage();
            LOG.error("EduCloud database: {}", settingsProblem);
            return;
        }
        if (settings.embedded()) {
            LOG.info("EduCloud database: no url configured, starting the embedded MariaDB");
            embedded = new ServiceTracker<>(context, EmbeddedDatabase.class, null) {
                @Override
                public EmbeddedDatabase addingService(ServiceReference<EmbeddedDatabase> reference) {
                    EmbeddedDatabase database = super.addingService(reference);
                    if (database != null) {
                        connect(database.jdbcUrl(), database.user(), database.password());
                    }
                    return database;
                }

                @Override
                public void removedService(ServiceReference<EmbeddedDatabase> reference, EmbeddedDatabase database) {
                    disconnect();
                    super.removedService(reference, database);
                }
            };
            embedded.open();
        } else {
            connect(settings.url(), settings.user(), settings.password());
        }
        watch.scheduleWithFixedDelay(this::probe, WATCH_SECONDS, WATCH_SECONDS, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        watch.shutdownNow();
        if (embedded != null) {
            embedded.close();
        }
        disconnect();
    }

    private synchronized void connect(String url, String user, String password) {
        disconnect();
        Properties props = new Properties();
        props.setProperty(DataSourceFactory.JDBC_URL, url);
        props.setProperty(DataSourceFactory.JDBC_USER, user);
        props.setProperty(DataSourceFactory.JDBC_PASSWORD, password);
        DataSource unpooled;
        try {
            unpooled = driver.createDataSource(props);
        } catch (SQLException e) {
            settingsProblem = DatabaseProblem.describe(e, url, user);
            LOG.error("EduCloud database: {}", settingsProblem);
            return;
        }
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("educloud");
        pool.setDataSource(unpooled);
        pool.setMaximumPoolSize(settings.poolSize());
        pool.setMinimumIdle(Math.min(2, settings.poolSize()));
        pool.setConnectionTimeout(settings.connectionTimeoutMillis());
        pool.setValidationTimeout(Math.min(2000, settings.connectionTimeoutMillis()));
        // Start even when the database is unreachable: health says down and the pool reconnects later.
        pool.setInitializationFailTimeout(-1);
        HikariDataSource dataSource = new HikariDataSource(pool);
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("dataSourceName", "educloud");
        properties.put("osgi.jndi.service.name", "jdbc/educloud");
        properties.put("url", DatabaseSettings.masked(url));
        ServiceRegistration<DataSource> registration = context.registerService(DataSource.class, dataSource, properties);
        connected = new Connected(dataSource, registration, url, user);
        LOG.info("EduCloud database: pool ready for {}", DatabaseSettings.masked(url));
        probe();
    }

    private synchronized void disconnect() {
        Connected current = connected;
        connected = null;
        if (current != null) {
            try {
                current.registration().unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework unregisters it when the bundle stops
            }
            current.pool().close();
        }
    }

    /** Checks the database and logs one line when it becomes unreachable or reachable again. */
    private void probe() {
        HealthReport report = check();
        String problem = report.status() == org.educloud.platform.health.HealthStatus.UP ? null : report.detail();
        String previous = lastProblem;
        lastProblem = problem;
        if (problem != null && !problem.equals(previous)) {
            LOG.error("EduCloud database: {}", problem);
        } else if (problem == null && previous != null) {
            LOG.info("EduCloud database: reachable again at {}", DatabaseSettings.masked(connected.url()));
        }
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public HealthReport check() {
        if (settingsProblem != null) {
            return HealthReport.down(settingsProblem, Map.of());
        }
        Connected current = connected;
        if (current == null) {
            return HealthReport.down("waiting for the embedded database to start", Map.of("mode", "embedded"));
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("url", DatabaseSettings.masked(current.url()));
        facts.put("mode", settings.embedded() ? "embedded" : "external");
        try (Connection connection = current.pool().getConnection()) {
            facts.put("server", connection.getMetaData().getDatabaseProductVersion());
            facts.put("activeConnections", current.pool().getHikariPoolMXBean().getActiveConnections());
            facts.put("poolSize", settings.poolSize());
            return HealthReport.up("reachable", facts);
        } catch (SQLException e) {
            return HealthReport.down(DatabaseProblem.describe(e, current.url(), current.user()), facts);
        }
    }
}
