package io.candlekeep.app.security;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tells readers of the OpenAPI document that requests carry a bearer token. The {@link Caller} a handler takes comes
 * from that token ({@link CallerResolver}), so the document does not list it as a parameter to send.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiSecurity {

    static {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    @Bean
    OpenAPI candlekeepOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Candlekeep").description("A self-maintaining market-data service"))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
