import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load on apps that must keep answering while another app is installed, upgraded and uninstalled:
 * {@code threads} clients GET the URLs round-robin until the file {@code stopFile} exists, then
 * print how many requests were made and how many failed (status other than 200, or no answer).
 * With {@code --bearer=TOKEN} before the URLs, every request carries that access token.
 *
 * <p>Run with the JDK's source launcher: {@code java bench/AppCycleLoad.java 8 /tmp/stop [--bearer=TOKEN] URL...}
 */
public class AppCycleLoad {

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        java.nio.file.Path stop = java.nio.file.Path.of(args[1]);
        String bearer = args[2].startsWith("--bearer=") ? args[2].substring("--bearer=".length()) : null;
        List<URI> urls = java.util.Arrays.stream(args).skip(bearer == null ? 2 : 3).map(URI::create).toList();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        AtomicLong requests = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            int offset = t;
            pool.submit(() -> {
                for (long i = offset; !java.nio.file.Files.exists(stop); i++) {
                    URI url = urls.get((int) (i % urls.size()));
                    requests.incrementAndGet();
                    try {
                        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10));
                        if (bearer != null) {
                            request.header("Authorization", "Bearer " + bearer);
                        }
                        HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() != 200) {
                            failed.incrementAndGet();
                            System.err.println(response.statusCode() + " " + url);
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                        System.err.println(e + " " + url);
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.HOURS);
        System.out.println("requests " + requests.get() + ", failed " + failed.get());
    }
}
