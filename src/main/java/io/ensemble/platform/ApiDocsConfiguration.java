package io.ensemble.platform;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.ExternalDocumentation;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Ensemble's own API ({@code /api/*}) described as OpenAPI 3 from its controllers by springdoc, served at
 * {@code /api/openapi.json} with its UI at {@code /api/docs}, both behind HTTP Basic like the rest of
 * {@code /api}. Controllers name their error statuses only; every 4xx/5xx is {@code application/problem+json}
 * ({@link ApiErrorHandler}), so the shape is filled in here once.
 */
@Configuration
class ApiDocsConfiguration {

  static final String BASIC_AUTH = "basicAuth";
  static final String PROBLEM = "Problem";

  @Bean
  OpenAPI ensembleApi() {
    return new OpenAPI()
        .info(new Info().title("Ensemble API").version("1")
            .description("The application's own API: the partner registry, decision records, partner callbacks, "
                + "webhook secrets and the governance register. HTTP Basic against Camunda's identity service, "
                + "except the signed partner callbacks. Processes, tasks and decisions are Camunda's engine REST "
                + "API at /engine-rest; what partners implement is the Partner API at /partner-api/v1/openapi.yaml."))
        .externalDocs(new ExternalDocumentation().description("Camunda 7.24 engine REST API")
            .url("https://docs.camunda.org/rest/camunda-bpm-platform/7.24/"))
        .components(new Components()
            .addSecuritySchemes(BASIC_AUTH, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                .description("A Camunda user; the groups decide what it may do")))
        .addSecurityItem(new SecurityRequirement().addList(BASIC_AUTH));
  }

  /** Every error answer of every operation is a problem document. */
  @Bean
  OpenApiCustomizer problemResponses() {
    return api -> {
      api.getComponents().addSchemas(PROBLEM, new ObjectSchema()
          .description("RFC 9457 problem details: detail names what is wrong")
          .addProperty("type", new StringSchema())
          .addProperty("title", new StringSchema())
          .addProperty("status", new IntegerSchema())
          .addProperty("detail", new StringSchema())
          .addProperty("instance", new StringSchema()));
      api.getPaths().values().forEach(path -> path.readOperations().forEach(operation ->
          operation.getResponses().forEach((status, response) -> {
            if (status.startsWith("4") || status.startsWith("5")) {
              response.setContent(new Content().addMediaType("application/problem+json",
                  new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
            }
          })));
    };
  }
}
