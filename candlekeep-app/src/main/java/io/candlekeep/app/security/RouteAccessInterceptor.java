package io.candlekeep.app.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The access table once more, on the route a request reached: the pattern of the controller method the router
 * chose ({@code /cache/historical/{symbol}}), not the path it was sent as. {@link BearerTokenFilter} has already
 * applied the table to the normalized path; should the two ever read a path differently, the route's rule wins.
 */
@Configuration(proxyBeanMethods = false)
class RouteAccessInterceptor implements WebMvcConfigurer, HandlerInterceptor {

    private final RouteAccess access;

    RouteAccessInterceptor(RouteAccess access) {
        this.access = access;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        if (!(handler instanceof HandlerMethod)
                || !(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) instanceof String route)) {
            return true;
        }
        return access.permits(request, response, route);
    }
}
