package org.educloud.basedata.internal.rest;

import static org.educloud.basedata.internal.rest.Replies.READ;
import static org.educloud.basedata.internal.rest.Replies.WRITE;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.StreamingOutput;

import org.educloud.basedata.BasedataProblem;
import org.educloud.basedata.BasedataProblem.Kind;
import org.educloud.basedata.internal.BasedataConfig;
import org.educloud.basedata.internal.bulk.ImportJob;
import org.educloud.basedata.internal.bulk.ImportJobs;
import org.educloud.basedata.internal.bulk.RosterCsvImport;
import org.educloud.identity.Caller;
import org.educloud.identity.RequiresScope;
import org.educloud.platform.rest.Problem;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtensionSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code /api/basedata/v1/imports}: bulk imports. {@code POST} the file as the body (a zip, or one
 * CSV named by {@code ?name=}), with {@code ?format=oneroster|platform} and {@code ?encoding=} when
 * they should not be detected: 202 with the job's {@code Location}. {@code GET} the job for its
 * state and counts, and {@code GET .../report} for the rejected rows as CSV.
 */
@Component(service = ImportsResource.class, configurationPid = BasedataConfig.PID)
@JaxrsResource
@JaxrsExtensionSelect(Replies.BEARER_TOKEN_FILTER)
@Path("/api/basedata/v1/imports")
public class ImportsResource {

    private static final String BASE = "/api/basedata/v1/imports/";

    private final ImportJobs jobs;
    private final long maxBytes;

    @Activate
    public ImportsResource(@Reference(name = "jobs") ImportJobs jobs, BasedataConfig config) {
        this.jobs = jobs;
        this.maxBytes = config.importMaxMegabytes() << 20;
    }

    @POST
    @RequiresScope(WRITE)
    @Consumes(MediaType.WILDCARD)
    public Response submit(@Context HttpServletRequest request, @QueryParam("format") String format,
            @QueryParam("encoding") String encoding, @QueryParam("name") String name,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long length,
            InputStream body) {
        return Replies.answer(request, caller -> {
            RosterCsvImport.Format chosen = RosterCsvImport.Format.of(format);
            String fileName = name != null && !name.isBlank() ? name
                    : contentType != null && contentType.contains("zip") ? "upload.zip" : "upload.csv";
            if (length != null && length > maxBytes) {
                return tooLarge(maxBytes, request.getRequestURI()).toResponse();
            }
            java.nio.file.Path upload = save(body, maxBytes);
            if (upload == null) {
                return tooLarge(maxBytes, request.getRequestURI()).toResponse();
            }
            ImportJob job;
            try {
                job = jobs.submit(caller, upload, fileName, chosen, encoding);
            } catch (RuntimeException e) {
                deleteQuietly(upload);
                throw e;
            }
            return Response.status(Response.Status.ACCEPTED).location(URI.create(BASE + job.id()))
                    .entity(json(job).toString()).type(MediaType.APPLICATION_JSON_TYPE).build();
        });
    }

    @GET
    @RequiresScope(READ)
    @Path("{id}")
    public Response status(@Context HttpServletRequest request, @PathParam("id") String id) {
        return Replies.answer(request, caller -> Response.ok(json(find(caller, id)).toString(), MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build());
    }

    @GET
    @RequiresScope(READ)
    @Path("{id}/report")
    public Response report(@Context HttpServletRequest request, @PathParam("id") String id) {
        return Replies.answer(request, caller -> {
            ImportJob job = find(caller, id);
            StreamingOutput csv = out -> {
                Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                jobs.report(caller, id, writer);
                writer.flush();
            };
            return Response.ok(csv, "text/csv; charset=UTF-8").header("Content-Disposition", "attachment; filename=\"import-"
                    + job.id() + "-report.csv\"").build();
        });
    }

    private ImportJob find(Caller caller, String id) {
        return jobs.find(caller, id).orElseThrow(() -> new BasedataProblem(Kind.NOT_FOUND, "", "there is no import " + id
                + " that you started; use the Location the POST answered with"));
    }

    /** 413 as problem details: how large an upload may be, and where a larger file goes. */
    static Problem tooLarge(long maxBytes, String instance) {
        return Problem.of(413, "too-large", "Upload too large", "the upload is larger than the " + (maxBytes >> 20) + " MB an "
                + "import over REST takes (importMaxMegabytes in etc/" + BasedataConfig.PID + ".cfg): split it (a zip per school "
                + "or district), or import the file at the shell with data:import").withField("body")
                .at(instance);
    }

    /**
     * The upload, streamed to a temporary file (never held in memory), which the job deletes when it
     * ends; null (and nothing kept) when it is larger than {@code max} bytes.
     */
    static java.nio.file.Path save(InputStream body, long max) {
        try {
            java.nio.file.Path file = Files.createTempFile("educloud-import-", ".upload");
            try (InputStream in = body; java.io.OutputStream out = Files.newOutputStream(file)) {
                byte[] buffer = new byte[64 * 1024];
                long total = 0;
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    total += read;
                    if (total > max) {
                        out.close();
                        deleteQuietly(file);
                        return null;
                    }
                    out.write(buffer, 0, read);
                }
            }
            if (Files.size(file) == 0) {
                deleteQuietly(file);
                throw new BasedataProblem(Kind.INVALID, "body", "the upload is empty: send the zip or CSV file as the request "
                        + "body, e.g. curl --data-binary @roster.zip -H 'Content-Type: application/zip' ...");
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("the upload could not be stored: " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(java.nio.file.Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temporary file; the system cleans its temp folder
        }
    }

    static ObjectNode json(ImportJob job) {
        ObjectNode node = JsonBody.MAPPER.createObjectNode();
        node.put("id", job.id());
        node.put("state", job.state());
        node.put("format", job.format());
        node.put("fileName", job.fileName());
        node.put("percent", job.percent());
        node.put("currentFile", job.currentFile());
        node.put("rowsRead", job.rowsRead());
        node.put("rowsCommitted", job.rowsCommitted());
        node.put("rowsCreated", job.created());
        node.put("rowsUpdated", job.updated());
        node.put("rowsUnchanged", job.unchanged());
        node.put("rowsDeleted", job.deleted());
        node.put("rowsRejected", job.rejected());
        node.put("message", job.message());
        node.put("createdAt", job.createdAt().toString());
        node.put("finishedAt", job.finishedAt() == null ? null : job.finishedAt().toString());
        node.put("report", BASE + job.id() + "/report");
        return node;
    }
}
