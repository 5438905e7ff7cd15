package io.candlekeep.app.web;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;

/**
 * Tomcat refuses some requests before any filter or controller sees them: a path whose percent-escapes are broken
 * ({@code %zz}, a lone {@code %}) or do not decode to UTF-8 ({@code %C3}, {@code %ED%A0%80}), or that holds
 * {@code %00}. Its report for them is an HTML page; this one answers problem+json like every other refusal.
 *
 * <p>It takes the place of the error report Spring Boot adds to Tomcat's host, so it runs after Boot's customizer.
 */
@Configuration(proxyBeanMethods = false)
class ContainerErrorReport implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            StandardHost host = (StandardHost) context.getParent();
            Pipeline pipeline = host.getPipeline();
            for (Valve valve : pipeline.getValves()) {
                if (valve instanceof ErrorReportValve) {
                    pipeline.removeValve(valve);
                }
            }
            pipeline.addValve(new ProblemJsonReport());
            // the host adds a report of this class when it starts unless one is there: this one is
            host.setErrorReportValveClass(ProblemJsonReport.class.getName());
        });
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** Writes the refusal as problem+json; like Tomcat's own report, only when nothing has been written yet. */
    static final class ProblemJsonReport extends ErrorReportValve {

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            HttpStatus status = HttpStatus.resolve(response.getStatus());
            if (status == null || !status.isError() || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            AtomicBoolean ioAllowed = new AtomicBoolean(true);
            response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
            if (!ioAllowed.get()) {
                return;
            }
            String message = response.getMessage();
            try {
                ProblemJson.write(response, status, message == null || message.isBlank()
                        ? "The request could not be read: " + status.getReasonPhrase() : message);
                response.finishResponse();
            } catch (IOException | IllegalStateException e) {
                // the client has gone, or the response was taken over: nothing left to tell
            }
        }
    }
}
